import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { TableClient } from "@azure/data-tables";
import type ExcelJS from "exceljs";
import { decodeStateCells } from "../../core/sync/state-sheet";
import { CONFLICT_COLUMNS, CONFLICT_SHEET } from "../../core/sync/system-sheets";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const STATE = "_cchc_state";
const NOTES = 9;

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

const stateCells = (ws: ExcelJS.Worksheet) =>
  Array.from({ length: ws.rowCount }, (_, r) => String(ws.getCell(r + 1, 1).value ?? ""));

describe("cchc sync: a damaged or missing state sheet (issue 7, defect 8; contract 2)", function () {
  this.timeout(240_000);
  let s: TestServer;
  let token: string;
  const tmp = tempDir("sync-state");
  const A = tmp.file("a.xlsx");
  const sync = (file: string, ...extra: string[]) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31", ...extra]);
  /** Every stored record's id and version: a sync that pushes nothing leaves it as it is. */
  const stored = async () => {
    const table = TableClient.fromConnectionString(s.azurite.connectionString, "records", {
      allowInsecureConnection: true,
    });
    const all: string[] = [];
    for await (const e of table.listEntities<{ id?: string; version?: number }>())
      if (e.id) all.push(`${e.id}@${e.version}`);
    return all.sort();
  };

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    await writeDemo(A);
    assert.equal((await sync(A)).code, 0);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("writes the state with a version and checksum header, and still reads the first format", async () => {
    const ws = (await open(A)).getWorksheet(STATE)!;
    assert.equal(ws.state, "veryHidden");
    assert.match(String(ws.getCell(1, 1).value), /^cchc-state;v=3;/);
    const text = decodeStateCells(stateCells(ws));
    const OLD = copy(A, tmp.file("old.xlsx"));
    await edit(OLD, (wb) => {
      const state = wb.getWorksheet(STATE)!;
      for (let r = 1; r <= state.rowCount; r++) state.getCell(r, 1).value = null;
      for (let i = 0; i * 30_000 < text.length; i++)
        state.getCell(i + 1, 1).value = text.slice(i * 30_000, (i + 1) * 30_000);
    });
    const res = await sync(OLD);
    assert.equal(res.code, 0, res.out + res.err);
    assert.match(res.out, /pushed: 0 .*pulled: 0/);
    assert.match(String((await open(OLD)).getWorksheet(STATE)!.getCell(1, 1).value), /^cchc-state;v=3;/);
  });

  it("refuses a damaged state with exit 2 and a message in both languages, the file untouched", async () => {
    const D = copy(A, tmp.file("damaged.xlsx"));
    await edit(D, (wb) => {
      const cell = wb.getWorksheet(STATE)!.getCell(2, 1);
      const packed = String(cell.value); // the state text deflated, in base64: one character changed
      cell.value = packed.slice(0, 100) + (packed[100] === "A" ? "B" : "A") + packed.slice(101);
    });
    const before = readFileSync(D);
    const res = await sync(D);
    assert.equal(res.code, 2, res.out + res.err);
    assert.match(res.err, /bị hỏng/);
    assert.match(res.err, /is damaged/);
    assert.match(res.err, /--reset-state/);
    assert.doesNotMatch(res.err, /SyntaxError|at .*\.ts:/);
    assert.ok(readFileSync(D).equals(before), "the workbook is untouched");
  });

  it("--reset-state re-links every row by its id: nothing pushed, nothing stored twice", async () => {
    const D = tmp.file("damaged.xlsx");
    const before = await stored();
    const res = await sync(D, "--reset-state");
    assert.equal(res.code, 0, res.out + res.err);
    assert.match(res.out, /pushed: 0 /, res.out);
    assert.match(res.out, /rows inserted: 0 .*rows deleted: 0/, res.out);
    assert.deepEqual(await stored(), before, "the server holds the same records at the same versions");
    assert.match((await sync(D)).out, /pushed: 0 .*pulled: 0/, "the next sync finds nothing to do");
  });

  it("relinks a workbook whose state sheet was deleted; a field that differs is a conflict, not a guess", async () => {
    const G = copy(A, tmp.file("gone.xlsx"));
    await edit(A, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, NOTES).value = "sửa trên máy chủ"));
    assert.match((await sync(A)).out, /pushed: 1 /);
    await edit(G, (wb) => {
      wb.removeWorksheet(wb.getWorksheet(STATE)!.id);
      wb.getWorksheet(PLAN)!.getCell(9, NOTES).value = "sửa ở bản mất trạng thái";
    });
    const before = await stored();
    const res = await sync(G);
    assert.equal(res.code, 4, res.out + res.err);
    assert.match(res.out, /pushed: 0 /, res.out);
    assert.match(
      res.out,
      /CONFLICTS: 2/,
      "row 8 (theirs changed) and row 9 (mine changed): no base tells which",
    );
    assert.match(res.out, /rows inserted: 0 .*rows deleted: 0/);
    assert.deepEqual(await stored(), before, "nothing stored twice");
    const resolved = await sync(G, "--prefer", "mine");
    assert.equal(resolved.code, 0, resolved.out + resolved.err);
    const after = await stored();
    const ids = (list: string[]) => list.map((e) => e.split("@")[0]);
    assert.deepEqual(ids(after), ids(before), "no record created");
    assert.equal(after.filter((e) => !before.includes(e)).length, 2, "two records stored once each");
    const ws = (await open(G)).getWorksheet(PLAN)!;
    assert.equal(ws.getCell(9, NOTES).value, "sửa ở bản mất trạng thái");
    assert.match((await sync(A)).out, /pulled: 2 /);
  });

  it("marks its own notes and clears only those; the conflicts sheet has core's columns", async () => {
    const C = copy(A, tmp.file("notes.xlsx"));
    await edit(A, (wb) => (wb.getWorksheet(PLAN)!.getCell(10, NOTES).value = "A viết"));
    assert.equal((await sync(A)).code, 0);
    await edit(C, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(10, NOTES).value = "C viết";
      ws.getCell(10, 2).note = "ghi chú của người dùng";
    });
    assert.equal((await sync(C)).code, 4);
    const noteText = (n: unknown) =>
      typeof n === "string"
        ? n
        : ((n as { texts?: { text: string }[] } | undefined)?.texts ?? []).map((t) => t.text).join("");
    let wb = await open(C);
    assert.match(noteText(wb.getWorksheet(PLAN)!.getCell(10, NOTES).note), /^CCHC: Xung đột/);
    assert.deepEqual((wb.getWorksheet(CONFLICT_SHEET)!.getRow(1).values as unknown[]).slice(1), [
      ...CONFLICT_COLUMNS.map((c) => c.header),
    ]);
    assert.equal((await sync(C, "--prefer", "theirs")).code, 0);
    wb = await open(C);
    const ws = wb.getWorksheet(PLAN)!;
    assert.equal(ws.getCell(10, NOTES).note, undefined, "the engine's note is cleared");
    assert.equal(noteText(ws.getCell(10, 2).note), "ghi chú của người dùng", "a person's note stays");
    assert.equal(wb.getWorksheet(CONFLICT_SHEET), undefined);
  });
});
