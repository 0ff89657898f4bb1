import { strict as assert } from "node:assert";
import fc from "fast-check";
import { msg } from "../../core/model/messages";
import { parseChannel } from "../../core/parse/channel";
import { parseDossierStatus } from "../../core/parse/dossier-status";
import { parseTaskStatus } from "../../core/parse/task-status";
import { CHANNEL_WORDS, DOSSIER_STATUS_WORDS, TASK_STATUS_WORDS, type Word } from "../../core/parse/words";
import { rowCells, type ValueContext } from "../../core/sync/row-values";
import {
  columnHeaders,
  textAt,
  type TemplateSheet,
  type TemplateWorkbook,
} from "../../core/template/template-model";
import { trackingWorkbook } from "../../core/template/tracking-workbook";

/** Each list of words with the parser that reads its cells, and the template column that offers it. */
const LISTS = [
  {
    name: "task status",
    words: TASK_STATUS_WORDS,
    parse: parseTaskStatus,
    header: "Tiến độ",
    error: msg.unknownTaskStatus,
  },
  {
    name: "dossier status",
    words: DOSSIER_STATUS_WORDS,
    parse: parseDossierStatus,
    header: "Trạng thái",
    error: msg.unknownDossierStatus,
  },
  {
    name: "channel",
    words: CHANNEL_WORDS,
    parse: parseChannel,
    header: "Hình thức nộp",
    error: msg.unknownChannel,
  },
] as const;

const strip = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");

/** A word as people type it: any case, with or without diacritics, stray spaces around. */
const typed = (word: string) =>
  fc
    .record({
      upper: fc.boolean(),
      lower: fc.boolean(),
      plain: fc.boolean(),
      before: fc.constantFrom("", " ", "  "),
      after: fc.constantFrom("", " ", "\t"),
    })
    .map(({ upper, lower, plain, before, after }) => {
      let s = plain ? strip(word) : word;
      s = upper ? s.toUpperCase() : lower ? s.toLowerCase() : s;
      return before + s + after;
    });

/** The drop-down list the template puts on the column headed `header` of a sheet. */
function offered(
  model: TemplateWorkbook,
  sheet: TemplateSheet,
  header: string,
): { words: string[]; cells: string[] } {
  const col = columnHeaders(sheet).indexOf(header) + 1;
  assert.ok(col > 0, `${sheet.name} has a "${header}" column`);
  const v = sheet.validations.find((x) => x.box.left <= col && x.box.right >= col);
  assert.ok(v, `${sheet.name} column ${col} has a drop-down list`);
  const source = model.sheets.find((s) => s.name === v.source.sheet)!;
  const cells = v.words.map((_, i) => textAt(source, v.source.firstRow + i, v.source.column) ?? "");
  return { words: v.words, cells };
}

describe("status and channel words: one list for the template, the row writer and the parsers", () => {
  it("every word a template drop-down offers is in its list sheet and parses back to its value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2019, max: 2030 }), fc.constantFrom(...LISTS), (year, list) => {
        const model = trackingWorkbook({ year });
        const sheet = model.sheets.find((s) => columnHeaders(s).includes(list.header))!;
        const { words, cells } = offered(model, sheet, list.header);
        assert.deepEqual(cells, words, "the list sheet holds the words the validation counts");
        const entries = Object.entries(list.words) as [string, Word][];
        assert.deepEqual(
          words,
          entries.map(([, w]) => w.vi),
          `${list.name}: the template offers each value's word, in order`,
        );
        for (const [value, w] of entries) assert.equal(list.parse(w.vi), value, `${w.vi} → ${value}`);
      }),
      { numRuns: 40 },
    );
  });

  it("each value's Vietnamese word and English label parse back to it, typed in any case, with or without diacritics", () => {
    const cases = LISTS.flatMap((l) =>
      (Object.entries(l.words) as [string, Word][]).flatMap(([value, w]) =>
        [w.vi, w.en].map((text) => ({ parse: l.parse, value, text })),
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...cases).chain((c) => typed(c.text).map((t) => ({ ...c, t }))),
        ({ parse, value, t }) => assert.equal(parse(t), value, JSON.stringify(t)),
      ),
      { numRuns: 500 },
    );
  });

  it("the row writer's word for each status and channel reads back as it; a blank status reads as not started or processing", () => {
    const ctx: ValueContext = { fields: [], unitName: (k) => k };
    // The data as the engine hands it to the row writer (cast: its type is the record schema's).
    const write = (kind: "task" | "dossier", column: string, data: Record<string, string>) =>
      rowCells(kind, data as never, new Map([[column, 0]]), ctx).get(0);
    // A task's blank status cell reads as not started (done with a completion date: read-tasks.ts).
    const readTask = (t: string) => {
      const s = parseTaskStatus(t);
      return s === "blank" ? "not-started" : s;
    };
    // A dossier's blank status cell reads as processing (resolved with a result date: read-dossiers.ts).
    const readDossier = (t: string) => {
      const s = parseDossierStatus(t);
      return s === "blank" ? "processing" : s;
    };
    const arb = fc.oneof(
      fc.constantFrom(...(Object.keys(TASK_STATUS_WORDS) as (keyof typeof TASK_STATUS_WORDS)[])).map((s) => ({
        value: s as string,
        cell: write("task", "status", { status: s }),
        parse: readTask as (t: string) => string | undefined,
        blankAllowed: true,
      })),
      fc.constantFrom(...(Object.keys(DOSSIER_STATUS_WORDS) as string[])).map((s) => ({
        value: s,
        cell: write("dossier", "status", { status: s }),
        parse: readDossier as (t: string) => string | undefined,
        blankAllowed: true,
      })),
      fc.constantFrom(...(Object.keys(CHANNEL_WORDS) as string[])).map((s) => ({
        value: s,
        cell: write("dossier", "channel", { channel: s }),
        parse: parseChannel as (t: string) => string | undefined,
        blankAllowed: false,
      })),
    );
    fc.assert(
      fc.property(arb, ({ value, cell, parse, blankAllowed }) => {
        if (cell === null && blankAllowed) assert.equal(parse(""), value, `${value} is written blank`);
        else {
          assert.equal(typeof cell, "string", `${value} is written as a word`);
          assert.equal(parse(cell as string), value);
        }
      }),
    );
    // Only a status blank does not read back as gets its word.
    assert.equal(write("task", "status", { status: "not-started" }), null);
    assert.equal(
      write("task", "status", { status: "not-started", completedOn: "2021-05-01" }),
      "Chưa thực hiện",
    );
    assert.equal(write("task", "status", { status: "done", completedOn: "2021-05-01" }), null);
    assert.equal(write("dossier", "status", { status: "resolved", resultOn: "2021-05-01" }), null);
    assert.equal(
      write("dossier", "status", { status: "processing", resultOn: "2021-05-01" }),
      "Đang giải quyết",
    );
    assert.equal(write("dossier", "status", { status: "returned", notes: "Trả lại hồ sơ" }), null);
    assert.equal(
      write("dossier", "status", { status: "processing", notes: "Trả lại hồ sơ" }),
      "Đang giải quyết",
    );
  });

  it("a row error for an unknown word names the words to use, the same as the template offers", () => {
    for (const list of LISTS) {
      const m = list.error("Cột", "xyz");
      for (const w of Object.values(list.words) as Word[]) {
        assert.ok(m.vi.includes(`"${w.vi}"`), `${list.name}: ${m.vi}`);
        assert.ok(m.en.includes(`"${w.vi}"`), `${list.name}: ${m.en}`);
      }
    }
  });
});
