import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import fc from "fast-check";
import { buildTrackingWorkbook } from "../../cli/xlsx/tracking-workbook";
import { withWorkbookProtection, workbookProtectionOf } from "../../cli/xlsx/workbook-protection";
import { serverWithCoordinator } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** What Excel writes for Review → Protect Workbook with a password (structure locked). */
const EXCEL_PROTECTION =
  '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="k1p8Sx2lPq0v5y3hYjQ0bU8Lg0b2B2ZQ5c8w2o4r6XbK0jH7yq3nF1mZ4e9vT2sR8uW6aD0cE3fG5hJ7kL9mN1A==" workbookSaltValue="Zm9vYmFyYmF6cXV4cXV1eA==" workbookSpinCount="100000" lockStructure="1"/>';

async function protect(file: string, element: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", withWorkbookProtection(xml, element));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

const workbookXml = async (file: string) =>
  (await JSZip.loadAsync(readFileSync(file))).file("xl/workbook.xml")!.async("string");

/**
 * T11's finding: exceljs neither reads nor writes Protect Workbook, so `cchc sync` removed a
 * workbook's protection (and its password) without a word. A leader who locked the structure found
 * it unlocked after a colleague's sync.
 */
describe("cchc sync keeps Protect Workbook (structure locked, password hash) as it was", function () {
  this.timeout(60_000);
  const tmp = tempDir("workbook-protection");
  const suite = serverWithCoordinator();
  after(() => tmp.remove());

  it("keeps the element, attributes and place across two syncs", async () => {
    const file = tmp.file("protected.xlsx");
    await buildTrackingWorkbook({ year: 2021 }).xlsx.writeFile(file);
    await protect(file, EXCEL_PROTECTION);
    for (let round = 1; round <= 2; round++) {
      const r = await cli(["sync", file, "--server", suite.server.url, "--token", suite.token]);
      assert.equal(r.code, 0, r.err + r.out);
      const xml = await workbookXml(file);
      assert.equal(workbookProtectionOf(xml), EXCEL_PROTECTION, `round ${round}`);
      // The schema's order: after workbookPr, before bookViews and sheets (Excel refuses a file otherwise).
      const at = xml.indexOf("<workbookProtection");
      const views = xml.indexOf("<bookViews");
      assert.ok(at > xml.indexOf("<workbookPr") && at < xml.indexOf("<sheets") && (views < 0 || at < views));
    }
  });

  it("finds the element with a namespace prefix or a closing tag, and places it in any workbook part", () => {
    const tag = fc.constantFrom("", "x:");
    fc.assert(
      fc.property(tag, fc.boolean(), fc.boolean(), (prefix, closed, hasPr) => {
        const el = closed
          ? `<${prefix}workbookProtection lockStructure="1"></${prefix}workbookProtection>`
          : `<${prefix}workbookProtection lockStructure="1"/>`;
        const pr = hasPr ? '<workbookPr date1904="false"/>' : "";
        const xml = `<workbook><fileVersion appName="xl"/>${pr}${el}<bookViews/><sheets/></workbook>`;
        const found = workbookProtectionOf(xml)!;
        assert.ok(found.startsWith("<workbookProtection lockStructure"));
        const bare = `<workbook><fileVersion appName="xl"/>${pr}<bookViews/><sheets/></workbook>`;
        const put = withWorkbookProtection(bare, found);
        assert.equal(put.indexOf("<workbookProtection"), bare.indexOf("<bookViews"));
      }),
    );
  });
});
