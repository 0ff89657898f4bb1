/**
 * Found by walking the README's first day (T13, /work/notes/t13-findings.md): the admin stores the
 * department's units, and a blank workbook from `cchc template` still listed only the three shipped
 * ones; its lead-unit drop-down refuses any other value, so staff of a new unit could not name it.
 * `cchc template --server URL` (with a token) takes the year's units and fields from the server.
 */
import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { main } from "../../cli/main";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

/** The "Danh mục" unit codes and the lead-unit column's drop-down source. */
async function unitLists(file: string): Promise<{ codes: string[]; source: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const lists = wb.getWorksheet("Danh mục")!;
  const codes: string[] = [];
  for (let r = 2; r <= lists.rowCount; r++) {
    const v = lists.getCell(r, 1).value;
    if (typeof v === "string" && v) codes.push(v);
  }
  const plan = wb.worksheets.find((w) => w.name.startsWith("Kế hoạch"))!;
  // exceljs keeps a sheet's validations here; its typings do not declare it.
  const { model } = (
    plan as unknown as { dataValidations: { model: Record<string, { formulae?: string[] }> } }
  ).dataValidations;
  const rules = Object.values(model);
  const source = rules.map((r) => r.formulae?.[0] ?? "").find((f) => f.includes("$B$")) ?? "";
  return { codes, source };
}

describe("cchc template --server: the department's own units and fields", function () {
  this.timeout(60_000);
  const tmp = tempDir("template-lists");
  let s: TestServer;
  let staff: string;
  before(async () => {
    s = await startTestServer();
    const admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    const units = [
      { code: "VP", name: "Văn phòng Sở", kind: "division", fromYear: 2020 },
      { code: "TP", name: "Phòng Tư pháp", kind: "division", fromYear: 2026 },
      { code: "LĐVL", name: "Phòng Lao động - Việc làm", kind: "division", fromYear: 2020 },
    ];
    assert.equal((await call(s.url, "PUT", "/api/reference/units?year=2026", admin, units)).status, 200);
    staff = (await s.services.members.issue({ name: "Chị Lan", role: "staff", unit: "TP" })).token;
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("lists the units stored for the year, and the lead-unit drop-down spans them", async () => {
    const file = tmp.file("tp.xlsx");
    const r = await run(["template", file, "--year", "2026", "--server", `${s.url}/api`, "--token", staff]);
    assert.equal(r.code, 0, r.err);
    const { codes, source } = await unitLists(file);
    assert.deepEqual(codes, ["VP", "TP", "LĐVL"]);
    assert.equal(source, "'Danh mục'!$B$2:$B$4");
    assert.match(r.out, /units and fields come from the server/);
  });

  it("without --server it is the shipped list, and a token without --server is a usage error", async () => {
    const file = tmp.file("offline.xlsx");
    assert.equal((await run(["template", file, "--year", "2026"])).code, 0);
    assert.deepEqual((await unitLists(file)).codes, ["VP", "TTDVVL", "BTXH"]);
    assert.equal((await run(["template", tmp.file("x.xlsx"), "--token", staff])).code, 64);
  });

  it("a wrong token is refused with exit 5 and no file is written", async () => {
    const file = tmp.file("refused.xlsx");
    const r = await run([
      "template",
      file,
      "--server",
      s.url,
      "--token",
      "cchc_AAAAAAAAAAAA." + "x".repeat(43),
    ]);
    assert.equal(r.code, 5, r.err);
    assert.match(r.err, /AAAAAAAAAAAA/);
    await assert.rejects(new ExcelJS.Workbook().xlsx.readFile(file));
  });
});
