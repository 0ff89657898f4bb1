import { strict as assert } from "node:assert";
import { copyFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { isoDate, toExcelSerial } from "../../core/dates/local-date";
import type { StatsReport } from "../../core/stats/report";
import { isoDateCellsAsSerials, isoToSerial } from "../../cli/xlsx/normalise-package";
import { startTestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** openpyxl's iso_dates: date cells as <c t="d"><v>2026-03-02T08:15:00</v></c> (make-portal-workbooks.py). */
const FIXTURE = path.resolve(__dirname, "../fixtures/foreign/openpyxl-iso-dates.xlsx");

describe('date cells written as ISO text (t="d") (T12)', function () {
  this.timeout(60_000);

  it("cchc stats reads them as their dates, not 18/07/1905: 3 received in March, 1 ahead, 1 on time, 1 processing", async () => {
    const r = await cli(["stats", FIXTURE, "--as-of", "2026-03-31", "--json"]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as StatsReport;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.dossiers.received, { total: 3, online: 0, inPersonOrPost: 3, carriedOver: 0 });
    assert.deepEqual(report.dossiers.resolved, { total: 2, ahead: 1, onTime: 1, overdue: 0 });
    assert.deepEqual(report.dossiers.processing, { total: 1, withinDeadline: 0, overdue: 1 });
  });

  it("cchc sync pushes them once with their dates, and the next sync nothing", async () => {
    const s = await startTestServer();
    const tmp = tempDir("t12-iso");
    try {
      const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const file = tmp.file("iso.xlsx");
      copyFileSync(FIXTURE, file);
      const sync = () => cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2026-03-31"]);
      const first = await sync();
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /pushed: 3\b/);
      assert.match((await sync()).out, /pushed: 0\b.*pulled: 0\b/);
      const after = await cli(["stats", file, "--as-of", "2026-03-31", "--json"]);
      assert.equal((JSON.parse(after.out) as StatsReport).dossiers.resolved.total, 2);
      // The server counts them in March too: their dates reached it, not 18/07/1905.
      const res = await fetch(`${s.url}/api/stats?year=2026&asOf=2026-03-31`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const server = (await res.json()) as StatsReport;
      assert.equal(res.status, 200, JSON.stringify(server));
      assert.deepEqual(server.dossiers.resolved, { total: 2, ahead: 1, onTime: 1, overdue: 0 });
      assert.equal(server.dossiers.received.total, 3);
    } finally {
      await s.stop();
      tmp.remove();
    }
  });

  it("turns any ISO date into the serial Excel holds for it (property), with the 1904 system too", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-03-01T00:00:00Z"),
          max: new Date("2099-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          assert.equal(isoToSerial(iso), toExcelSerial(iso));
          assert.equal(isoToSerial(`${iso}T12:00:00`), toExcelSerial(iso) + 0.5);
          assert.equal(isoToSerial(iso, true), toExcelSerial(iso) - 1462);
        },
      ),
    );
    assert.equal(isoToSerial("2026-02-30"), undefined);
    assert.equal(isoToSerial("not a date"), undefined);
  });

  it("leaves other cells, and a value it cannot read, as they are", () => {
    const xml =
      '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" s="1" t="d"><v>2026-03-02</v></c><c r="D3" t="d"><v>?</v></c></row>';
    assert.equal(
      isoDateCellsAsSerials(xml),
      `<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" s="1"><v>${toExcelSerial("2026-03-02")}</v></c><c r="D3" t="d"><v>?</v></c></row>`,
    );
  });
});
