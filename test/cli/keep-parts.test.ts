import { strict as assert } from "node:assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { buildTrackingWorkbook } from "../../cli/xlsx/tracking-workbook";
import { loadWorkbook, writeWorkbookFile } from "../../cli/xlsx/workbook-file";
import { serverWithCoordinator } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const CT = {
  taskpanes: "application/vnd.ms-office.webextensiontaskpanes+xml",
  webextension: "application/vnd.ms-office.webextension+xml",
  itemProps: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
};
const REL = {
  taskpanes: "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
  webextension: "http://schemas.microsoft.com/office/2011/relationships/webextension",
  customXml: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
  customXmlProps: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
};
const WEBEXTENSION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{52811C31-4593-43B8-A697-EB873422D156}"><we:reference id="wa200000000" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties><we:property name="cchc.server" value="&quot;https://cchc.example&quot;"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`;
const TASKPANES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`;
const ITEM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cchc xmlns="urn:cchc-tracker">state</cchc>`;
const ITEM_PROPS = `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6E0B7A2C-1111-4B1C-9D5E-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`;

const rel = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
const addRel = (xml: string, r: string) => xml.replace("</Relationships>", `${r}</Relationships>`);
const addOverride = (xml: string, part: string, type: string) =>
  xml.replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`);

async function edit(file: string, f: (zip: JSZip) => Promise<void>): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  await f(zip);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
const text = (zip: JSZip, part: string) => zip.file(part)!.async("string");

/** What Excel writes when the add-in's task pane is bound to a workbook, plus a custom XML part. */
async function bindAddin(file: string): Promise<void> {
  await edit(file, async (zip) => {
    zip.file("xl/webextensions/webextension1.xml", WEBEXTENSION);
    zip.file("xl/webextensions/taskpanes.xml", TASKPANES);
    zip.file(
      "xl/webextensions/_rels/taskpanes.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", REL.webextension, "webextension1.xml")}</Relationships>`,
    );
    zip.file("customXml/item1.xml", ITEM);
    zip.file("customXml/itemProps1.xml", ITEM_PROPS);
    zip.file(
      "customXml/_rels/item1.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", REL.customXmlProps, "itemProps1.xml")}</Relationships>`,
    );
    zip.file(
      "_rels/.rels",
      addRel(await text(zip, "_rels/.rels"), rel("rIdWe", REL.taskpanes, "xl/webextensions/taskpanes.xml")),
    );
    zip.file(
      "xl/_rels/workbook.xml.rels",
      addRel(
        await text(zip, "xl/_rels/workbook.xml.rels"),
        rel("rIdCx", REL.customXml, "../customXml/item1.xml"),
      ),
    );
    let ct = await text(zip, "[Content_Types].xml");
    ct = addOverride(ct, "xl/webextensions/taskpanes.xml", CT.taskpanes);
    ct = addOverride(ct, "xl/webextensions/webextension1.xml", CT.webextension);
    ct = addOverride(ct, "customXml/itemProps1.xml", CT.itemProps);
    zip.file("[Content_Types].xml", ct);
  });
}

/** A part of a kind exceljs cannot write, referenced from the first sheet or the workbook. */
async function addForeignPart(
  file: string,
  part: string,
  contentType: string,
  relType: string,
  from: "sheet" | "workbook",
): Promise<void> {
  await edit(file, async (zip) => {
    zip.file(part, from === "sheet" ? "<x/>" : Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    const relsPart = from === "sheet" ? "xl/worksheets/_rels/sheet1.xml.rels" : "xl/_rels/workbook.xml.rels";
    const base = from === "sheet" ? "xl/worksheets" : "xl";
    const existing =
      zip.file(relsPart) !== null
        ? await text(zip, relsPart)
        : `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    zip.file(relsPart, addRel(existing, rel("rIdForeign1", relType, path.posix.relative(base, part))));
    zip.file("[Content_Types].xml", addOverride(await text(zip, "[Content_Types].xml"), part, contentType));
  });
}

describe("cchc sync keeps what it does not understand, or refuses before writing (issue 7, defect 6)", function () {
  this.timeout(60_000);
  const tmp = tempDir("keep-parts");
  const suite = serverWithCoordinator();
  let n = 0;
  after(() => {
    tmp.remove();
  });
  const blank = async () => {
    const file = tmp.file(`book-${++n}.xlsx`);
    await buildTrackingWorkbook({ year: 2021 }).xlsx.writeFile(file);
    return file;
  };
  const sync = (file: string) => cli(["sync", file, "--server", suite.server.url, "--token", suite.token]);

  it("keeps the add-in's task-pane binding and custom XML across two syncs (parts, relationships, content types)", async () => {
    const file = await blank();
    await bindAddin(file);
    for (let round = 1; round <= 2; round++) {
      const r = await sync(file);
      assert.equal(r.code, 0, r.err + r.out);
      const zip = await JSZip.loadAsync(readFileSync(file));
      assert.equal(await text(zip, "xl/webextensions/webextension1.xml"), WEBEXTENSION, `round ${round}`);
      assert.equal(await text(zip, "xl/webextensions/taskpanes.xml"), TASKPANES);
      assert.match(await text(zip, "xl/webextensions/_rels/taskpanes.xml.rels"), /webextension1\.xml/);
      assert.equal(await text(zip, "customXml/item1.xml"), ITEM);
      assert.equal(await text(zip, "customXml/itemProps1.xml"), ITEM_PROPS);
      const root = await text(zip, "_rels/.rels");
      assert.equal(root.split("webextensiontaskpanes").length - 1, 1, "one task-pane relationship");
      const wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
      assert.equal(wbRels.split('relationships/customXml"').length - 1, 1, "one custom XML relationship");
      const ct = await text(zip, "[Content_Types].xml");
      for (const type of Object.values(CT)) assert.ok(ct.includes(type), `content type ${type}`);
      assert.match(await text(zip, "xl/workbook.xml"), /<sheets>/);
      await loadWorkbook(file); // still a workbook exceljs (and so the next sync) reads
    }
  });

  it("keeps pictures (exceljs rewrites them)", async () => {
    const file = tmp.file("picture.xlsx");
    const wb = buildTrackingWorkbook({ year: 2021 });
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
      "base64",
    );
    const image = wb.addImage({ buffer: png as unknown as ArrayBuffer, extension: "png" });
    wb.worksheets[0]!.addImage(image, "K2:L4");
    await wb.xlsx.writeFile(file);
    const r = await sync(file);
    assert.equal(r.code, 0, r.err);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const media = Object.keys(zip.files).filter((f) => f.startsWith("xl/media/") && !zip.files[f]!.dir);
    assert.equal(media.length, 1);
    assert.ok((await zip.file(media[0]!)!.async("nodebuffer")).equals(png));
  });

  it("keeps the file's preview picture (docProps/thumbnail.jpeg)", async () => {
    const file = await blank();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
    await edit(file, async (zip) => {
      zip.file("docProps/thumbnail.jpeg", jpeg);
      zip.file(
        "_rels/.rels",
        addRel(
          await text(zip, "_rels/.rels"),
          rel(
            "rIdThumb",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
            "docProps/thumbnail.jpeg",
          ),
        ),
      );
      zip.file(
        "[Content_Types].xml",
        addOverride(await text(zip, "[Content_Types].xml"), "docProps/thumbnail.jpeg", "image/jpeg"),
      );
    });
    const r = await sync(file);
    assert.equal(r.code, 0, r.err);
    const zip = await JSZip.loadAsync(readFileSync(file));
    assert.ok((await zip.file("docProps/thumbnail.jpeg")!.async("nodebuffer")).equals(jpeg));
    assert.match(await text(zip, "_rels/.rels"), /metadata\/thumbnail/);
  });

  const refused: [string, RegExp, (file: string) => Promise<void>][] = [
    [
      "a picture in a page header",
      /pictures in headers, footers or elsewhere/,
      async (f) => {
        await addForeignPart(
          f,
          "xl/drawings/vmlDrawingHF1.vml",
          "application/vnd.openxmlformats-officedocument.vmlDrawing",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
          "sheet",
        );
        await edit(f, async (zip) => {
          zip.file("xl/media/logo1.png", Buffer.from("89504e470d0a1a0a", "hex"));
          zip.file(
            "xl/drawings/_rels/vmlDrawingHF1.vml.rels",
            `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", "../media/logo1.png")}</Relationships>`,
          );
          zip.file(
            "[Content_Types].xml",
            addOverride(await text(zip, "[Content_Types].xml"), "xl/media/logo1.png", "image/png"),
          );
        });
      },
    ],
    [
      "a pivot table",
      /pivot tables/,
      (f) =>
        addForeignPart(
          f,
          "xl/pivotTables/pivotTable1.xml",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable",
          "sheet",
        ),
    ],
    [
      "a slicer",
      /slicers/,
      (f) =>
        addForeignPart(
          f,
          "xl/slicers/slicer1.xml",
          "application/vnd.ms-excel.slicer+xml",
          "http://schemas.microsoft.com/office/2007/relationships/slicer",
          "sheet",
        ),
    ],
    [
      "macros",
      /macros \(VBA\)/,
      (f) =>
        addForeignPart(
          f,
          "xl/vbaProject.bin",
          "application/vnd.ms-office.vbaProject",
          "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
          "workbook",
        ),
    ],
    [
      "an external link",
      /external links/,
      (f) =>
        addForeignPart(
          f,
          "xl/externalLinks/externalLink1.xml",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink",
          "workbook",
        ),
    ],
    [
      "a part of a kind nobody listed",
      /part "xl\/mystery\/thing1\.xml"/,
      (f) =>
        addForeignPart(f, "xl/mystery/thing1.xml", "application/x-mystery+xml", "urn:mystery", "workbook"),
    ],
  ];
  for (const [what, message, add] of refused)
    it(`refuses a workbook with ${what}: exit 2, names it, points to the add-in, file untouched, nothing sent`, async () => {
      const file = await blank();
      await add(file);
      const before = readFileSync(file);
      const sent = await suite.server.services.records.partitions(2021);
      const r = await sync(file);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, message);
      assert.match(r.err, /Excel add-in/);
      assert.ok(readFileSync(file).equals(before), "the file is byte for byte as it was");
      assert.ok(!existsSync(`${file}.bak`), "no backup: nothing was written");
      assert.deepEqual(await suite.server.services.records.partitions(2021), sent, "nothing was pushed");
    });

  it("checks again after writing: a write that would drop a part is not written", async () => {
    const file = await blank();
    await addForeignPart(
      file,
      "xl/pivotTables/pivotTable1.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable",
      "sheet",
    );
    const wb = await loadWorkbook(file); // read as `cchc stats` does: no refusal
    const out = tmp.file("out.xlsx");
    await assert.rejects(writeWorkbookFile(wb, out, file), /pivotTable/);
    assert.ok(!existsSync(out));
  });
});
