import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

describe("cchc sync: first sync, no-change sync, summary sheet", function () {
  this.timeout(120_000);
  let s: TestServer;
  let coordinator: string;
  const tmp = tempDir("sync-basic");
  before(async () => {
    s = await startTestServer();
    coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("adopts the demo workbook, pushes every record, writes ids, state and the summary sheet", async () => {
    const file = tmp.file("demo.xlsx");
    await writeDemo(file);
    const first = await cli([
      "sync",
      file,
      "--server",
      s.url,
      "--token",
      coordinator,
      "--as-of",
      "2021-03-31",
    ]);
    assert.equal(first.code, 0, first.out + first.err);
    assert.match(first.out, /pushed: 377/);
    const wb = await open(file);
    const plan = wb.getWorksheet("Kế hoạch CCHC 2021")!;
    const idCol = plan.getRow(5).values as unknown[];
    const col = idCol.indexOf("cchc_id");
    assert.ok(col > 0, "the hidden id column exists");
    assert.equal(plan.getColumn(col).hidden, true);
    assert.match(String(plan.getCell(7 + 1, col).value), /^[0-9a-f-]{36}$/);
    assert.equal(wb.getWorksheet("_cchc_state")?.state, "veryHidden");
    const summary = wb.getWorksheet("Tổng hợp")!;
    const text = JSON.stringify(summary.getSheetValues());
    assert.match(text, /đã hoàn thành 17\/38 nhiệm vụ/);
    assert.match(
      text,
      /đã giải quyết trước hạn 330 hồ sơ, không có hồ sơ quá hạn; còn 9 hồ sơ đang giải quyết \(chưa tới hạn\)/,
    );
    assert.ok(findRow(summary, 1, "Tổng cộng") > 0);
    assert.ok(wb.getWorksheet("Danh mục"), "other sheets are kept");
  });

  it("sends almost nothing and writes nothing when nothing changed", async () => {
    const file = tmp.file("demo.xlsx");
    const again = await cli([
      "sync",
      file,
      "--server",
      s.url,
      "--token",
      coordinator,
      "--as-of",
      "2021-03-31",
    ]);
    assert.equal(again.code, 0, again.out + again.err);
    assert.match(again.out, /pushed: 0 .*pulled: 0/);
    assert.match(again.out, /cells written: 0/);
    const sent = Number(/sent: (\d+) B/.exec(again.out)![1]);
    assert.ok(sent < 2048, `a no-change sync sent ${sent} bytes`);
  });

  it("--dry-run reports what it would push and writes nothing", async () => {
    const file = tmp.file("demo.xlsx");
    const wb = await open(file);
    wb.getWorksheet("Kế hoạch CCHC 2021")!.getCell(8, 9).value = "chạy thử";
    await wb.xlsx.writeFile(file);
    const before = readFileSync(file);
    const dry = await cli(["sync", file, "--server", s.url, "--token", coordinator, "--dry-run"]);
    assert.equal(dry.code, 0, dry.out + dry.err);
    assert.match(dry.out, /dry run/);
    assert.match(dry.out, /pushed: 1 /);
    assert.ok(readFileSync(file).equals(before), "the workbook is untouched");
    assert.match((await cli(["sync", file, "--server", s.url, "--token", coordinator])).out, /pushed: 1 /);
    assert.match(
      (await cli(["sync", file, "--server", s.url, "--token", coordinator])).out,
      /pushed: 0 /,
      "the dry run sent nothing",
    );
  });
});
