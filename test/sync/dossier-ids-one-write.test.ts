import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport, type SyncTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";

const day = (d: number) => new Date(Date.UTC(2021, 2, d));
const dossier = (n: number, code: string | null): CellValue[] => [
  n,
  code,
  "Cấp giấy phép",
  "Việc làm",
  "VP",
  day(n + 1),
  day(n + 8),
];
const register = (title: string, rows: CellValue[][]) =>
  new MemoryPort([{ name: REGISTER_SHEET, rows: [[title], [...REGISTER_HEADER], ...rows] }]);

/**
 * A new dossier's id is its code, which the next run gives again: its first sync need not save the
 * workbook twice (ids first, then everything), and a sync that fails after its pushes still never
 * puts a dossier on the server twice.
 */
describe("new dossiers' ids (their codes) go with the sync's one write", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const transport = () => new HttpTransport(suite.server.url, suite.token);
  const sync = (port: MemoryPort, t: SyncTransport = transport()) =>
    new SyncEngine(port, t, { asOf: "2021-03-31" }).run();
  const received = async (year: number) =>
    (await transport().stats({ year, asOf: `${year}-12-31` })).dossiers.received.total;

  it("a register whose dossiers all have codes is written once; one without a code still gets its id first", async () => {
    const coded = register("SỔ THEO DÕI HỒ SƠ - NĂM 2021", [dossier(1, "ONE-1"), dossier(2, "ONE-2")]);
    assert.equal((await sync(coded)).pushed, 2);
    assert.equal(coded.writes.length, 1, "one write: ids, state and summary together");
    assert.ok(coded.rows(REGISTER_SHEET).some((r) => r.includes("hs:ONE-1")));

    const uncoded = register("SỔ THEO DÕI HỒ SƠ - NĂM 2021", [dossier(3, "ONE-3"), dossier(4, null)]);
    assert.equal((await sync(uncoded)).pushed, 2);
    assert.equal(uncoded.writes.length, 2, "a random id is written before anything is pushed");
  });

  it("a first sync that fails after its pushes leaves the file unwritten, and the next one adds nothing twice", async () => {
    const port = register("SỔ THEO DÕI HỒ SƠ - NĂM 2022", [dossier(1, "TWO-1"), dossier(2, "TWO-2")]);
    const real = transport();
    // The pushes reach the server; the connection is lost before the summary's statistics.
    const failing: SyncTransport = {
      sync: (r) => real.sync(r),
      stats: () => Promise.reject(new Error("connection lost")),
      get bytesSent() {
        return real.bytesSent;
      },
      get bytesReceived() {
        return real.bytesReceived;
      },
    };
    await assert.rejects(sync(port, failing), /connection lost/);
    assert.equal(port.writes.length, 0, "nothing written: the file is as it was");
    assert.equal(await received(2022), 2);

    const again = await sync(port);
    assert.deepEqual([again.errors.length, again.conflicts.length], [0, 0]);
    assert.equal(await received(2022), 2, "no dossier twice on the server");
    assert.equal(port.rows(REGISTER_SHEET).filter((r) => r[1] === "TWO-1").length, 1);
    assert.equal((await sync(port)).pushed, 0);
  });
});
