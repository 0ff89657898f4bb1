import { strict as assert } from "node:assert";
import fc from "fast-check";
import JSZip from "jszip";
import { diagnoseUnreadable } from "../../cli/xlsx/diagnose-package";
import { OpcPackage } from "../../cli/xlsx/opc-package";
import { xlsxBuffer } from "../helpers/workbooks";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const SHEET_XML = "xl/worksheets/sheet1.xml";

type Cell = { kind: "number"; value: number } | { kind: "text"; value: string };
type Fault = "unclosed v" | "stray <" | "undefined entity" | "beyond the grid";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const ref = (r: number, c: number) => `${"ABCDEFGH"[c]}${r + 1}`;

/** A worksheet's XML, with one fault (if any) put in the cell at `at`. */
function sheetXml(rows: Cell[][], fault?: { what: Fault; at: [number, number] }): string {
  const cell = (x: Cell, r: number, c: number) => {
    const here = fault && fault.at[0] === r && fault.at[1] === c ? fault.what : undefined;
    const address = here === "beyond the grid" ? "XFE1" : ref(r, c);
    const text = (t: string) =>
      here === "stray <" ? `${escape(t)}<` : here === "undefined entity" ? `${escape(t)}&nbsp;` : escape(t);
    const v = (inner: string) => (here === "unclosed v" ? `<v>${inner}` : `<v>${inner}</v>`);
    return x.kind === "number"
      ? `<c r="${address}">${here === "stray <" || here === "undefined entity" ? `<v>${x.value}${text("")}</v>` : v(String(x.value))}</c>`
      : `<c r="${address}" t="inlineStr"><is><t>${text(x.value)}</t></is></c>`;
  };
  const body = rows.map(
    (cells, r) => `<row r="${r + 1}">${cells.map((x, c) => cell(x, r, c)).join("")}</row>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${body.join("")}</sheetData></worksheet>`;
}

async function packageWith(xml: string): Promise<OpcPackage> {
  const zip = await JSZip.loadAsync(await xlsxBuffer([{ name: "Kế hoạch & số", rows: [["x"]] }]));
  zip.file(SHEET_XML, xml);
  return OpcPackage.open(await zip.generateAsync({ type: "nodebuffer" }));
}

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.record({ kind: fc.constant("number" as const), value: fc.integer() }),
  fc.record({ kind: fc.constant("text" as const), value: fc.string({ maxLength: 12 }) }),
);

describe("why a package exceljs could not read is unreadable, by sheet and cell (property)", () => {
  it("finds nothing in a well-formed sheet, and names the sheet and the cell of one fault put anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<Fault>("unclosed v", "stray <", "undefined entity", "beyond the grid"),
        fc.nat(),
        fc.nat(),
        async (rows, what, r0, c0) => {
          assert.equal(await diagnoseUnreadable(await packageWith(sheetXml(rows))), undefined);
          const r = r0 % rows.length;
          const c = c0 % rows[r]!.length;
          // An inline string has no <v> to leave open: a number cell there instead.
          if (what === "unclosed v") rows[r]![c] = { kind: "number", value: 1 };
          const found = await diagnoseUnreadable(await packageWith(sheetXml(rows, { what, at: [r, c] })));
          assert.ok(found, `${what} at ${ref(r, c)} is found`);
          const where =
            what === "beyond the grid"
              ? `sheet "Kế hoạch & số": cell reference XFE1`
              : `sheet "Kế hoạch & số", cell ${ref(r, c)}:`;
          assert.ok(found.en.startsWith(where), `${found.en} starts with ${where}`);
          assert.ok(found.vi.startsWith(`trang "Kế hoạch & số"`), found.vi);
        },
      ),
      { numRuns: 60 },
    );
  });
});
