import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import {
  mergeOverrides,
  parseMapArgument,
  parseMapFile,
  type MappingOverrides,
} from "../../core/layout/mapping-overrides";
import type { StatsReport } from "../../core/stats/report";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { libreOfficeRoundTrip } from "../helpers/libreoffice";
import { tempDir } from "../helpers/tmp";
import { xlsxBuffer } from "../helpers/workbooks";

const SHEET = "Kế hoạch";
/** "Ghi chú 2" holds the completion dates, but its header says "notes". */
const smallWorkbook = () =>
  xlsxBuffer([
    {
      name: SHEET,
      rows: [
        ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
        [],
        ["STT", "Nội dung", "Đơn vị chủ trì", "Thời hạn", "Kết quả", "Ghi chú 2"],
        [1, "Ban hành kế hoạch CCHC", "Văn phòng Sở", "Quý I", "Đã hoàn thành", "15/3/2021"],
        [2, "Rà soát thủ tục hành chính", "Văn phòng Sở", "31/3/2021", "Đang thực hiện", null],
        [3, "Tuyên truyền CCHC", "Văn phòng Sở", "Quý II", "Đã hoàn thành", "1/4/2021"],
      ],
    },
  ]);

const ok = (text: string): MappingOverrides => {
  const r = parseMapArgument(text);
  assert.ok(r.ok, text);
  return r.value;
};

describe("mapping corrections: parsing", () => {
  it("reads column meanings, sheets not synced and the plan year", () => {
    assert.deepEqual(ok("Kế hoạch!g=status"), { sheets: { [SHEET]: { columns: { G: "status" } } } });
    assert.deepEqual(ok("Sổ!K=none"), { sheets: { Sổ: { columns: { K: "none" } } } });
    assert.deepEqual(ok("Danh mục=ignore"), { sheets: { "Danh mục": { ignore: true } } });
    assert.deepEqual(ok("'A=B!'!C=notes"), { sheets: { "A=B!": { columns: { C: "notes" } } } });
    assert.deepEqual(ok("year=2021"), { year: 2021 });
  });
  it("refuses what it cannot read, saying how to write it, in both languages", () => {
    for (const bad of [
      "Kế hoạch!G=stauts",
      "Kế hoạch!G",
      "Kế hoạch=skip",
      "year=1999",
      "Kế hoạch!AAAA=status",
    ]) {
      const r = parseMapArgument(bad);
      assert.ok(!r.ok, bad);
      assert.ok(!r.ok && r.message.vi.length > 0 && r.message.en.length > 0);
    }
    const file = parseMapFile("# corrections\nKế hoạch!G=status\n\nKế hoạch!H=later\n");
    assert.ok(!file.ok && /^Line 4: /.test(file.message.en));
  });
  it("merges later corrections over earlier ones; auto and sync undo", () => {
    let o = mergeOverrides(undefined, ok("S!G=status"));
    o = mergeOverrides(o, ok("S=ignore"));
    o = mergeOverrides(o, ok("S!H=notes"));
    assert.deepEqual(o, { sheets: { S: { columns: { G: "status", H: "notes" }, ignore: true } } });
    o = mergeOverrides(o, ok("S!G=auto"));
    o = mergeOverrides(o, ok("S!H=auto"));
    o = mergeOverrides(o, ok("S=sync"));
    assert.deepEqual(o, {});
  });
});

describe("mapping corrections: saved in the workbook, used by cchc stats and cchc sync", function () {
  this.timeout(180_000);
  const tmp = tempDir("mapping");
  let s: TestServer | undefined;
  after(async () => {
    await s?.stop();
    tmp.remove();
  });
  const stats = async (file: string, ...more: string[]) => {
    const r = await cli(["stats", file, "--as-of", "2021-04-10", "--json", ...more]);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as StatsReport;
  };
  const column = (r: StatsReport, letter: string) =>
    r.mapping.find((m) => m.sheet === SHEET)!.columns!.find((c) => c.column === letter)!;

  it("uses a column correction now and in every later read, also after a LibreOffice round trip", async function () {
    const file = tmp.file("small.xlsx");
    writeFileSync(file, await smallWorkbook());
    const before = await stats(file);
    assert.deepEqual([before.tasks.doneDateUnknown, before.tasks.doneOnTime], [2, 0]);
    assert.equal(column(before, "F").field, "notes");

    const fixed = await stats(file, "--map", `${SHEET}!F=completedOn`);
    assert.deepEqual([fixed.tasks.doneDateUnknown, fixed.tasks.doneOnTime], [0, 2]);
    assert.deepEqual(column(fixed, "F"), {
      column: "F",
      header: "Ghi chú 2",
      field: "completedOn",
      byHand: true,
      insteadOf: "notes", // what the header said: the notes read from it before were wrong
    });
    const later = await stats(file);
    assert.equal(later.tasks.doneOnTime, 2, "the correction was saved in the workbook");
    const text = (await cli(["stats", file, "--as-of", "2021-04-10"])).out;
    assert.match(text, /F=completedOn \(sửa tay\)/);

    const roundTripped = libreOfficeRoundTrip(file, tmp.dir);
    if (!roundTripped) return this.skip(); // .ci/run installs libreoffice-calc
    const converted = await stats(roundTripped);
    assert.equal(converted.tasks.doneOnTime, 2, "LibreOffice kept the correction in the sync state");
    assert.equal(column(converted, "F").byHand, true);
  });

  it("marks a sheet as not read, sets the plan year, and refuses a field of the other kind by sheet and column", async () => {
    const file = tmp.file("small-2.xlsx");
    writeFileSync(file, await smallWorkbook());
    const wrong = await stats(file, "--map", `${SHEET}!F=receivedOn`);
    const error = wrong.errors.find((e) => e.column === "F")!;
    assert.equal(error.sheet, SHEET);
    assert.match(error.message.en, /not a field of a tasks sheet/);
    assert.equal(column(wrong, "F").field, "notes", "not applied");
    const year = await stats(file, "--map", "year=2022");
    assert.equal(year.year, 2022);
    assert.match(JSON.stringify(year.mapping[0]!.notes), /Plan year: 2022 \(set by hand\)/);
    const ignored = await stats(file, "--map", `${SHEET}=ignore`);
    assert.equal(ignored.tasks.total, 0);
    assert.match(JSON.stringify(ignored.mapping), /Not synced \(set by hand\)/);
  });

  it("shows what a correction changes in synced records before the next sync applies it", async () => {
    s = await startTestServer();
    const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    const file = tmp.file("synced.xlsx");
    writeFileSync(file, await smallWorkbook());
    const sync = (...more: string[]) =>
      cli(["sync", file, "--server", s!.url, "--token", token, "--as-of", "2021-04-10", ...more]);
    assert.equal((await sync()).code, 0);
    const server = async () =>
      (await fetch(`${s!.url}/api/stats?year=2021&asOf=2021-04-10`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json())) as StatsReport;
    assert.equal((await server()).tasks.doneOnTime, 0);

    const dry = await sync("--dry-run", "--map", `${SHEET}!F=completedOn`);
    assert.match(dry.err, new RegExp(`${SHEET}!4 completedOn: — → 2021-03-15`));
    assert.match(dry.out, /--dry-run: nothing saved or sent/);
    assert.equal((await stats(file)).tasks.doneOnTime, 0, "--dry-run saved nothing");

    const preview = await sync("--map", `${SHEET}!F=completedOn`);
    assert.equal(preview.code, 0, preview.err);
    assert.match(preview.err, new RegExp(`${SHEET}!4 completedOn: — → 2021-03-15`));
    assert.match(preview.err, new RegExp(`${SHEET}!6 completedOn: — → 2021-04-01`));
    assert.match(preview.out, /Not synced: run cchc sync again to apply/);
    assert.equal((await server()).tasks.doneOnTime, 0, "nothing was sent yet");

    const applied = await sync();
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.out, /pushed: 2 /);
    assert.equal((await server()).tasks.doneOnTime, 2);
  });
});
