import { strict as assert } from "node:assert";
import fc from "fast-check";
import { checkJsonLimits } from "../../functions/src/http/json-limits";
import { findBadText, keyFault, textFault } from "../../core/text/safe-text";

/** No control characters (C0, DEL, C1): what keys may hold. */
const noControls = (s: string) =>
  [...s].every((c) => c.charCodeAt(0) > 0x1f && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f));

/** Properties of the body checks that run before JSON.parse (depth, size) and after it (text). */
describe("body checks: JSON depth and size on the text, well-formed text in the value", () => {
  const limits = { maxDepth: 8, maxValues: 1_000_000 };

  it("passes every JSON value within the depth limit, whatever its text holds (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        assert.equal(checkJsonLimits(JSON.stringify(v), limits), undefined);
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it("names the exact place where nesting goes too deep, past keys holding brackets and quotes (property)", () => {
    const key = fc.string({ maxLength: 6 });
    const step = fc.oneof(
      key.map((k) => ({ k })),
      fc.nat(3).map((i) => ({ i })),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 9, maxLength: 20 }), (path) => {
        // Build {k: …} / [x, x, …, …] along the path, with decoys before each step.
        let value: unknown = 1;
        for (const s of [...path].reverse())
          value = "k" in s ? { '{["': "]}", [s.k]: value } : [...Array(s.i).fill("[{"), value];
        const found = checkJsonLimits(JSON.stringify(value), limits);
        assert.ok(found, "too deep");
        const expected = path
          .slice(0, limits.maxDepth)
          .map((s) => `/${"k" in s ? s.k.replace(/~/g, "~0").replace(/\//g, "~1") : s.i}`)
          .join("");
        assert.equal(found.pointer, expected);
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it("counts values: an array longer than the limit is refused", () => {
    assert.equal(checkJsonLimits(`[${"0,".repeat(99)}0]`, { maxDepth: 8, maxValues: 200 }), undefined);
    assert.equal(
      checkJsonLimits(`[${"0,".repeat(299)}0]`, { maxDepth: 8, maxValues: 200 })?.problem,
      "values",
    );
  });

  it("accepts well-formed text without control characters anywhere (property)", () => {
    const clean = fc.string({ unit: "grapheme", maxLength: 30 }).filter(noControls);
    fc.assert(
      fc.property(fc.dictionary(clean, fc.array(clean, { maxLength: 3 })), (v) => {
        assert.equal(findBadText(v), undefined);
      }),
      { seed: 10, numRuns: 300 },
    );
  });

  it("finds a lone surrogate or control character wherever it is put, with its pointer (property)", () => {
    const bad = fc.constantFrom("\ud800", "\udfff", "\u0000", "\u001b", "\ud83d x");
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 10 }).filter((s) => noControls(s) && !/[~/]/.test(s)),
        fc.nat(3),
        bad,
        (key, index, b) => {
          const list = Array.from({ length: index + 1 }, (_, i) => (i === index ? `a${b}z` : "ok"));
          const found = findBadText({ push: [{ data: { [key]: list } }] });
          assert.deepEqual(found?.pointer, `/push/0/data/${key}/${index}`);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it("keeps tab and line breaks in cell text, but not in keys", () => {
    assert.equal(textFault("a\tb\r\nc"), undefined);
    assert.equal(keyFault("a\tb"), "control");
    assert.equal(textFault("😀"), undefined);
    assert.equal(textFault("\ude00\ud83d"), "surrogate", "a reversed pair is two lone halves");
  });
});
