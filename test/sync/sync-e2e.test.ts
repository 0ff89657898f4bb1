import { strict as assert } from "node:assert";
import { TableClient } from "@azure/data-tables";
import type ExcelJS from "exceljs";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const REGISTER = "Sổ theo dõi hồ sơ";
const CONTENT = 2;
const STATUS = 7;
const NOTES = 9;

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

describe("cchc sync end to end: two copies and a leader, merges, conflicts, deletes, inserts", function () {
  this.timeout(180_000);
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const tmp = tempDir("sync-e2e");
  const A = tmp.file("a.xlsx");
  const B = tmp.file("b.xlsx");
  const sync = (file: string, who: string, ...extra: string[]) =>
    cli(["sync", file, "--server", s.url, "--token", tokens[who]!, "--as-of", "2021-03-31", ...extra]);

  before(async () => {
    s = await startTestServer();
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    tokens.staffNCC = (
      await s.services.members.issue({ name: "Cán bộ NCC", role: "staff", unit: "NCC" })
    ).token;
    await writeDemo(A);
    assert.equal((await sync(A, "coordinator")).code, 0);
    copy(A, B); // the same workbook on another computer
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("merges concurrent edits of different fields of one task", async () => {
    await edit(
      A,
      (wb) => (wb.getWorksheet(PLAN)!.getCell(8, CONTENT).value = "Ban hành Kế hoạch CCHC năm 2021 (sửa A)"),
    );
    await edit(B, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, NOTES).value = "Ghi chú của B"));
    const a1 = await sync(A, "coordinator");

    assert.equal(a1.code, 0, a1.out + a1.err);
    const b = await sync(B, "coordinator");
    assert.equal(b.code, 0, b.out + b.err);
    assert.match(b.out, /merged: 1/);
    assert.equal((await sync(A, "coordinator")).code, 0);
    for (const file of [A, B]) {
      const ws = (await open(file)).getWorksheet(PLAN)!;
      assert.equal(ws.getCell(8, CONTENT).value, "Ban hành Kế hoạch CCHC năm 2021 (sửa A)", file);
      assert.equal(ws.getCell(8, NOTES).value, "Ghi chú của B", file);
    }
  });

  it("never decides a conflict silently: same field, two values; --prefer resolves it", async () => {
    await edit(A, (wb) => (wb.getWorksheet(PLAN)!.getCell(9, NOTES).value = "A nói"));
    await edit(B, (wb) => (wb.getWorksheet(PLAN)!.getCell(9, NOTES).value = "B nói"));
    assert.equal((await sync(A, "coordinator")).code, 0);
    const b = await sync(B, "coordinator");
    assert.equal(b.code, 4, b.out);
    assert.match(b.out, /CONFLICTS: 1/);
    const wb = await open(B);
    assert.equal(wb.getWorksheet(PLAN)!.getCell(9, NOTES).value, "B nói", "mine stays until chosen");
    const note = wb.getWorksheet(PLAN)!.getCell(9, NOTES).note;
    assert.match(typeof note === "string" ? note : JSON.stringify(note), /A nói/);
    const conflicts = wb.getWorksheet("Xung đột")!;
    assert.ok(findRow(conflicts, 4, "notes") > 1);
    assert.equal((await sync(B, "coordinator")).code, 4, "still open on the next sync");
    const resolved = await sync(B, "coordinator", "--prefer", "theirs");
    assert.equal(resolved.code, 0, resolved.out);
    const after = await open(B);
    assert.equal(after.getWorksheet(PLAN)!.getCell(9, NOTES).value, "A nói");
    assert.equal(after.getWorksheet("Xung đột"), undefined);
  });

  it("deletes rows both ways, and puts a new remote task under its field's section", async () => {
    const gone = String((await open(A)).getWorksheet(PLAN)!.getCell(10, CONTENT).value);
    await edit(A, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(10, CONTENT).value = null; // a task row emptied (its id stays hidden): deleted
      for (let c = 1; c <= 9; c++) ws.getCell(10, c).value = null;
    });
    await edit(B, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      const section3 = findRow(ws, 1, "III");
      ws.insertRow(
        section3 + 2,
        [null, "Nhiệm vụ mới từ B", "Văn phòng Sở", null, "Quý IV", "Báo cáo", "Chưa thực hiện"],
        "i",
      );
    });
    assert.equal((await sync(A, "coordinator")).code, 0);
    const b = await sync(B, "coordinator");
    assert.equal(b.code, 0, b.out + b.err);
    assert.match(b.out, /rows deleted: 1/);
    const a = await sync(A, "coordinator");
    assert.match(a.out, /rows inserted: 1/);
    const ws = (await open(A)).getWorksheet(PLAN)!;
    const row = findRow(ws, CONTENT, "Nhiệm vụ mới từ B");
    assert.ok(
      row > findRow(ws, 1, "III") && row < findRow(ws, 1, "IV"),
      `inserted at ${row}, under section III`,
    );
    assert.equal(ws.getCell(row, STATUS).value, "Chưa thực hiện");
    const b2 = (await open(B)).getWorksheet(PLAN)!;
    assert.equal(findRow(b2, CONTENT, gone), -1, "deleted in B too");
    const merged = (b2 as unknown as { _merges: Record<string, unknown> })._merges;
    assert.ok(Object.keys(merged).length >= 8, "section rows keep their merged cells");
  });

  it("keeps identities when rows are sorted, and never overwrites a formula", async () => {
    await edit(B, (wb) => {
      const ws = wb.getWorksheet(REGISTER)!;
      const [r1, r2] = [7, 8];
      const a = (ws.getRow(r1).values as unknown[]).slice();
      const b = (ws.getRow(r2).values as unknown[]).slice();
      ws.getRow(r1).values = b as ExcelJS.CellValue[];
      ws.getRow(r2).values = a as ExcelJS.CellValue[];
    });
    const sorted = await sync(B, "coordinator");
    assert.match(sorted.out, /pushed: 0/, "swapping two rows changes no record");
    const task = "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2021";
    const rowIn = async (file: string) => findRow((await open(file)).getWorksheet(PLAN)!, CONTENT, task);
    const [rowA, rowB] = [await rowIn(A), await rowIn(B)];
    await edit(
      A,
      (wb) =>
        (wb.getWorksheet(PLAN)!.getCell(rowA, NOTES).value = {
          formula: '"tự"&"động"',
          result: "tựđộng",
        } as ExcelJS.CellValue),
    );
    assert.equal((await sync(A, "coordinator")).code, 0);
    await edit(B, (wb) => (wb.getWorksheet(PLAN)!.getCell(rowB, NOTES).value = "sửa ở B"));
    assert.equal((await sync(B, "coordinator")).code, 4, "B's edit meets A's computed value: a conflict");
    assert.equal((await sync(B, "coordinator", "--prefer", "mine")).code, 0);
    // B's value cannot go into A's formula: a conflict A is told of at each sync, never its
    // formula's value pushed back over B's edit without a word.
    for (let i = 0; i < 2; i++) {
      const a = await sync(A, "coordinator");
      assert.equal(a.code, 4, a.out);
      assert.match(a.out, /notes: của tôi\/mine "tựđộng" ↔ máy chủ\/theirs "sửa ở B"/);
      assert.match(a.out, /pushed: 0/);
      assert.match(a.out, /sync again with --prefer mine to keep the formula's value/, "says what to do");
    }
    const cell = (await open(A)).getWorksheet(PLAN)!.getCell(rowA, NOTES);
    assert.equal(cell.formula, '"tự"&"động"');
    // A keeps its formula's value: pushed, and B's copy takes it.
    assert.equal((await sync(A, "coordinator", "--prefer", "mine")).code, 0);
    assert.equal((await sync(B, "coordinator")).code, 0);
    assert.equal((await open(B)).getWorksheet(PLAN)!.getCell(rowB, NOTES).value, "tựđộng");
  });

  it("keeps applicants' personal data in the workbook unless its owner turns it on", async () => {
    const table = TableClient.fromConnectionString(s.azurite.connectionString, "records", {
      allowInsecureConnection: true,
    });
    const stored = async () => {
      let all = "";
      for await (const e of table.listEntities<{ data?: string }>()) all += e.data ?? "";
      return all;
    };
    const ws = (await open(A)).getWorksheet(REGISTER)!;
    const names = [7, 8, 9, 10].map((r) => String(ws.getCell(r, 6).value));
    const before = await stored();
    for (const name of names) assert.ok(!before.includes(name), `${name} is not on the server`);
    await edit(A, (wb) => (wb.getWorksheet(REGISTER)!.getCell(7, 18).value = "có ghi chú"));
    const on = await sync(A, "coordinator", "--include-personal-data");
    assert.equal(on.code, 0, on.out);
    assert.ok(
      (await stored()).includes(String((await open(A)).getWorksheet(REGISTER)!.getCell(7, 6).value)),
      "after opting in, the edited dossier carries its applicant",
    );
  });

  it("lets a leader refresh only the summary, and rejects a staff member's write to another unit", async () => {
    const L = copy(A, tmp.file("leader.xlsx"));
    const leader = await sync(L, "leader", "--summary-only");
    assert.equal(leader.code, 0, leader.out + leader.err);
    assert.match(
      JSON.stringify((await open(L)).getWorksheet("Tổng hợp")!.getSheetValues()),
      /nhiệm vụ theo kế hoạch/,
    );
    const N = copy(A, tmp.file("ncc.xlsx"));
    await edit(N, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, NOTES).value = "NCC sửa nhiệm vụ của VP"));
    const staff = await sync(N, "staffNCC");
    assert.equal(staff.code, 5, staff.out);
    assert.match(staff.out, /REFUSED BY THE SERVER: 1 — .*Staff of unit "NCC" may write only unit "NCC"/);
  });
});
