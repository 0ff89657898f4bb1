import { strict as assert } from "node:assert";
import type ExcelJS from "exceljs";
import { SUMMARY_SHEET } from "../../core/sync/summary-model";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const REGISTER = "Sổ theo dõi hồ sơ";
const CODE = 2;
const RESULT_ON = 15;
const STATUS = 17;
/** A dossier of the demo still processing at 31/03/2021, due that day (a "due soon" warning). */
const DOSSIER = "000.25.40.H40-210324-0900";

/** Every cell of a sheet as "value | number format", by address. */
function cells(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      const v = c.value instanceof Date ? c.value.toISOString() : JSON.stringify(c.value ?? null);
      out.set(c.address, `${v} | ${c.numFmt ?? ""}`);
    }),
  );
  return out;
}

/** The summary's warning lines: what, and where ("Vị trí", the table's last column). */
async function warningPlaces(file: string): Promise<Map<string, string>> {
  const ws = (await open(file)).getWorksheet(SUMMARY_SHEET)!;
  const out = new Map<string, string>();
  // The list, and its part continued on the next printed page under its header again.
  for (
    let head = findRow(ws, 1, "Nhiệm vụ / mã hồ sơ");
    head > 0;
    head = findRow(ws, 1, "Nhiệm vụ / mã hồ sơ", head + 1)
  ) {
    const placeCol = (ws.getRow(head).values as unknown[]).indexOf("Vị trí");
    for (let r = head + 1; typeof ws.getCell(r, 1).value === "string" && ws.getCell(r, 2).value; r++)
      out.set(String(ws.getCell(r, 1).value), String(ws.getCell(r, placeCol).value));
  }
  return out;
}

/**
 * The leader's paths (T6): a leader keeps a copy of the department's workbook and syncs it with a
 * read-only token. When staff change a record, the leader's next sync must move that record's
 * row and the summary's figures, and nothing else of the leader's workbook.
 */
describe("a leader's copy of the workbook, synced again after staff changes", function () {
  this.timeout(240_000);
  let s: TestServer;
  const tokens = { coordinator: "", leader: "" };
  const tmp = tempDir("leader-copy");
  const A = tmp.file("department.xlsx");
  const L = tmp.file("leader-full.xlsx");
  const sync = (file: string, token: string, ...more: string[]) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31", ...more]);

  before(async () => {
    s = await startTestServer();
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Lãnh đạo Sở", role: "leader" })).token;
    await writeDemo(A);
    assert.equal((await sync(A, tokens.coordinator)).code, 0);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("a dossier returned by staff changes its row in the leader's copy, and no other cell's value or format", async () => {
    assert.equal((await cli(["template", L, "--year", "2021"])).code, 0);
    const first = await sync(L, tokens.leader);
    assert.equal(first.code, 0, first.out + first.err);
    const before = await open(L);
    const plan = cells(before.getWorksheet(PLAN)!);
    const register = cells(before.getWorksheet(REGISTER)!);
    const row = findRow(before.getWorksheet(REGISTER)!, CODE, DOSSIER);
    assert.ok(row > 0);

    const dept = await open(A);
    const ws = dept.getWorksheet(REGISTER)!;
    const at = findRow(ws, CODE, DOSSIER);
    ws.getCell(at, RESULT_ON).value = new Date(Date.UTC(2021, 2, 30));
    ws.getCell(at, STATUS).value = "Đã giải quyết";
    await dept.xlsx.writeFile(A);
    assert.equal((await sync(A, tokens.coordinator)).code, 0);

    const again = await sync(L, tokens.leader);
    assert.equal(again.code, 0, again.out + again.err);
    const after = await open(L);
    assert.deepEqual(cells(after.getWorksheet(PLAN)!), plan, "the plan sheet is unchanged");
    const now = cells(after.getWorksheet(REGISTER)!);
    const changed = [...new Set([...register.keys(), ...now.keys()])].filter(
      (a) => register.get(a) !== now.get(a),
    );
    const elsewhere = changed.filter((a) => Number(/\d+$/.exec(a)![0]) !== row);
    assert.deepEqual(
      elsewhere.slice(0, 5).map((a) => `${a}: ${register.get(a)} → ${now.get(a)}`),
      [],
      `${elsewhere.length} cells outside row ${row} changed`,
    );
    assert.ok(changed.length > 0, "the returned dossier's row changed");
    const summary = after.getWorksheet(SUMMARY_SHEET)!;
    assert.equal(summary.getCell("A11").value, "331", "resolved: 330 + the one returned");
  });

  it("a leader's summary-only refresh names each warning's row in the leader's copy, not a record id", async () => {
    const C = copy(A, tmp.file("leader-summary-only.xlsx"));
    const r = await sync(C, tokens.leader, "--summary-only");
    assert.equal(r.code, 0, r.out + r.err);
    const places = await warningPlaces(C);
    assert.ok(places.size > 0, "the demo has warnings at 31/03/2021");
    const register = (await open(C)).getWorksheet(REGISTER)!;
    for (const [code, place] of places)
      assert.equal(place, `${REGISTER}, dòng ${findRow(register, CODE, code)}`, `the place of ${code}`);
  });

  it("a warning whose record is not in the leader's workbook says so, not the record's id", async () => {
    const B = tmp.file("leader-blank-summary.xlsx");
    assert.equal((await cli(["template", B, "--year", "2021"])).code, 0);
    const r = await sync(B, tokens.leader, "--summary-only", "--year", "2021");
    assert.equal(r.code, 0, r.out + r.err);
    const places = [...(await warningPlaces(B)).values()];
    assert.ok(places.length > 0);
    for (const place of places) assert.equal(place, "không có trong sổ này");
  });

  it("a leader's blank copy (cchc template --year 2021) refreshes its summary without --year: its title names the year", async () => {
    const B = tmp.file("leader-blank-title.xlsx");
    assert.equal((await cli(["template", B, "--year", "2021"])).code, 0);
    const r = await sync(B, tokens.leader, "--summary-only");
    assert.equal(r.code, 0, r.out + r.err);
    const summary = (await open(B)).getWorksheet(SUMMARY_SHEET)!;
    assert.equal(summary.getCell("A1").value, "TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2021");
  });

  it("warnings name the rows their records are on after the sync, a task pulled in above them included", async () => {
    const dept = await open(A);
    const plan = dept.getWorksheet(PLAN)!;
    const section2 = findRow(plan, 1, "II");
    plan.insertRow(section2, [
      7,
      "Nhiệm vụ mới giao trong quý II",
      "Văn phòng Sở",
      null,
      "Tháng 6/2021",
      "Báo cáo",
      "Chưa thực hiện",
    ]);
    await dept.xlsx.writeFile(A);
    const asOf = ["--as-of", "2021-06-28"];
    assert.equal((await sync(A, tokens.coordinator, ...asOf)).code, 0);
    const r = await sync(L, tokens.leader, ...asOf);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /rows inserted: 1\b/);
    const wb = await open(L);
    const places = await warningPlaces(L);
    assert.ok(places.has("Nhiệm vụ mới giao trong quý II"), "the new task is due soon");
    let checked = 0;
    for (const [what, place] of places) {
      const m = /^(.+), dòng (\d+)$/.exec(place);
      assert.ok(m, `"${what}" has a row: ${place}`);
      const row = wb.getWorksheet(m[1]!)!.getRow(Number(m[2]));
      const texts = (row.values as unknown[]).map((v) => String(v));
      assert.ok(texts.includes(what), `${place} holds "${what}", not ${texts.slice(1, 3).join(" | ")}`);
      checked++;
    }
    assert.ok(checked > 3);
  });

  it("a row the leader deleted in their copy is refused, and the refusal names that record, not '(!?)'", async () => {
    const wb = await open(L);
    const ws = wb.getWorksheet(REGISTER)!;
    const code = "000.25.40.H40-210104-0192";
    ws.spliceRows(findRow(ws, CODE, code), 1);
    await wb.xlsx.writeFile(L);
    const r = await sync(L, tokens.leader, "--as-of", "2021-06-28");
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.out, /lãnh đạo chỉ được đọc/);
    assert.doesNotMatch(r.out, /!\?/);
    assert.ok(r.out.includes(`dòng đã xóa ở sổ này: ${code}; đã trả lại dòng`), r.out);
  });

  it("the row a leader may not delete is put back, and the next sync has nothing to refuse", async () => {
    // The row deleted above: the server still counts the dossier, so the leader's copy shows it again.
    const ws = (await open(L)).getWorksheet(REGISTER)!;
    assert.ok(findRow(ws, CODE, "000.25.40.H40-210104-0192") > 0, "the deleted row is back");
    const again = await sync(L, tokens.leader, "--as-of", "2021-06-28");
    assert.equal(again.code, 0, again.out + again.err);
    assert.doesNotMatch(again.out, /REFUSED|từ chối/);
  });
});
