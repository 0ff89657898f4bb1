/**
 * T19's review of the daily snapshot's failure paths: a snapshot is never back-filled, so a run that
 * gives up on the first year it cannot read loses the day's snapshot of every year after it.
 */
import { strict as assert } from "node:assert";
import type { Services } from "../../functions/src/http/route-table";
import type { Snapshot } from "../../functions/src/snapshots/snapshot-store";
import { takeSnapshots } from "../../functions/src/snapshots/take-snapshots";

/** Services whose storage fails for one plan year (a transient 503, a damaged partition list). */
function servicesFailingFor(badYear: number, stored: Snapshot[]): Services {
  const report = (year: number) => ({
    asOf: `${year}-06-15`,
    year,
    tasks: { total: 1, done: 0, byField: [], byUnit: [] },
    dossiers: { from: `${year}-01-01`, to: `${year}-06-15`, bySector: [], byUnit: [], byMonth: [] },
    warnings: {},
    mapping: [],
    errors: [],
  });
  let asked = 0;
  return {
    records: {
      partitions: async (year: number) => {
        if (year === badYear) throw new Error("The server is busy (503)");
        asked = year;
        return [{ partition: `${year}|VP`, unit: "VP", kind: "task", epoch: "e", lastSeq: 3, marks: [] }];
      },
    },
    reference: { stored: async () => undefined },
    recordCache: { report: () => report(asked) },
    snapshots: { put: async (s: Snapshot) => void stored.push(s) },
  } as unknown as Services;
}

describe("daily snapshot: one plan year that cannot be read (T19)", () => {
  it("the other years' snapshots are still taken, and the run still fails, naming the year", async () => {
    const stored: Snapshot[] = [];
    const now = new Date("2026-06-15T16:30:00Z"); // 23:30 in Vietnam
    await assert.rejects(takeSnapshots(servicesFailingFor(2025, stored), now), /2025.*503/s);
    assert.deepEqual(
      stored.map((s) => [s.year, s.date]),
      [
        [2026, "2026-06-15"],
        [2027, "2026-06-15"],
      ],
    );
  });
});
