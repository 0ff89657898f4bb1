import { strict as assert } from "node:assert";
import { summaryEn, summaryVi } from "../../core/format/summary-text";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { SUMMARY_SHEET } from "../../core/sync/summary-model";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open } from "../helpers/sync";
import { writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** Every text of a sheet, one string (the summary's paragraph, titles and labels). */
async function sheetText(file: string): Promise<string> {
  const ws = (await open(file)).getWorksheet(SUMMARY_SHEET)!;
  const texts: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => void (c.master === c && typeof c.value === "string" && texts.push(c.value))),
  );
  return texts.join("\n");
}

/**
 * Staff read only their own unit's dossiers (DOMAIN.md "Who reads what"), so the summary a staff
 * member's sync writes counts only that unit's dossiers. The department's workbook travels by
 * e-mail: a leader who opens a copy last synced by staff must not read one unit's 30 dossiers as the
 * department's "đã giải quyết trước hạn 30 hồ sơ". The sheet says whose dossiers it counts.
 */
describe("the summary synced by staff says its dossier figures are their unit's only", function () {
  this.timeout(240_000);
  let s: TestServer;
  const tokens = { coordinator: "", staff: "" };
  const tmp = tempDir("summary-scope");
  const A = tmp.file("department.xlsx");
  const S = tmp.file("staff-copy.xlsx");
  const sync = (file: string, token: string) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31"]);

  before(async () => {
    s = await startTestServer();
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    tokens.staff = (await s.services.members.issue({ name: "Cán bộ NCC", role: "staff", unit: "NCC" })).token;
    await writeDemo(A);
    assert.equal((await sync(A, tokens.coordinator)).code, 0);
    copy(A, S);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("the report sentence, in Vietnamese and English, names the unit of one unit's dossiers", () => {
    const r = buildStatsReport({
      year: 2021,
      asOf: "2021-03-31",
      from: "2021-01-01",
      to: "2021-03-31",
      tasks: [],
      dossiers: [],
      fields: DEFAULT_FIELDS,
    });
    r.dossiers.onlyUnit = { unit: "NCC", name: "Phòng Người có công" };
    assert.match(summaryVi(r), /trước hạn 0 hồ sơ của Phòng Người có công/);
    assert.match(summaryEn(r), /0 dossiers of Phòng Người có công resolved/);
  });

  it("the coordinator's summary gives the department's figures, unqualified", async () => {
    const text = await sheetText(A);
    assert.match(text, /đã giải quyết trước hạn 330 hồ sơ/);
    assert.doesNotMatch(text, /chỉ hồ sơ của/i);
  });

  it("the staff member's summary names the unit beside every dossier figure it states", async () => {
    const r = await sync(S, tokens.staff);
    assert.equal(r.code, 0, r.out + r.err);
    const text = await sheetText(S);
    assert.doesNotMatch(text, /đã giải quyết trước hạn 330 hồ sơ/, "not the department's figure");
    const m = /đã giải quyết trước hạn (\d+) hồ sơ của Phòng Người có công/.exec(text);
    assert.ok(m, `the paragraph names the unit:\n${text.slice(0, 1500)}`);
    assert.ok(Number(m[1]) < 330);
    assert.match(
      text,
      /Số liệu tính đến ngày 31\/03\/2021; hồ sơ kỳ [^\n]*chỉ hồ sơ của Phòng Người có công/,
    );
    assert.match(text, /HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC[^\n]*CHỈ HỒ SƠ CỦA PHÒNG NGƯỜI CÓ CÔNG/);
    // The tasks are the whole plan's (the plan is public inside the department): 17/38, unqualified.
    assert.match(text, /đã hoàn thành 17\/38 nhiệm vụ theo kế hoạch/);
  });
});
