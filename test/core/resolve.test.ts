import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { StoredRecord } from "../../core/sync/protocol";
import { sameData, unitOf, type RecordData } from "../../core/sync/record-data";
import {
  decide,
  type Decision,
  type DecisionInput,
  type DecisionRule,
  type LocalSide,
} from "../../core/sync/resolve";

const ID = "r1";
const base: RecordData = { content: "Việc", leadUnit: "VP", notes: "gốc", status: "not-started" };
const server = (data: RecordData, deleted = false, version = 5): StoredRecord => ({
  kind: "task",
  id: ID,
  unit: unitOf("task", data),
  year: 2021,
  version,
  seq: version,
  deleted,
  data,
  updatedBy: "B",
  updatedAt: "2021-03-01T00:00:00Z",
});
const local = (data: RecordData): LocalSide => ({ kind: "task", id: ID, unit: unitOf("task", data), data });
const edited = (changes: RecordData) => ({ ...base, ...changes });

/** One example per row of the decision table, with the effects a user would see. */
const TABLE: { rule: DecisionRule; input: DecisionInput; expect: Partial<Decision> }[] = [
  {
    rule: "gone-both",
    input: { server: server(base, true), known: { base } },
    expect: { state: "forget" },
  },
  {
    rule: "deleted-here-mine",
    input: { server: server(edited({ notes: "B" })), known: { base }, prefer: "mine" },
    expect: {
      state: "keep",
      push: { kind: "task", id: ID, unit: "VP", baseVersion: 5, deleted: true, data: edited({ notes: "B" }) },
    },
  },
  {
    rule: "row-in-error",
    input: { server: server(edited({ notes: "B" })), known: { base }, rowInError: true },
    expect: { state: "keep" },
  },
  {
    rule: "new-here",
    input: { server: server(base) },
    expect: { insert: true, state: "accept" },
  },
  {
    rule: "deleted-here-edited-there",
    input: { server: server(edited({ notes: "B" })), known: { base } },
    expect: { insert: true, state: "accept", conflicts: [{ field: "deleted", mine: true, theirs: false }] },
  },
  {
    rule: "deleted-there",
    input: { server: server(base, true), local: local(base), known: { base } },
    expect: { removeRow: true, state: "forget" },
  },
  {
    rule: "deleted-there-theirs",
    input: {
      server: server(base, true),
      local: local(edited({ notes: "A" })),
      known: { base },
      choices: { [`${ID}/deleted`]: "theirs" },
    },
    expect: { removeRow: true, state: "forget" },
  },
  {
    rule: "deleted-there-mine",
    input: {
      server: server(base, true),
      local: local(edited({ notes: "A" })),
      known: { base },
      prefer: "mine",
    },
    expect: { push: { kind: "task", id: ID, unit: "VP", baseVersion: 5, data: edited({ notes: "A" }) } },
  },
  {
    rule: "deleted-there-edited-here",
    input: { server: server(base, true), local: local(edited({ notes: "A" })), known: { base } },
    expect: { state: "keep", conflicts: [{ field: "deleted", mine: false, theirs: true }] },
  },
  {
    rule: "take-theirs",
    input: { server: server(edited({ notes: "B" })), local: local(base), known: { base } },
    expect: { write: edited({ notes: "B" }), state: "accept" },
  },
  {
    // Both made the same change (or a write cut short left the server's values in the cells):
    // nothing merges and nothing is pushed; the report does not count it as merged.
    rule: "same-both",
    input: { server: server(edited({ notes: "B" })), local: local(edited({ notes: "B" })), known: { base } },
    expect: { state: "accept" },
  },
  {
    rule: "merge-conflict",
    input: {
      server: server(edited({ notes: "B", status: "done" })),
      local: local(edited({ notes: "A" })),
      known: { base },
    },
    expect: {
      // Theirs comes in where only they changed; mine stays where both did.
      write: edited({ notes: "A", status: "done" }),
      merged: true,
      state: "keep",
      conflicts: [{ field: "notes", mine: "A", theirs: "B" }],
    },
  },
  {
    rule: "merge-same",
    input: {
      server: server(edited({ notes: "B" })),
      local: local(edited({ notes: "A" })),
      known: { base },
      prefer: "theirs",
    },
    expect: { write: edited({ notes: "B" }), merged: true, state: "accept" },
  },
  {
    rule: "merge-push",
    input: {
      server: server(edited({ status: "done" })),
      local: local(edited({ notes: "A", leadUnit: "KHTC" })),
      known: { base },
    },
    expect: {
      write: edited({ notes: "A", leadUnit: "KHTC", status: "done" }),
      merged: true,
      state: "keep",
      // The merged record names another unit: a move, one push.
      push: {
        kind: "task",
        id: ID,
        unit: "KHTC",
        baseVersion: 5,
        data: edited({ notes: "A", leadUnit: "KHTC", status: "done" }),
        fromUnit: "VP",
      },
    },
  },
  {
    rule: "link-deleted-theirs",
    input: { server: server(base, true), local: local(base), prefer: "theirs" },
    expect: { removeRow: true, state: "keep" },
  },
  {
    rule: "link-deleted-mine",
    input: { server: server(base, true), local: local(edited({ leadUnit: "KHTC" })), prefer: "mine" },
    // Over a tombstone in another unit: simply a new record there.
    expect: {
      push: { kind: "task", id: ID, unit: "KHTC", baseVersion: null, data: edited({ leadUnit: "KHTC" }) },
    },
  },
  {
    rule: "link-deleted-conflict",
    input: { server: server(base, true), local: local(base) },
    expect: { conflicts: [{ field: "deleted", mine: false, theirs: true }] },
  },
  {
    rule: "link-same",
    input: { server: server(base), local: local(base) },
    expect: { write: base, state: "accept" },
  },
  {
    rule: "link-theirs",
    input: { server: server(edited({ notes: "B" })), local: local(base), prefer: "theirs" },
    expect: { write: edited({ notes: "B" }), state: "accept", merged: true },
  },
  {
    rule: "link-mine",
    input: {
      server: server(edited({ notes: "B" })),
      local: local(edited({ leadUnit: "KHTC" })),
      prefer: "mine",
    },
    expect: {
      push: {
        kind: "task",
        id: ID,
        unit: "KHTC",
        baseVersion: 5,
        fromUnit: "VP",
        data: edited({ leadUnit: "KHTC" }),
      },
    },
  },
  {
    rule: "link-conflict",
    input: { server: server(edited({ notes: "B" })), local: local(edited({ status: "done" })) },
    expect: {
      state: "keep",
      conflicts: [
        { field: "notes", mine: "gốc", theirs: "B" },
        { field: "status", mine: "done", theirs: "not-started" },
      ],
    },
  },
];

const ALL_RULES = TABLE.map((t) => t.rule);

describe("the record decision table (issue 9: deciding apart from applying)", () => {
  it("has one example per rule", () => {
    assert.equal(new Set(ALL_RULES).size, ALL_RULES.length);
  });

  for (const { rule, input, expect } of TABLE)
    it(`${rule}`, () => {
      const d = decide(input);
      assert.equal(d.rule, rule);
      const full: Decision = { rule, state: "keep", conflicts: [], ...expect };
      assert.deepEqual(d, full);
    });

  it("a per-conflict choice wins over --prefer", () => {
    const d = decide({
      server: server(edited({ notes: "B" })),
      local: local(edited({ notes: "A" })),
      known: { base },
      prefer: "theirs",
      choices: { [`${ID}/notes`]: "mine" },
    });
    assert.equal(d.rule, "merge-push");
    assert.equal(d.push?.data.notes, "A");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random inputs.

const value = (xs: string[]) => fc.constantFrom(...xs);
const dataArb: fc.Arbitrary<RecordData> = fc.record({
  content: value(["Việc"]),
  leadUnit: value(["VP", "KHTC"]),
  notes: value(["gốc", "A", "B"]),
  status: value(["not-started", "done"]),
});
const preferArb = fc.constantFrom(undefined, "mine" as const, "theirs" as const);
const choicesArb = fc.option(
  fc.dictionary(
    fc.constantFrom(...["leadUnit", "notes", "status", "deleted"].map((f) => `${ID}/${f}`)),
    fc.constantFrom("mine" as const, "theirs" as const),
  ),
  { nil: undefined },
);
const inputArb: fc.Arbitrary<DecisionInput> = fc
  .record({
    serverData: dataArb,
    serverDeleted: fc.boolean(),
    localData: fc.option(dataArb, { nil: undefined }),
    knownBase: fc.option(dataArb, { nil: undefined }),
    rowInError: fc.boolean(),
    prefer: preferArb,
    choices: choicesArb,
  })
  .map((r) => ({
    server: server(r.serverData, r.serverDeleted),
    ...(r.localData && { local: local(r.localData) }),
    ...(r.knownBase && { known: { base: r.knownBase } }),
    // Only a record without a row read can have its row in error.
    ...(r.localData === undefined && r.rowInError && { rowInError: true }),
    ...(r.prefer && { prefer: r.prefer }),
    ...(r.choices && { choices: r.choices }),
  }));

/**
 * What the engine's application does to this record (the model): the row, the state's base, and
 * the server once it accepted the push.
 */
function applied(input: DecisionInput, d: Decision): DecisionInput {
  let row = input.local;
  let known = input.known;
  let copy = input.server;
  if (d.insert) row = local(copy.data);
  if (row && d.write) row = local(d.write);
  if (d.removeRow) row = undefined;
  if (d.state === "accept") known = { base: copy.data };
  if (d.state === "forget") known = undefined;
  if (d.push) {
    copy = { ...copy, unit: d.push.unit, version: copy.version + 1, deleted: d.push.deleted === true };
    if (!d.push.deleted) copy.data = d.push.data;
    known = d.push.deleted ? undefined : { base: d.push.data };
  }
  return {
    ...input,
    server: copy,
    ...(row ? { local: row } : { local: undefined }),
    ...(known ? { known } : { known: undefined }),
  };
}

const quiet = (d: Decision, row: LocalSide | undefined) =>
  d.push === undefined &&
  d.conflicts.length === 0 &&
  !d.insert &&
  !d.removeRow &&
  (d.write === undefined || (row !== undefined && sameData(d.write, row.data)));

/** Drops keys whose value is undefined (the shape `decide` expects under exactOptionalPropertyTypes). */
function defined(input: DecisionInput): DecisionInput {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as DecisionInput;
}

describe("the record decision table: properties", () => {
  it("applied (its push accepted), a decision leaves row, state and server agreed, and deciding again does nothing", () => {
    const seen = new Set<DecisionRule>();
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = decide(input);
        seen.add(d.rule);
        fc.pre(d.conflicts.length === 0); // an open conflict waits for the user, by design
        const after = defined(applied(input, d));
        // Agreed: the row and the last synced copy are the server's; no row only where it is deleted.
        if (after.local) {
          assert.ok(sameData(after.local.data, after.server.data) && !after.server.deleted, `${d.rule}: row`);
          assert.ok(after.known && sameData(after.known.base, after.server.data), `${d.rule}: state`);
        } else assert.ok(after.server.deleted || input.rowInError, `${d.rule}: no row`);
        const again = decide(after);
        assert.ok(quiet(again, after.local), `${d.rule} then ${again.rule}: ${JSON.stringify(again)}`);
      }),
      { numRuns: 3000 },
    );
    // The random inputs reach every row of the table but those that only open conflicts.
    const conflictOnly: DecisionRule[] = ["merge-conflict", "link-conflict", "link-deleted-conflict"];
    for (const rule of ALL_RULES)
      if (!conflictOnly.includes(rule)) assert.ok(seen.has(rule), `never ${rule}`);
  });

  it("with no preference, a change made here is never dropped: kept in the row, pushed, or a conflict", () => {
    fc.assert(
      fc.property(
        inputArb.map((i) => defined({ ...i, prefer: undefined, choices: undefined })),
        (input) => {
          const { local: row, known } = input;
          fc.pre(row !== undefined && known !== undefined && !sameData(row.data, known.base));
          const d = decide(input);
          assert.ok(!d.removeRow, "a row changed here is never removed without a choice");
          const kept = d.write ?? row!.data;
          for (const f of Object.keys(row!.data))
            if (row!.data[f] !== known!.base[f])
              assert.equal(kept[f], row!.data[f], `field ${f} keeps the value typed here (${d.rule})`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
