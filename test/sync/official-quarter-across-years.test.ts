import { strict as assert } from "node:assert";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { call, serverWithCoordinator } from "../helpers/server";

/**
 * DOMAIN.md "The period statistics": the official Q1/2022 runs 15/12/2021–14/03/2022, and "what is
 * still processing at the end of one period is 'carried over' in the next". The server keeps
 * records per plan year and `GET /api/stats?year=2022` read only 2022's (t8-findings 6): a dossier
 * received on 20/12/2021 in the 2021 register, still processing, was in no Q1/2022 figure.
 */
describe("the official first quarter, which starts in the previous plan year", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  // functions/src/handlers/stats.ts read one plan year's partitions. A period starting in the last
  // month of the year before now also reads that year's dossiers (received from `from`, or still
  // processing at it); one carried into this year's register (same code) counts once.
  it("counts a dossier of 20/12/2021 still processing as received, or carried over, in Q1/2022", async () => {
    const register = new MemoryPort([
      {
        name: "Sổ theo dõi hồ sơ",
        rows: [
          ["SỔ THEO DÕI HỒ SƠ NĂM 2021"],
          ["Mã hồ sơ", "Lĩnh vực", "Ngày nhận", "Hẹn trả kết quả"],
          ["H1", "Việc làm", "20/12/2021", "10/01/2022"],
        ],
      },
    ]);
    const sync = new SyncEngine(register, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2021-12-31",
    });
    assert.equal((await sync.run()).pushed, 1);
    const q1 = await call(
      suite.server.url,
      "GET",
      "/api/stats?year=2022&from=2021-12-15&to=2022-03-14",
      suite.token,
    );
    assert.equal(q1.status, 200);
    const d = q1.json.dossiers as { received: { total: number }; processing: { overdue: number } };
    assert.equal(d.received.total, 1);
    assert.equal(d.processing.overdue, 1);
  });
});
