import { strict as assert } from "node:assert";
import { cli, syncAsCoordinator } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { REGISTER_HEADER, REGISTER_SHEET, registerWorkbook } from "../helpers/register";

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const OLD = "Sổ HS 2020 (cũ)";

/**
 * Found by hand (/work/notes/t4-findings.md, E13): last year's register kept in a hidden sheet was
 * read and synced without a word: its dossier still processing showed up in 2021 as "carried over,
 * overdue", and nothing in `cchc stats` or `cchc sync` said that a sheet the user cannot see counted.
 */
describe("a register in a hidden sheet", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("hidden-sheet");
  after(() => tmp.remove());

  it("is named as hidden, and read all the same, by cchc stats and cchc sync", async () => {
    const file = tmp.file("register.xlsx");
    const { wb, ws } = registerWorkbook();
    ws.addRow([1, "HS-1", "Cấp giấy phép", "Việc làm", "VP", day(2021, 1, 4), day(2021, 1, 11)]);
    const old = wb.addWorksheet(OLD, { state: "hidden" });
    old.addRow(REGISTER_HEADER);
    old.addRow([1, "HS-OLD", "Cấp giấy phép", "Việc làm", "VP", day(2020, 12, 4), day(2020, 12, 11)]);
    await wb.xlsx.writeFile(file);

    const stats = await cli(["stats", file, "--as-of", "2021-03-31", "--json"]);
    assert.equal(stats.code, 0, stats.err);
    const report = JSON.parse(stats.out) as {
      dossiers: { received: { total: number } };
      mapping: { sheet: string; notes: { en: string }[] }[];
    };
    assert.equal(report.dossiers.received.total, 2, "its rows still count");
    const notes = report.mapping.find((m) => m.sheet === OLD)?.notes.map((n) => n.en) ?? [];
    assert.ok(
      notes.some((n) => n.includes("is hidden") && n.includes(`--map "${OLD}=ignore"`)),
      notes.join(" | "),
    );
    assert.ok(
      !report.mapping.find((m) => m.sheet === REGISTER_SHEET)?.notes.some((n) => n.en.includes("hidden")),
    );

    const r = await syncAsCoordinator(suite, file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, new RegExp(`hidden sheets synced all the same: "${OLD.replace(/[()]/g, "\\$&")}"`));
  });
});
