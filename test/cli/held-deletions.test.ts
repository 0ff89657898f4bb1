import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { call, serverWithCoordinator } from "../helpers/server";
import { copy, open, syncAsCoordinator, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/**
 * T16, through `cchc sync` and the real local server: a user deleted the demo's plan sheet and
 * synced; all 38 tasks were deleted on the server (exit 0, "pushed: 38") and then from every
 * colleague's copy at their next sync. They are now held until `--confirm-deletes`.
 */
describe("cchc sync: a deleted sheet's records wait for --confirm-deletes", () => {
  const suite = serverWithCoordinator();
  const tmp = tempDir("held-deletions");
  after(() => tmp.remove());
  const dir = tmp.dir;
  const tasksOnServer = async () => {
    const r = await call(suite.server.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", suite.token);
    return (r.json.tasks as { total: number }).total;
  };

  it("holds them (exit 6, told in both languages), touches no colleague's copy, deletes them once confirmed", async () => {
    const mine = join(dir, "mine.xlsx");
    await writeDemo(mine);
    assert.equal((await syncAsCoordinator(suite, mine)).code, 0);
    const colleague = copy(mine, join(dir, "colleague.xlsx"));
    const wb = await open(mine);
    wb.removeWorksheet(wb.worksheets.find((w) => w.name.startsWith("Kế hoạch"))!.id);
    await wb.xlsx.writeFile(mine);

    const dry = await syncAsCoordinator(suite, mine, "--dry-run");
    assert.match(dry.out, /DELETIONS HELD: 38/);
    // T19: --confirm-deletes deletes what an earlier sync listed (a dry run writes nothing).
    const unseen = await syncAsCoordinator(suite, mine, "--confirm-deletes");
    assert.equal(unseen.code, 6, unseen.out + unseen.err);
    assert.match(
      unseen.out,
      /These were not listed by an earlier sync, so --confirm-deletes did not delete them/,
    );
    assert.equal(await tasksOnServer(), 38);

    const held = await syncAsCoordinator(suite, mine);
    assert.equal(held.code, 6, held.out + held.err);
    assert.match(held.out, /XÓA CHỜ XÁC NHẬN \/ DELETIONS HELD: 38/);
    assert.match(
      held.out,
      /Trang "Kế hoạch CCHC 2021" không còn trong sổ.*38 nhiệm vụ CHƯA bị xóa trên máy chủ/,
    );
    assert.match(
      held.out,
      /Sheet "Kế hoạch CCHC 2021" is no longer in the workbook.*38 tasks were NOT deleted/,
    );
    assert.match(held.out, /--confirm-deletes/);
    assert.equal(await tasksOnServer(), 38);

    const other = await syncAsCoordinator(suite, colleague);
    assert.match(other.out, /rows deleted: 0/, "the colleague's copy keeps its rows");

    const again = await syncAsCoordinator(suite, mine);
    assert.equal(again.code, 6, "held again at the next sync");

    const confirmed = await syncAsCoordinator(suite, mine, "--confirm-deletes");
    assert.equal(confirmed.code, 0, confirmed.out + confirmed.err);
    assert.match(confirmed.out, /pushed: 38/);
    assert.equal(await tasksOnServer(), 0);
  });

  it("a register deleted by another program (openpyxl) is held the same way", async function () {
    const file = join(dir, "register.xlsx");
    await writeDemo(file);
    await syncAsCoordinator(suite, file, "--confirm-deletes"); // the tasks deleted above come back as new
    try {
      execFileSync("python3", [
        "-c",
        "import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\ndel wb[[n for n in wb.sheetnames if n.startswith('Sổ')][0]]\nwb.save(sys.argv[1])",
        file,
      ]);
    } catch {
      this.skip(); // no openpyxl here
    }
    const held = await syncAsCoordinator(suite, file);
    assert.equal(held.code, 6, held.out + held.err);
    assert.match(
      held.out,
      /Sheet "Sổ theo dõi hồ sơ" is no longer in the workbook.*339 dossiers were NOT deleted/,
    );
  });

  it("--restore-deletes puts 300 rows deleted by mistake back from the copies last synced", async function () {
    const file = join(dir, "restore.xlsx");
    await writeDemo(file);
    const server = async () => {
      const r = await call(suite.server.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", suite.token);
      return (r.json.dossiers as { received: { total: number } }).received.total;
    };
    await syncAsCoordinator(suite, file); // links to the register synced by the test above
    const dossierRows = async () => {
      const ws = (await open(file)).worksheets.find((w) => w.name.startsWith("Sổ"))!;
      let n = 0;
      ws.eachRow(
        (row) =>
          void (
            typeof row.getCell(2).value === "string" &&
            /^000\./.test(row.getCell(2).value as string) &&
            n++
          ),
      );
      return n;
    };
    const before = await dossierRows();
    try {
      execFileSync("python3", [
        "-c",
        "import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nwb[[n for n in wb.sheetnames if n.startswith('Sổ')][0]].delete_rows(10, 300)\nwb.save(sys.argv[1])",
        file,
      ]);
    } catch {
      this.skip(); // no openpyxl here
    }
    const held = await syncAsCoordinator(suite, file);
    assert.equal(held.code, 6, held.out + held.err);
    assert.match(held.out, /lost 300 of its \d+ synced rows: 300 dossiers were NOT deleted/);
    assert.match(held.out, /--restore-deletes/);
    const restored = await syncAsCoordinator(suite, file, "--restore-deletes");
    assert.equal(restored.code, 0, restored.out + restored.err);
    assert.match(restored.out, /rows inserted: 300/);
    assert.doesNotMatch(restored.out, /DELETIONS HELD/);
    assert.equal(await dossierRows(), before, "every dossier row is back");
    assert.equal(await server(), 339, "nothing deleted on the server");
    assert.equal((await syncAsCoordinator(suite, file)).code, 0, "nothing held any more");
  });
  it("a register's rows copied with values only into a new sheet keep their ids: only the rows left behind are held", async () => {
    const file = join(dir, "copied.xlsx");
    await writeDemo(file);
    assert.equal((await syncAsCoordinator(suite, file)).code, 0);
    // As a user does with "paste values" (or openpyxl cell by cell): no merges, so the register's
    // two-row header is two plain rows, the id column's header in the second.
    const wb = await open(file);
    const old = wb.worksheets.find((w) => w.name.startsWith("Sổ"))!;
    const fresh = wb.addWorksheet("Hồ sơ quý 1");
    for (let r = 1; r <= 30; r++)
      for (let c = 1; c <= old.columnCount; c++) fresh.getCell(r, c).value = old.getCell(r, c).value;
    wb.removeWorksheet(old.id);
    await wb.xlsx.writeFile(file);
    const held = await syncAsCoordinator(suite, file);
    assert.equal(held.code, 6, held.out + held.err);
    assert.match(held.out, /"Hồ sơ quý 1".*S=recordId/);
    assert.match(held.out, /DELETIONS HELD: 315 /, "the 24 dossiers copied are linked, not held");
    assert.match(held.out, /pushed: 0/);
  });
});
