import { strict as assert } from "node:assert";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const REGISTER = "Sổ theo dõi hồ sơ";
const APPLICANT = 6;

const count = (out: string, label: RegExp) => Number(label.exec(out)?.[1] ?? NaN);

describe("cchc sync: a blank copy receives every record without re-creating any (issue 7, defect 1)", function () {
  this.timeout(240_000);
  let s: TestServer;
  let token: string;
  let staffToken: string;
  const tmp = tempDir("sync-blank");
  const A = tmp.file("a.xlsx");
  const S = tmp.file("staff.xlsx");
  const T = tmp.file("t2.xlsx");
  const sync = (file: string, as = token) =>
    cli(["sync", file, "--server", s.url, "--token", as, "--as-of", "2021-03-31"]);

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    staffToken = (await s.services.members.issue({ name: "Cán bộ NCC", role: "staff", unit: "NCC" })).token;
    await writeDemo(A);
    assert.equal((await sync(A)).code, 0);
    copy(A, S); // a staff member's own workbook, with the applicants' personal data
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("pulls every record into a blank template, under a cchc_id header, and pushes nothing", async () => {
    const made = await cli(["template", T, "--year", "2021"]);
    assert.equal(made.code, 0, made.out + made.err);
    const first = await sync(T);
    assert.equal(first.code, 0, first.out + first.err);
    assert.equal(count(first.out, /pushed: (\d+)/), 0, first.out);
    assert.equal(count(first.out, /rows inserted: (\d+)/), 377, first.out);
    const wb = await open(T);
    for (const name of [PLAN, REGISTER]) {
      const ws = wb.getWorksheet(name)!;
      let col = -1;
      for (let r = 1; r <= 10 && col < 0; r++) col = (ws.getRow(r).values as unknown[]).indexOf("cchc_id");
      assert.ok(col > 0, `${name} has a cchc_id column`);
      assert.equal(ws.getColumn(col).hidden, true, `${name}'s id column is hidden`);
    }
    const plan = wb.getWorksheet(PLAN)!;
    const firstTask = plan.getCell(findRow(plan, 1, "I") + 1, 2);
    assert.notEqual(firstTask.font?.bold, true, "a received task does not take its section row's style");
  });

  it("syncs the blank copy again: nothing pushed, nothing deleted, nothing inserted", async () => {
    const again = await sync(T);
    assert.equal(again.code, 0, again.out + again.err);
    assert.equal(count(again.out, /pushed: (\d+)/), 0, again.out);
    assert.equal(count(again.out, /rows deleted: (\d+)/), 0, again.out);
    assert.equal(count(again.out, /rows inserted: (\d+)/), 0, again.out);
  });

  it("leaves the staff copy's rows and personal data in place", async () => {
    const names = (ws: import("exceljs").Worksheet) =>
      Array.from({ length: ws.rowCount }, (_, r) => ws.getCell(r + 1, APPLICANT).value);
    const before = names((await open(S)).getWorksheet(REGISTER)!);
    const staff = await sync(S, staffToken);
    assert.equal(staff.code, 0, staff.out + staff.err);
    assert.equal(count(staff.out, /pushed: (\d+)/), 0, staff.out);
    assert.equal(count(staff.out, /rows deleted: (\d+)/), 0, staff.out);
    assert.equal(count(staff.out, /rows inserted: (\d+)/), 0, staff.out);
    assert.deepEqual(names((await open(S)).getWorksheet(REGISTER)!), before);
  });

  it("gives rows whose id column lost its header (as older versions wrote it) their ids back", async () => {
    const wb = await open(T);
    for (const ws of [wb.getWorksheet(PLAN)!, wb.getWorksheet(REGISTER)!])
      for (let r = 1; r <= 10; r++)
        ws.getRow(r).eachCell((cell) => {
          if (cell.value === "cchc_id") cell.value = null;
        });
    await wb.xlsx.writeFile(T);
    const healed = await sync(T);
    assert.equal(healed.code, 0, healed.out + healed.err);
    assert.equal(count(healed.out, /pushed: (\d+)/), 0, healed.out);
    assert.equal(count(healed.out, /rows deleted: (\d+)/), 0, healed.out);
    const next = await sync(T);
    assert.match(next.out, /tasks: .*=recordId/, "the id column has its header again");
    assert.equal(count(next.out, /pushed: (\d+)/), 0, "and stays healed");
  });
});
