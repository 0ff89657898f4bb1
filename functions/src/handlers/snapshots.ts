import { formatVi } from "../../../core/dates";
import { problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import type { DamagedSnapshot, Snapshot } from "../snapshots/snapshot-store";
import { takeSnapshots } from "../snapshots/take-snapshots";
import { dateParam, yearParam } from "./stats";

/** One day of the answer: the totals, and the one unit's figures when `unit=` was asked. */
function entry(s: Snapshot, unit: string | undefined) {
  const { year: _y, byUnit, ...totals } = s;
  if (unit === undefined) return totals;
  const u = byUnit.find((x) => x.unit === unit);
  return {
    ...totals,
    unit: u ? { unit: u.unit, name: u.name, tasks: u.tasks ?? null, dossiers: u.dossiers ?? null } : null,
  };
}

/**
 * GET /api/snapshots?year=&from=&to=&unit= (coordinators, leaders, admins): the plan year's daily
 * snapshots of its statistics, oldest first, by the Vietnam date each was taken (from/to bound
 * those dates, both included). Totals of tasks and dossiers each day; `unit=` adds that unit's
 * figures (null on a day it had none). Days the timer did not run have no snapshot (never
 * back-filled). A damaged stored snapshot is listed under `damaged` with its date.
 */
export const snapshotsHandler: Handler = async (request, ctx) => {
  const q = request.query;
  const year = yearParam(q.get("year"));
  const from = dateParam("from", q.get("from"));
  const to = dateParam("to", q.get("to"));
  if (from !== undefined && to !== undefined && from > to)
    throw problems.badRequest(
      {
        vi: `Tham số from (${formatVi(from)}) sau tham số to (${formatVi(to)}).`,
        en: `Parameter from (${formatVi(from)}) is after parameter to (${formatVi(to)}).`,
      },
      { parameter: "from" },
    );
  const unit = q.get("unit") || undefined;
  const all = await ctx.services.snapshots.list(year, { from, to }, unit !== undefined);
  const damaged = all.filter((s): s is DamagedSnapshot => "damaged" in s);
  const snapshots = all.filter((s): s is Snapshot => !("damaged" in s)).map((s) => entry(s, unit));
  return {
    status: 200,
    jsonBody: {
      year,
      snapshots,
      damaged: damaged.map((d) => ({ date: d.date, vi: d.damaged.vi, en: d.damaged.en })),
    },
  };
};

/**
 * POST /api/snapshots (admins): takes today's snapshot now, as the timer would (replacing one taken
 * earlier today): for an IT person checking that snapshots work (`cchc admin snapshot`).
 */
export const takeSnapshotHandler: Handler = async (_request, ctx) => ({
  status: 200,
  jsonBody: await takeSnapshots(ctx.services, new Date()),
});
