import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { LIMITS } from "../../core/schemas/sync-wire";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport, type SyncTransport } from "../../core/sync/transport";
import type { SyncRequest } from "../../core/sync/protocol";
import { MemoryPort } from "../helpers/fake-sync";
import { FULL_REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";

const day = (d: number) => new Date(Date.UTC(2021, 2, d));

/**
 * A push request holds at most 1,000 records, but the server takes at most 8 MiB of body: 700
 * dossiers whose notes run to 14,000 characters (a field staff fill with the whole correspondence)
 * made one request of about 13 MB, which the server refused with 413 at every sync. Requests are
 * now cut by their bytes as well as by their count.
 */
describe("push requests stay under the server's body limit, whatever the records hold", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();

  it("syncs 700 dossiers with 14,000-character notes, in requests of at most 8 MiB", async () => {
    const notes = "Ghi chú trao đổi với công dân về hồ sơ. ".repeat(400).slice(0, 14_000);
    const rows: CellValue[][] = Array.from({ length: 700 }, (_, i) => [
      i + 1,
      `BIG-${i}`,
      "Cấp giấy phép",
      "Việc làm",
      "VP",
      "Trực tiếp",
      day(1 + (i % 10)),
      day(10 + (i % 10)),
      null,
      "Đang giải quyết",
      notes,
    ]);
    const port = new MemoryPort([
      { name: REGISTER_SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...FULL_REGISTER_HEADER], ...rows] },
    ]);
    const real = new HttpTransport(suite.server.url, suite.token);
    const sizes: number[] = [];
    const measured: SyncTransport = {
      sync: (r: SyncRequest) => {
        sizes.push(Buffer.byteLength(JSON.stringify(r)));
        return real.sync(r);
      },
      stats: (q) => real.stats(q),
      get bytesSent() {
        return real.bytesSent;
      },
      get bytesReceived() {
        return real.bytesReceived;
      },
    };
    const report = await new SyncEngine(port, measured, { asOf: "2021-03-31" }).run();
    assert.equal(report.pushed, 700);
    assert.deepEqual(report.errors, []);
    assert.ok(sizes.length >= 2, `split into several requests: ${sizes.join(", ")}`);
    for (const s of sizes) assert.ok(s <= LIMITS.maxBodyBytes, `a request of ${s} bytes`);
    const stats = await real.stats({ year: 2021, asOf: "2021-12-31" });
    assert.equal(stats.dossiers.received.total, 700);
  });
});
