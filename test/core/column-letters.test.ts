import { strict as assert } from "node:assert";
import fc from "fast-check";
import { columnIndex, columnLetter, parseColumnLetters } from "../../core/layout/grid";

describe("column letters (one helper for every adapter)", () => {
  it("letters and indexes round-trip over Excel's 16,384 columns", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16383 }), (i) => {
        assert.equal(columnIndex(columnLetter(i)), i);
        assert.equal(parseColumnLetters(columnLetter(i)), i);
      }),
    );
  });

  it("a correction naming no column of Excel is refused, not mapped somewhere else", () => {
    for (const text of ["", "XFE", "AAAA", "a", "A1", "1", "Ă"])
      assert.equal(parseColumnLetters(text), undefined, text);
    assert.equal(parseColumnLetters("XFD"), 16383);
  });
});
