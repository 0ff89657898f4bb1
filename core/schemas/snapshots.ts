import * as v from "valibot";

/** POST /api/snapshots (admins): the day's snapshot taken now — its Vietnam date and the plan years it holds. */
export const SnapshotTakenSchema = v.looseObject({
  date: v.string(),
  years: v.array(v.number()),
});
