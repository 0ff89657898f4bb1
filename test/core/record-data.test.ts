import { strict as assert } from "node:assert";
import fc from "fast-check";
import * as v from "valibot";
import { parseDateCell } from "../../core/dates/parse-date";
import { dossierFromJson, taskFromJson } from "../../core/model/record-json";
import type { DossierRecord, TaskRecord } from "../../core/model/records";
import { DossierDataSchema, TaskDataSchema } from "../../core/schemas/record-data";
import { dossierData, taskData } from "../../core/sync/record-data";

const isoDate = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const text = fc.string({ maxLength: 20 });

const taskRecord: fc.Arbitrary<TaskRecord> = fc.record(
  {
    year: fc.integer({ min: 2000, max: 2100 }),
    id: text,
    field: fc.integer({ min: 1, max: 50 }),
    content: text,
    leadUnit: text,
    coordinatingUnits: text,
    deadline: fc.record(
      {
        text,
        due: isoDate,
        recurring: fc.boolean(),
        readAs: fc.constantFrom("period-end", "year-of-plan", "latest-of-several", "two-digit-year"),
      },
      { requiredKeys: ["text", "recurring"] },
    ),
    output: text,
    status: fc.constantFrom("done", "in-progress", "not-started"),
    statusText: text,
    completedOn: isoDate,
    notes: text,
  },
  { requiredKeys: ["year", "content", "status", "statusText"] },
);

const dossierRecord: fc.Arbitrary<DossierRecord> = fc.record(
  {
    code: text,
    procedure: text,
    sector: text,
    unit: text,
    channel: fc.constantFrom("online", "in-person", "post"),
    receivedOn: isoDate,
    dueOn: isoDate,
    dueFrom: fc.constantFrom("appointment", "processing-days"),
    processingDays: fc.integer({ min: 0, max: 3650 }),
    resultOn: isoDate,
    status: fc.constantFrom("processing", "resolved", "returned", "withdrawn", "awaiting-supplement"),
    notes: text,
    applicant: fc.record({ name: text, address: text, idNumber: text }, { requiredKeys: [] }),
  },
  { requiredKeys: ["receivedOn", "dueOn", "dueFrom", "status"] },
);

/** JSON's round trip: what the server stores and sends back. */
const viaJson = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

describe("record data (TaskData, DossierData): what the engine sends is what the server accepts", () => {
  it("every task a workbook can hold gives data the wire schema accepts, read back alike by statistics (property)", () => {
    fc.assert(
      fc.property(taskRecord, (t) => {
        const data = viaJson(taskData(t));
        assert.ok(v.is(TaskDataSchema, data), JSON.stringify(data));
        const back = taskFromJson(data, t.year)!;
        assert.equal(back.content, t.content);
        assert.equal(back.status, t.status);
        assert.equal(back.statusText, t.statusText);
        assert.equal(back.field, t.field);
        assert.equal(back.leadUnit, t.leadUnit);
        assert.equal(back.completedOn, t.completedOn);
        assert.equal(back.deadline?.due, t.deadline?.due);
        assert.equal(back.deadline?.recurring, t.deadline?.recurring);
      }),
      { numRuns: 300 },
    );
  });

  it("every dossier gives data the wire schema accepts; personal data only when turned on (property)", () => {
    fc.assert(
      fc.property(dossierRecord, fc.boolean(), (d, personal) => {
        const data = viaJson(dossierData(d, personal)) as Record<string, unknown>;
        assert.ok(v.is(DossierDataSchema, data), JSON.stringify(data));
        assert.equal("applicant" in data, personal && d.applicant !== undefined);
        const back = dossierFromJson(data)!;
        for (const k of [
          "receivedOn",
          "dueOn",
          "dueFrom",
          "status",
          "resultOn",
          "channel",
          "processingDays",
        ] as const)
          assert.equal(back[k], d[k], k);
      }),
      { numRuns: 300 },
    );
  });

  it("statistics skip a stored record lacking what they need, and leave out a mistyped optional field", () => {
    assert.equal(taskFromJson({ content: "x" }, 2022), undefined);
    assert.equal(taskFromJson([1], 2022), undefined);
    assert.equal(
      dossierFromJson({ receivedOn: "2022-01-01", dueOn: "2022-13-01", status: "resolved" }),
      undefined,
    );
    const t = taskFromJson({ content: "x", status: "done", field: "II", deadline: "Quý I", later: 1 }, 2022);
    assert.deepEqual(t, { year: 2022, content: "x", status: "done", statusText: "" });
    const d = dossierFromJson({
      receivedOn: "2022-01-03",
      dueOn: "2022-01-10",
      status: "resolved",
      channel: "fax",
    });
    assert.deepEqual(d, {
      receivedOn: "2022-01-03",
      dueOn: "2022-01-10",
      dueFrom: "appointment",
      status: "resolved",
    });
  });

  it("a date cell outside 1900–9999 is an impossible date (a row error), never data the server refuses", () => {
    for (const d of [
      new Date(Date.UTC(1899, 11, 30, 8, 30)),
      new Date(Date.UTC(10000, 0, 1)),
      new Date(-1e15),
    ])
      assert.deepEqual(parseDateCell(d), { ok: false, reason: "impossible" }, d.toISOString());
    assert.deepEqual(parseDateCell(new Date(Date.UTC(1900, 0, 1))), { ok: true, date: "1900-01-01" });
  });
});
