import { strict as assert } from "node:assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { syncAsCoordinator, writeDemo } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

/**
 * Found by hand (/work/notes/t1-findings.md, D10): a workbook open in LibreOffice Calc (lock file
 * ".~lock.<name>#" beside it) was synced and rewritten underneath it. When Calc then saved its copy
 * (without the ids and sync state the sync had written), the next sync offered the new rows again:
 * the dossier was on the server twice and twice in the register.
 */
describe("a workbook open in LibreOffice", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("open-in-libreoffice");
  after(() => tmp.remove());

  it("is refused with a message saying so (exit 2), and neither the file nor the server is touched", async () => {
    const file = tmp.file("so-ho-so.xlsx");
    await writeDemo(file);
    const before = readFileSync(file);
    writeFileSync(
      path.join(tmp.dir, ".~lock.so-ho-so.xlsx#"),
      ",Chị Lan,may-tinh,28.11.2026 12:00,file:///home/lan/.config/libreoffice/4;",
    );
    const r = await syncAsCoordinator(suite, file);
    assert.equal(r.code, 2, r.out);
    assert.match(r.err, /LibreOffice/);
    assert.match(r.err, /đang mở/);
    assert.ok(readFileSync(file).equals(before), "the file was rewritten");
    assert.ok(!existsSync(`${file}.bak`));
    const stats = await fetch(`${suite.server.url}/api/stats?year=2021&asOf=2021-03-31`, {
      headers: { authorization: `Bearer ${suite.token}` },
    });
    const body = (await stats.json()) as { tasks: { total: number } };
    assert.equal(body.tasks.total, 0, "records were pushed");
  });
});
