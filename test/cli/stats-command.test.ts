import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { main } from "../../cli/main";
import type { StatsReport } from "../../core/stats/report";
import { tempDir } from "../helpers/tmp";
import { xlsxBuffer } from "../helpers/workbooks";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

describe("cchc command line", () => {
  const tmp = tempDir("cli");
  after(() => tmp.remove());
  const demo = tmp.file("demo.xlsx");

  before(async () => {
    assert.equal((await run(["demo-workbook", demo])).code, 0);
  });

  it("reproduces the seed's first quarter of 2021 from the demo workbook", async () => {
    const { code, out } = await run(["stats", demo, "--as-of", "2021-03-31", "--json"]);
    assert.equal(code, 0);
    const r = JSON.parse(out) as StatsReport;
    assert.equal(r.year, 2021);
    assert.equal(r.tasks.total, 38);
    assert.equal(r.tasks.done, 17);
    assert.equal(r.tasks.byField.filter((f) => f.total > 0).length, 8);
    assert.equal(r.dossiers.received.total, 339);
    assert.equal(r.dossiers.resolved.ahead, 330);
    assert.equal(r.dossiers.resolved.overdue, 0);
    assert.equal(r.dossiers.processing.withinDeadline, 9);
    assert.equal(r.dossiers.processing.overdue, 0);
    assert.deepEqual(r.errors, []);
    assert.equal(r.dossiers.from, "2021-01-01", "from defaults to 1 January of the plan year");
  });

  it("prints readable Vietnamese tables by default, English with --lang en", async () => {
    const vi = await run(["stats", demo, "--as-of", "2021-03-31"]);
    assert.match(vi.out, /đã hoàn thành 17\/38 nhiệm vụ/);
    assert.match(
      vi.out,
      /đã giải quyết trước hạn 330 hồ sơ, không có hồ sơ quá hạn; còn 9 hồ sơ đang giải quyết \(chưa tới hạn\)/,
    );
    const en = await run(["stats", demo, "--as-of", "2021-03-31", "--lang", "en"]);
    assert.match(
      en.out,
      /17\/38 tasks completed; 330 dossiers resolved ahead of deadline, 0 on time, none overdue/,
    );
    // Rates as each language writes decimals (the summary sheet writes 44,7% too).
    assert.match(vi.out, /\s44,7%/);
    assert.doesNotMatch(vi.out, /\d\.\d%/);
    assert.match(en.out, /\s44\.7%/);
  });

  it("takes a period: --from/--to and the official quarter", async () => {
    const { out } = await run(["stats", demo, "--as-of", "2021-03-31", "--period", "Q1/2021", "--json"]);
    const r = JSON.parse(out) as StatsReport;
    assert.equal(r.dossiers.from, "2020-12-15");
    assert.equal(r.dossiers.to, "2021-03-14");
    assert.ok(r.dossiers.received.total < 339);
  });

  it("writes a blank template that reads back as an empty plan without errors", async () => {
    const file = tmp.file("template.xlsx");
    assert.equal((await run(["template", file, "--year", "2022"])).code, 0);
    const r = JSON.parse((await run(["stats", file, "--as-of", "2022-03-31", "--json"])).out) as StatsReport;
    assert.equal(r.year, 2022);
    assert.equal(r.tasks.total, 0);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.mapping.map((m) => m.kind),
      ["workbook", "tasks", "dossiers", "ignored"],
    );
  });

  it("exits non-zero with a clear message for a missing, non-xlsx, corrupt, password-protected or unreadable file", async () => {
    const cases: [string, RegExp][] = [];
    cases.push([tmp.file("missing.xlsx"), /not found/]);
    writeFileSync(tmp.file("notes.xlsx"), "hello");
    cases.push([tmp.file("notes.xlsx"), /not an Excel \.xlsx file/]);
    const good = await xlsxBuffer([{ name: "S", rows: [["a"]] }]);
    writeFileSync(tmp.file("corrupt.xlsx"), good.subarray(0, good.length / 2));
    cases.push([tmp.file("corrupt.xlsx"), /corrupt or unreadable/]);
    writeFileSync(
      tmp.file("protected.xlsx"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    cases.push([tmp.file("protected.xlsx"), /password-protected/]);
    if (process.getuid?.() !== 0) {
      writeFileSync(tmp.file("locked.xlsx"), good);
      chmodSync(tmp.file("locked.xlsx"), 0o000);
      cases.push([tmp.file("locked.xlsx"), /locked/]);
    }
    for (const [file, message] of cases) {
      const { code, err } = await run(["stats", file]);
      assert.equal(code, 2, file);
      assert.match(err, message);
      assert.match(err, /Lỗi: /, "and in Vietnamese");
    }
  });

  it("exits 0 when the file is readable even with row errors, and lists them", async () => {
    const file = tmp.file("errors.xlsx");
    writeFileSync(
      file,
      await xlsxBuffer([
        {
          name: "KH",
          rows: [
            ["Nội dung", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"],
            ["A", "VP", "31/12/2021", "???"],
            ["B", "VP", "31/12/2021", "Đang thực hiện"],
          ],
        },
      ]),
    );
    const { code, out } = await run(["stats", file, "--as-of", "2021-06-30", "--json"]);
    assert.equal(code, 0);
    const r = JSON.parse(out) as StatsReport;
    assert.equal(r.tasks.total, 1);
    assert.deepEqual(
      r.errors.map((e) => [e.sheet, e.row, e.column]),
      [["KH", 2, "D"]],
    );
  });

  it("rejects bad options with usage", async () => {
    assert.equal((await run(["stats", demo, "--as-of", "31/03/2021"])).code, 64);
    assert.equal((await run(["stats", demo, "--lang", "fr"])).code, 64);
    assert.equal((await run(["stats", demo, "--bogus"])).code, 64);
    assert.equal((await run(["frobnicate"])).code, 64);
  });

  it("runs as `npx cchc` from the project", async () => {
    const { stdout } = await promisify(execFile)(
      "npx",
      ["cchc", "stats", demo, "--as-of", "2021-03-31", "--json"],
      { cwd: process.cwd() },
    );
    assert.equal((JSON.parse(stdout) as StatsReport).tasks.done, 17);
  });
});
