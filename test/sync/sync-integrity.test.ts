import { strict as assert } from "node:assert";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import type ExcelJS from "exceljs";
import { startAzurite, type RunningAzurite } from "../../functions/src/dev/azurite";
import type { Services } from "../../functions/src/http/route-table";
import { createLocalHost } from "../../functions/src/local-host";
import { servicesFor } from "../../functions/src/services";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const NOTES = 9;

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

const sync = (url: string, file: string, token: string, ...extra: string[]) =>
  cli(["sync", file, "--server", url, "--token", token, "--as-of", "2021-03-31", ...extra]);

async function stats(url: string, token: string) {
  const r = await call(url, "GET", "/api/stats?year=2021&asOf=2021-03-31", token);
  const tasks = r.json.tasks as { total: number; done: number };
  const dossiers = r.json.dossiers as { received: { total: number } };
  return { tasks: tasks.total, done: tasks.done, dossiers: dossiers.received.total };
}

describe("cchc sync: refusals belong to a member, epochs, another server (defects 3 and 5)", function () {
  this.timeout(240_000);
  const tmp = tempDir("sync-integrity");
  after(() => tmp.remove());

  describe("a first sync with the wrong token", () => {
    let s: TestServer;
    before(async () => (s = await startTestServer()));
    after(() => s?.stop());

    it("exits 5 with one line of advice and grouped refusals, and a coordinator's token then pushes them all", async () => {
      const admin = (await s.services.members.issue({ name: "Quản trị", role: "admin" })).token;
      const coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const file = tmp.file("admin-first.xlsx");
      await writeDemo(file);
      const first = await sync(s.url, file, admin);
      assert.equal(first.code, 5, first.out + first.err);
      assert.match(
        first.out,
        /REFUSED BY THE SERVER: 377 — .*This token is an administrator's.*cchc admin add-member/,
      );
      const reasonLines = first.out.split("\n").filter((l) => / × /.test(l));
      assert.ok(
        reasonLines.length >= 1 && reasonLines.length <= 25,
        `grouped by reason, not 377 lines:\n${first.out}`,
      );
      assert.ok(first.out.split("\n").length < 60, "a short report");
      // The same token again: nothing new is tried, the refusals are still reported, still exit 5.
      const again = await sync(s.url, file, admin);
      assert.equal(again.code, 5, again.out);
      assert.match(again.out, /pushed: 0/);
      // Another member retries them in the same sync.
      const right = await sync(s.url, file, coordinator);
      assert.equal(right.code, 0, right.out + right.err);
      assert.match(right.out, /pushed: 377/);
      assert.deepEqual(await stats(s.url, coordinator), { tasks: 38, done: 17, dossiers: 339 });
      const summary = JSON.stringify((await open(file)).getWorksheet("Tổng hợp")!.getSheetValues());
      assert.match(summary, /đã hoàn thành 17\/38 nhiệm vụ/);
    });

    it("moves a row to another unit whole, or refuses it whole (defect 11)", async () => {
      const coordinator = (await s.services.members.issue({ name: "Điều phối 2", role: "coordinator" }))
        .token;
      const vp = (await s.services.members.issue({ name: "Cán bộ VP", role: "staff", unit: "VP" })).token;
      const byUnit = async () => {
        const r = await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", coordinator);
        const rows = (r.json.tasks as { byUnit: { unit: string; total: number }[] }).byUnit;
        return Object.fromEntries(rows.map((u) => [u.unit, u.total]));
      };
      const M = tmp.file("move.xlsx");
      await writeDemo(M);
      // Only the plan: this suite's server already holds the other workbook's records.
      await edit(M, (wb) => wb.removeWorksheet(wb.getWorksheet("Sổ theo dõi hồ sơ")!.id));
      assert.equal((await sync(s.url, M, coordinator)).code, 0);
      const before = await byUnit();
      const S = copy(M, tmp.file("move-staff.xlsx"));
      await edit(S, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, 3).value = "NCC"));
      const refused = await sync(s.url, S, vp);
      assert.equal(refused.code, 5, refused.out);
      assert.match(refused.out, /You may not write records of unit "NCC"/);
      assert.deepEqual(await byUnit(), before, "nothing left VP, nothing reached NCC");
      await edit(M, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, 3).value = "NCC"));
      const moved = await sync(s.url, M, coordinator);
      assert.equal(moved.code, 0, moved.out);
      assert.match(moved.out, /pushed: 1\b/);
      const after = await byUnit();
      assert.equal(after.VP, before.VP! - 1);
      assert.equal(after.NCC, (before.NCC ?? 0) + 1);
      // The staff copy, synced by a coordinator, now agrees: one row, in NCC, no duplicate.
      const again = await sync(s.url, S, coordinator);
      assert.equal(again.code, 0, again.out);
      assert.deepEqual(await byUnit(), after);
      assert.match(again.out, /rows inserted: 0 .*rows deleted: 0/);
    });

    it("never deletes the server's records of a kind the workbook has no sheet for", async () => {
      const coordinator = (await s.services.members.issue({ name: "Điều phối 3", role: "coordinator" }))
        .token;
      const D = tmp.file("with-register.xlsx");
      await writeDemo(D);
      assert.equal((await sync(s.url, D, coordinator)).code, 0);
      const before = await stats(s.url, coordinator);
      assert.ok(before.dossiers > 0, "the server holds dossiers");
      const T = tmp.file("tasks-only.xlsx");
      await writeDemo(T);
      await edit(T, (wb) => wb.removeWorksheet(wb.getWorksheet("Sổ theo dõi hồ sơ")!.id));
      assert.equal((await sync(s.url, T, coordinator)).code, 0);
      const second = await sync(s.url, T, coordinator);
      assert.equal(second.code, 0, second.out);
      assert.match(second.out, /pushed: 0\b/);
      assert.equal((await stats(s.url, coordinator)).dossiers, before.dossiers);
    });

    it("tells a staff member which unit they may write", async () => {
      const file = tmp.file("staff.xlsx");
      await writeDemo(file);
      const issued = await s.services.members.issue({ name: "Cán bộ VP", role: "staff", unit: "VP" });
      const staff = await sync(s.url, file, issued.token);
      assert.equal(staff.code, 5, staff.out);
      assert.match(staff.out, /Staff of unit "VP" may write only unit "VP" records/);
    });
  });

  describe("a store that lost its data (in-memory Azurite restarted) and another server", () => {
    let azurite: RunningAzurite;
    let services: Services;
    let host: http.Server;
    let url: string;
    let coordinator: string;
    const restart = async (keepPort: boolean) => {
      const port = azurite.port;
      await azurite.stop();
      azurite = await startAzurite(keepPort ? { port } : {});
      services = servicesFor(azurite.connectionString);
      coordinator = (await services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    };
    before(async () => {
      azurite = await startAzurite();
      services = servicesFor(azurite.connectionString);
      coordinator = (await services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      host = createLocalHost(() => services);
      await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    });
    after(async () => {
      await new Promise<void>((resolve) => host.close(() => resolve()));
      await azurite.stop();
    });

    it("gives back what the server lost, reconciles every copy by id, and never diverges afterwards", async () => {
      const A = tmp.file("epoch-a.xlsx");
      const B = tmp.file("epoch-b.xlsx");
      await writeDemo(A);
      assert.equal((await sync(url, A, coordinator)).code, 0);
      copy(A, B);
      assert.equal((await sync(url, B, coordinator)).code, 0);
      await restart(true); // every acknowledged write is gone; sequences start again
      const a = await sync(url, A, coordinator);
      assert.equal(a.code, 0, a.out + a.err);
      assert.match(a.out, /lost or restored the data/);
      assert.match(a.out, /given back to a server that had lost them: 377/);
      assert.deepEqual(await stats(url, coordinator), { tasks: 38, done: 17, dossiers: 339 });
      // The other copy reconciles by id: nothing pushed twice, nothing deleted.
      const b = await sync(url, B, coordinator);
      assert.equal(b.code, 0, b.out + b.err);
      assert.match(b.out, /rows inserted: 0 .*rows deleted: 0/);
      assert.deepEqual(await stats(url, coordinator), { tasks: 38, done: 17, dossiers: 339 });
      // And later edits flow both ways again (sequence numbers seen before the loss are not skipped).
      await edit(B, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, NOTES).value = "sau khi khôi phục"));
      assert.equal((await sync(url, B, coordinator)).code, 0);
      const a2 = await sync(url, A, coordinator);
      assert.equal(a2.code, 0, a2.out);
      assert.equal((await open(A)).getWorksheet(PLAN)!.getCell(8, NOTES).value, "sau khi khôi phục");
      assert.deepEqual(await stats(url, coordinator), { tasks: 38, done: 17, dossiers: 339 });
    });

    it("says so when the workbook was synced with another server, and starts afresh there", async () => {
      const A = tmp.file("other-server.xlsx");
      await restart(true); // an empty store
      await writeDemo(A);
      assert.equal((await sync(url, A, coordinator)).code, 0);
      const other = await startTestServer();
      try {
        const token = (await other.services.members.issue({ name: "C2", role: "coordinator" })).token;
        const r = await sync(other.url, A, token);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /synced with another server/);
        assert.deepEqual(await stats(other.url, token), { tasks: 38, done: 17, dossiers: 339 }, r.out);
        assert.deepEqual(await stats(other.url, token), { tasks: 38, done: 17, dossiers: 339 });
        const again = await sync(other.url, A, token);
        assert.match(again.out, /pushed: 0/);
        assert.doesNotMatch(again.out, /another server/);
      } finally {
        await other.stop();
      }
    });
  });
});
