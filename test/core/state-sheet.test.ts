import { strict as assert } from "node:assert";
import fc from "fast-check";
import { DamagedStateError, decodeStateCells, encodeStateCells } from "../../core/sync/state-sheet";
import { emptyState, parseState, serializeState } from "../../core/sync/sync-state";

const EXCEL_CELL_LIMIT = 32_767;

describe("state sheet encoding (contract 2; issue 7, defect 8)", () => {
  it("round-trips any text in cells under Excel's limit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat({ max: 70_000 }), (text, pad) => {
        const full = text + "x".repeat(pad);
        const cells = encodeStateCells(full);
        for (const c of cells) assert.ok(c.length < EXCEL_CELL_LIMIT);
        assert.equal(decodeStateCells(cells), full);
      }),
      { numRuns: 60 },
    );
  });

  it("detects a changed character or a missing chunk", () => {
    const text = serializeState({ ...emptyState(), year: 2021, cursor: { p: 3 } }) + " ".repeat(65_000);
    const cells = encodeStateCells(text);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: cells.length - 1 }), fc.nat(), (chunk, at) => {
        const damaged = cells.slice();
        const s = damaged[chunk]!;
        const i = at % s.length;
        damaged[chunk] = s.slice(0, i) + (s[i] === "#" ? "$" : "#") + s.slice(i + 1);
        assert.throws(() => decodeStateCells(damaged), DamagedStateError);
      }),
      { numRuns: 50 },
    );
    assert.throws(() => decodeStateCells(cells.slice(0, -1)), DamagedStateError);
    assert.throws(() => decodeStateCells([cells[0]!, "", ...cells.slice(2)]), DamagedStateError);
    const firstFormat = [text.slice(0, 30_000), text.slice(30_000, 60_000), text.slice(60_000)];
    assert.equal(
      parseState(decodeStateCells(["", ...firstFormat])).year,
      2021,
      "no header: the first format",
    );
    assert.throws(() => parseState(decodeStateCells(["", ...firstFormat.slice(1)])), DamagedStateError);
  });

  it("stores the text packed (format 3), and still reads format 2 (the text as it is)", () => {
    const records = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [
        `hs:H40-${i}`,
        {
          kind: "dossier",
          unit: "VP",
          version: 1,
          base: { code: `H40-${i}`, unit: "VP", status: "resolved" },
        },
      ]),
    );
    const text = JSON.stringify({ ...emptyState(), year: 2021, records });
    const cells = encodeStateCells(text);
    assert.match(cells[0]!, /^cchc-state;v=3;/);
    assert.ok(cells.slice(1).join("").length * 5 < text.length, "packed to under a fifth");
    assert.equal(decodeStateCells(cells), text);
    const sum = /sum=([0-9a-f]+)/.exec(cells[0]!)![1];
    const v2 = [`cchc-state;v=2;chunks=1;length=${text.length};sum=${sum}`, text];
    assert.equal(decodeStateCells(v2), text);
    assert.deepEqual(decodeStateCells(encodeStateCells("")), "");
  });

  it("still reads the first format (the JSON text over cells, no header)", () => {
    const text = serializeState({ ...emptyState(), year: 2021 });
    assert.deepEqual(parseState(decodeStateCells([text.slice(0, 10), text.slice(10)])).year, 2021);
    assert.deepEqual(parseState(decodeStateCells([])), emptyState());
  });

  it("reports a damaged text as DamagedStateError, never a SyntaxError", () => {
    for (const bad of ['{"format":1,"records":', "[]", '{"format":7}', '{"format":1,"cursor":{}}'])
      assert.throws(() => parseState(bad), DamagedStateError, bad);
  });
});
