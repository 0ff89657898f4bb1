import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { CALENDAR_YEARS } from "../../core/calendar/calendar-data";
import { WITHOUT_SWAP_2026 } from "../helpers/calendar-2026";
import { Calendar } from "../../core/calendar/working-days";
import type { DossierRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport, type StatsReport } from "../../core/stats/report";
import { call, startTestServer, type TestServer } from "../helpers/server";

const withoutSwap = WITHOUT_SWAP_2026;

/**
 * The warnings of GET /api/stats (the summary's "CẢNH BÁO HẠN", the pane's list) count working days
 * with the year's stored calendar, as its due dates do and as `cchc stats --server` does: on Friday
 * 28/8/2026, a dossier due Monday 31/8 (a working day in the stored year) has 1 working day left,
 * not "due today".
 */
describe("the server's deadline warnings use the year's stored calendar", function () {
  this.timeout(60_000);
  let s: TestServer;
  const tokens = { admin: "", coordinator: "" };
  before(async () => {
    s = await startTestServer();
    tokens.admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
  });
  after(() => s?.stop());

  it("a dossier due Monday 31/8/2026 (worked in the stored year) is 'còn 1 ngày làm việc' on Friday 28/8", async () => {
    const put = await call(s.url, "PUT", "/api/reference/calendar?year=2026", tokens.admin, withoutSwap);
    assert.ok(put.status === 200 || put.status === 204, JSON.stringify(put.json));
    const data = {
      unit: "VP",
      receivedOn: "2026-08-27",
      dueOn: "2026-09-03", // as the workbook computed it with the shipped calendar
      dueFrom: "processing-days",
      processingDays: 2,
      status: "processing",
    } as const;
    const pushed = await call(s.url, "POST", "/api/sync", tokens.coordinator, {
      year: 2026,
      operationId: randomUUID(),
      cursor: {},
      push: [{ kind: "dossier", id: "d1", unit: "VP", baseVersion: null, data }],
    });
    assert.equal(pushed.status, 200, JSON.stringify(pushed.json));
    const r = (await call(s.url, "GET", "/api/stats?year=2026&asOf=2026-08-28", tokens.coordinator))
      .json as unknown as StatsReport;
    const [w] = r.warnings.dossiers;
    assert.ok(w, "warned: due soon");
    assert.equal(w.due, "2026-08-31", "the stored calendar's due date");
    assert.equal(w.days, 1, "1 working day left (Monday 31/8 is worked in the stored year), not 'today'");

    // The same as core computes with that calendar (what `cchc stats --server` prints).
    const calendar = new Calendar([...CALENDAR_YEARS.filter((y) => y.year !== 2026), withoutSwap]);
    const local = buildStatsReport({
      year: 2026,
      asOf: "2026-08-28",
      from: "2026-01-01",
      to: "2026-08-28",
      tasks: [],
      dossiers: [{ ...data, dueOn: "2026-08-31" } as DossierRecord],
      fields: DEFAULT_FIELDS,
      calendar,
    });
    assert.deepEqual(
      r.warnings.dossiers.map(({ due, days, state }) => ({ due, days, state })),
      local.warnings.dossiers.map(({ due, days, state }) => ({ due, days, state })),
    );
  });
});
