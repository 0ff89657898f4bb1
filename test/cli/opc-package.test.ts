import { strict as assert } from "node:assert";
import fc from "fast-check";
import { defaultMainNamespace, plainTextAsRun, prefixDrawing } from "../../cli/xlsx/normalise-package";
import {
  parseContentTypes,
  parseRels,
  relativeTarget,
  relsPartOf,
  resolveTarget,
  serializeContentTypes,
  serializeRels,
  sourceOfRels,
} from "../../cli/xlsx/opc-package";

const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,8}$/);
const partName = fc
  .tuple(
    fc.array(segment, { minLength: 0, maxLength: 3 }),
    segment,
    fc.constantFrom("xml", "vml", "bin", "png"),
  )
  .map(([dirs, base, ext]) => [...dirs, `${base}.${ext}`].join("/"));
/** Any text XML 1.0 can hold (no control characters other than tab, line feed, carriage return). */
const text = fc
  .string({ maxLength: 30 })
  .filter((s) => [...s].every((c) => c.charCodeAt(0) >= 0x20 || c === "\t" || c === "\n" || c === "\r"));

describe("package parts: names, relationships, content types (properties)", () => {
  it("a relative target resolves back to the part, from any source part (and from the package)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(""), partName), partName, (source, part) => {
        assert.equal(resolveTarget(source, relativeTarget(source, part)), part);
        assert.equal(resolveTarget(source, `/${part}`), part, "absolute targets too");
      }),
    );
  });

  it("a relationships part names its source part", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(""), partName), (part) =>
        assert.equal(sourceOfRels(relsPartOf(part)), part),
      ),
    );
  });

  it("relationships and content types survive being written and read, whatever their text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: text, type: text, target: text, external: fc.boolean() }), { maxLength: 5 }),
        (rels) =>
          assert.deepEqual(
            parseRels(serializeRels(rels)),
            rels.map((r) => ({ ...r })),
          ),
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(segment, text), fc.dictionary(partName, text), (defaults, overrides) => {
        const ct = {
          defaults: new Map(Object.entries(defaults).map(([k, v]) => [k.toLowerCase(), v])),
          overrides: new Map(Object.entries(overrides)),
        };
        const back = parseContentTypes(serializeContentTypes(ct));
        assert.deepEqual(back.defaults, ct.defaults);
        assert.deepEqual(back.overrides, ct.overrides);
      }),
    );
  });

  it("the XML rewrites keep every text and are idempotent", () => {
    const words = fc.array(fc.stringMatching(/^[^<>&]{0,12}$/), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(words, (ws) => {
        const plain = `<comments xmlns="m"><commentList>${ws.map((w, i) => `<comment ref="A${i + 1}"><text><t>${w}</t></text></comment>`).join("")}</commentList></comments>`;
        const once = plainTextAsRun(plain);
        assert.equal(plainTextAsRun(once), once);
        assert.deepEqual(
          [...once.matchAll(/<r><t>([^<]*)<\/t><\/r>/g)].map((m) => m[1]),
          ws,
        );
        const prefixed = `<?xml version="1.0"?>\n<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><x:sheetData>${ws.map((w) => `<x:row><x:c t="inlineStr"><x:is><x:t>${w}</x:t></x:is></x:c></x:row>`).join("")}</x:sheetData></x:worksheet>`;
        const unprefixed = defaultMainNamespace(prefixed);
        assert.equal(defaultMainNamespace(unprefixed), unprefixed);
        assert.doesNotMatch(unprefixed, /<\/?x:/);
        assert.deepEqual(
          [...unprefixed.matchAll(/<t>([^<]*)<\/t>/g)].map((m) => m[1]),
          ws,
        );
        const drawing = `<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="urn:a"><oneCellAnchor><pic><a:blip/></pic></oneCellAnchor></wsDr>`;
        assert.equal(prefixDrawing(prefixDrawing(drawing)), prefixDrawing(drawing));
      }),
    );
  });

  it("leaves alone what it cannot rewrite safely", () => {
    const otherDefault = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:extLst><foo xmlns="urn:other"/></x:extLst></x:worksheet>`;
    assert.equal(defaultMainNamespace(otherDefault), otherDefault);
    const prefixedAttribute = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" x:foo="1"/>`;
    assert.equal(defaultMainNamespace(prefixedAttribute), prefixedAttribute);
    const mixed = `<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><x xmlns="urn:other"/></wsDr>`;
    assert.equal(prefixDrawing(mixed), mixed);
  });
});
