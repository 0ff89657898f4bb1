import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { parseXml, validateManifest } from "../../scripts/validate-manifest";

const manifest = readFileSync("manifest.xml", "utf8");

describe("manifest.xml (npm run validate, offline part)", () => {
  it("passes the structural check", () => {
    assert.deepEqual(validateManifest(manifest), []);
  });

  it("has the ribbon's Đồng bộ function command and the CCHC pane button on the Home tab", () => {
    assert.match(manifest, /<OfficeTab id="TabHome">/);
    assert.match(manifest, /xsi:type="ExecuteFunction">\s*<FunctionName>syncNow<\/FunctionName>/);
    assert.match(manifest, /xsi:type="ShowTaskpane">/);
    assert.match(
      manifest,
      /id="Sync.Label" DefaultValue="Đồng bộ">\s*<bt:Override Locale="en-US" Value="Sync"/,
    );
  });

  it("points only at icons that exist in assets/", () => {
    for (const m of manifest.matchAll(/https:\/\/localhost:3000\/assets\/([\w.-]+)/g))
      assert.ok(existsSync(`assets/${m[1]}`), m[1]);
  });

  const broken: [string, (x: string) => string, RegExp][] = [
    [
      "elements out of schema order",
      (x) => x.replace(/(<Version>.*<\/Version>\s*)(<ProviderName>.*<\/ProviderName>)/, "$2\n$1"),
      /must come before/,
    ],
    [
      "a missing required element",
      (x) => x.replace(/<Permissions>.*<\/Permissions>/, ""),
      /<Permissions> is required/,
    ],
    ["an Id that is not a GUID", (x) => x.replace(/<Id>[^<]*<\/Id>/, "<Id>cchc</Id>"), /GUID/],
    ["a bad version", (x) => x.replace(/<Version>[^<]*<\/Version>/, "<Version>v1</Version>"), /Version/],
    [
      "an http URL",
      (x) => x.replace('"https://localhost:3000/commands.html"', '"http://localhost:3000/commands.html"'),
      /must be https/,
    ],
    [
      "an undefined resource id",
      (x) => x.replace('resid="Sync.Tooltip"', 'resid="Sync.Nope"'),
      /Sync.Nope is not defined/,
    ],
    ["a lower requirement set", (x) => x.replace('MinVersion="1.13"', 'MinVersion="1.9"'), /ExcelApi 1.13/],
    ["a tag left open", (x) => x.replace("</Hosts>\n  <Requirements>", "<Requirements>"), /XML/],
  ];
  for (const [what, breakIt, expected] of broken)
    it(`reports ${what}`, () => {
      const changed = breakIt(manifest);
      assert.notEqual(changed, manifest, "the test's edit applies");
      const problems = validateManifest(changed);
      assert.ok(
        problems.some((p) => expected.test(p)),
        problems.join("\n"),
      );
    });

  it("reads entities and self-closing tags", () => {
    const doc = parseXml('<?xml version="1.0"?><a x="1 &amp; 2"><b/>t&lt;</a>');
    assert.equal(doc.children[0]!.attrs.x, "1 & 2");
    assert.equal(doc.children[0]!.children[0]!.name, "b");
    assert.equal(doc.children[0]!.text, "t<");
  });
});
