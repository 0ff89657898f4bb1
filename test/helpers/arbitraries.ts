import fc from "fast-check";
import { addDays, type IsoDate } from "../../core/dates/local-date";
import type { DossierRecord, TaskRecord } from "../../core/model/records";

const BASE = "2021-01-01";
export const dayOf2021 = fc.integer({ min: -60, max: 420 }).map((n) => addDays(BASE, n));

export const taskArb: fc.Arbitrary<TaskRecord> = fc
  .record({
    field: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    lead: fc.option(fc.constantFrom("VP", "KHTC", "NCC", "Phòng X"), { nil: undefined }),
    status: fc.constantFrom("done", "in-progress", "not-started") as fc.Arbitrary<TaskRecord["status"]>,
    due: fc.option(dayOf2021, { nil: undefined }),
    recurring: fc.boolean(),
    completedOn: fc.option(dayOf2021, { nil: undefined }),
  })
  .map(({ field, lead, status, due, recurring, completedOn }) => {
    const t: TaskRecord = { year: 2021, content: "x", status, statusText: status };
    if (field !== undefined) t.field = field;
    if (lead !== undefined) t.leadUnit = lead;
    if (recurring) t.deadline = { text: "Thường xuyên", recurring: true };
    else if (due !== undefined) t.deadline = { text: due, due, recurring: false };
    if (completedOn !== undefined) t.completedOn = completedOn;
    return t;
  });

export const dossierArb: fc.Arbitrary<DossierRecord> = fc
  .record({
    received: dayOf2021,
    dueAfter: fc.integer({ min: 0, max: 40 }),
    resultAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    status: fc.constantFrom(
      "processing",
      "resolved",
      "returned",
      "withdrawn",
      "awaiting-supplement",
    ) as fc.Arbitrary<DossierRecord["status"]>,
    channel: fc.option(
      fc.constantFrom("online", "in-person", "post") as fc.Arbitrary<NonNullable<DossierRecord["channel"]>>,
      { nil: undefined },
    ),
    sector: fc.option(fc.constantFrom("Việc làm", "Người có công"), { nil: undefined }),
    unit: fc.option(fc.constantFrom("VP", "NCC"), { nil: undefined }),
  })
  .map(({ received, dueAfter, resultAfter, status, channel, sector, unit }) => {
    const d: DossierRecord = {
      receivedOn: received,
      dueOn: addDays(received, dueAfter),
      dueFrom: "appointment",
      status,
    };
    // A resolved dossier always has its result date (the reader rejects one without).
    const after = status === "resolved" ? (resultAfter ?? 0) : resultAfter;
    if (after !== undefined) d.resultOn = addDays(received, after);
    if (channel !== undefined) d.channel = channel;
    if (sector !== undefined) d.sector = sector;
    if (unit !== undefined) d.unit = unit;
    return d;
  });

export const periodArb: fc.Arbitrary<{ from: IsoDate; to: IsoDate }> = fc
  .tuple(dayOf2021, fc.integer({ min: 0, max: 200 }))
  .map(([from, len]) => ({ from, to: addDays(from, len) }));
