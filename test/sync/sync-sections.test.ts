import { strict as assert } from "node:assert";
import type ExcelJS from "exceljs";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const CONTENT = 2;

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

describe("cchc sync: pulled rows land in their own section (issue 7, defect 2)", function () {
  this.timeout(180_000);
  let s: TestServer;
  let token: string;
  const tmp = tempDir("sync-sections");
  const A = tmp.file("a.xlsx");
  const B = tmp.file("b.xlsx");
  const sync = (file: string) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31"]);

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    await writeDemo(A);
    assert.equal((await sync(A)).code, 0);
    copy(A, B);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("deletes section I's last task and inserts two new section-I tasks in one pull, in order", async () => {
    const last = String((await open(A)).getWorksheet(PLAN)!.getCell(13, CONTENT).value);
    await edit(A, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      for (let c = 1; c <= 9; c++) ws.getCell(13, c).value = null; // emptied: its hidden id stays, so it is deleted
      const section2 = findRow(ws, 1, "II");
      const task = (content: string) => [
        null,
        content,
        "Văn phòng Sở",
        null,
        "Quý IV",
        "Báo cáo",
        "Chưa thực hiện",
      ];
      ws.insertRow(section2, task("Nhiệm vụ mới thứ nhất của mục I"), "i");
      ws.insertRow(section2 + 1, task("Nhiệm vụ mới thứ hai của mục I"), "i");
    });
    const a = await sync(A);
    assert.equal(a.code, 0, a.out + a.err);
    assert.match(a.out, /pushed: 3 /, a.out);

    const b = await sync(B);
    assert.equal(b.code, 0, b.out + b.err);
    assert.match(b.out, /rows inserted: 2 +dòng xóa \/ rows deleted: 1/, b.out);
    const ws = (await open(B)).getWorksheet(PLAN)!;
    const [first, second] = [
      findRow(ws, CONTENT, "Nhiệm vụ mới thứ nhất của mục I"),
      findRow(ws, CONTENT, "Nhiệm vụ mới thứ hai của mục I"),
    ];
    const [sectionI, sectionII] = [findRow(ws, 1, "I"), findRow(ws, 1, "II")];
    assert.equal(findRow(ws, CONTENT, last), -1, "the deleted task is gone");
    assert.ok(
      sectionI < first && first < second && second < sectionII,
      `rows ${first}, ${second} in I..II (${sectionI}..${sectionII})`,
    );

    const again = await sync(B);
    assert.equal(again.code, 0, again.out + again.err);
    assert.match(again.out, /pushed: 0 .*pulled: 0/, "read back as field 1: nothing to push");
    assert.match((await sync(A)).out, /pushed: 0 .*pulled: 0/);
  });
});
