import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Caller } from "../../functions/src/auth/tokens";
import { partitionOf } from "../../functions/src/storage/partition-entities";
import { sync } from "../../functions/src/sync/sync-service";
import type { Cursor, PushedRecord } from "../../core/sync/protocol";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Runs: `CCHC_IDENTITY_RUNS=1000` in `npm run test:long` (issue 12), 25 in `npm test`.
 * `CCHC_IDENTITY_SEED` replays a run.
 */
const RUNS = Number(process.env.CCHC_IDENTITY_RUNS ?? 25);
const SEED =
  process.env.CCHC_IDENTITY_SEED === undefined ? undefined : Number(process.env.CCHC_IDENTITY_SEED);

/** What a client knows of each record: where it lives and at which version (absent: not live). */
interface Client {
  caller: Caller;
  copies: Map<string, { unit: string; version: number }>;
  cursor: Cursor;
}

/** `retry`: the answer is lost and the very same request (same operation id) is sent again. */
type Command = { retry: boolean } & (
  | { client: number; op: "create"; id: string; unit: number }
  | { client: number; op: "edit" | "delete" | "pull"; id: string }
  | { client: number; op: "move"; id: string; to: number }
);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    client: fc.nat(2),
    retry: fc.boolean(),
    op: fc.constant("create" as const),
    id: fc.constantFrom("x", "y"),
    unit: fc.nat(1),
  }),
  fc.record({
    client: fc.nat(2),
    retry: fc.boolean(),
    op: fc.constantFrom("edit" as const, "delete" as const, "pull" as const),
    id: fc.constantFrom("x", "y"),
  }),
  fc.record({
    client: fc.nat(2),
    retry: fc.boolean(),
    op: fc.constant("move" as const),
    id: fc.constantFrom("x", "y"),
    to: fc.nat(1),
  }),
);

/** What the whole run saw, for docs/reliability.md. */
const tally = {
  runs: 0,
  syncs: 0,
  retries: 0,
  applied: 0,
  conflicts: 0,
  refused: 0,
  moves: 0,
  deletes: 0,
  duplicated: 0,
  diverged: 0,
  retriesAnsweredOtherwise: 0,
};

describe("record identity model (property: random creates, edits, moves, deletes and retries by 3 members, real Azurite)", function () {
  this.timeout(RUNS >= 100 ? 0 : 240_000 + RUNS * 3_000); // a long run is bounded by its job
  let s: TestServer;
  before(async () => (s = await startTestServer()));
  after(async () => {
    await s?.stop();
    console.log(`      identity model: ${JSON.stringify(tally)}`);
  });

  it(`keeps each (kind, id) live in at most one unit, applies moves whole and retries once, and every member converges (${RUNS} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 12 }), async (commands) => {
        tally.runs++;
        // Progress of a long run, so that a run cut short still reports what it saw.
        if (RUNS >= 100 && tally.runs % 100 === 0)
          console.log(`      identity model, ${new Date().toISOString()}: ${JSON.stringify(tally)}`);
        const tag = `m${run}${randomUUID().slice(0, 6)}`;
        const units = [`${tag}A`, `${tag}B`];
        // Each run is its own plan year: a new member's first pull reads that run's changes only.
        const year = 2100 + run++;
        const clients: Client[] = [
          {
            caller: { tokenId: "c", name: "coordinator", role: "coordinator" },
            copies: new Map(),
            cursor: {},
          },
          {
            caller: { tokenId: "a", name: "staff A", role: "staff", unit: units[0]! },
            copies: new Map(),
            cursor: {},
          },
          {
            caller: { tokenId: "b", name: "staff B", role: "staff", unit: units[1]! },
            copies: new Map(),
            cursor: {},
          },
        ];
        const ids = (id: string) => `${tag}-${id}`;

        const step = async (cmd: Command): Promise<boolean> => {
          const c = clients[cmd.client]!;
          const id = ids(cmd.id);
          const mine = c.copies.get(id);
          let push: PushedRecord[] = [];
          if (cmd.op === "create" && !mine) {
            const unit = units[cmd.unit]!;
            push = [{ kind: "task", id, unit, baseVersion: null, data: { content: "new", leadUnit: unit } }];
          } else if (cmd.op === "edit" && mine) {
            push = [
              {
                kind: "task",
                id,
                unit: mine.unit,
                baseVersion: mine.version,
                data: { content: randomUUID(), leadUnit: mine.unit },
              },
            ];
          } else if (cmd.op === "delete" && mine) {
            push = [
              { kind: "task", id, unit: mine.unit, baseVersion: mine.version, deleted: true, data: {} },
            ];
          } else if (cmd.op === "move" && mine && mine.unit !== units[cmd.to]) {
            const to = units[cmd.to]!;
            push = [
              {
                kind: "task",
                id,
                unit: to,
                fromUnit: mine.unit,
                baseVersion: mine.version,
                data: { content: "moved", leadUnit: to },
              },
            ];
          }
          const req = { year, operationId: randomUUID(), cursor: c.cursor, push };
          tally.syncs++;
          let res = await sync(s.services.records, c.caller, req);
          if (cmd.retry) {
            tally.retries++;
            const again = await sync(s.services.records, c.caller, structuredClone(req));
            const outcome = (rs: typeof res.results) =>
              rs.map((r) =>
                r.status === "applied" ? `${r.id} applied v${r.version}` : `${r.id} ${r.status}`,
              );
            if (JSON.stringify(outcome(again.results)) !== JSON.stringify(outcome(res.results)))
              tally.retriesAnsweredOtherwise++;
            assert.deepEqual(
              outcome(again.results),
              outcome(res.results),
              "a retried operation answers as the first time",
            );
            res = again;
          }
          for (const r of res.results) {
            if (r.status === "applied") tally.applied++;
            else if (r.status === "conflict") tally.conflicts++;
            else tally.refused++;
          }
          // Moves and deletes the server applied.
          if (res.results[0]?.status === "applied" && push[0]?.fromUnit !== undefined) tally.moves++;
          if (res.results[0]?.status === "applied" && push[0]?.deleted) tally.deletes++;
          for (const [i, r] of res.results.entries()) {
            const p = push[i]!;
            if (r.status === "applied") {
              if (p.deleted) c.copies.delete(p.id);
              else c.copies.set(p.id, { unit: p.unit, version: r.version });
            }
          }
          // The latest of each record wins; a live copy beats a tombstone of the same id (a move).
          const latest = new Map<string, { unit: string; version: number; deleted: boolean }>();
          for (const ch of res.changes) {
            if (!units.includes(ch.unit)) continue;
            const seen = latest.get(ch.id);
            const rank = (x: { deleted: boolean; version: number }) => (x.deleted ? 0 : 1e9) + x.version;
            if (!seen || rank(ch) > rank(seen)) latest.set(ch.id, ch);
          }
          // A move leaves a tombstone in the unit it left: as in the engine (onChanges), only a tombstone
          // where the member holds the record deletes it, whichever tombstone ranks first.
          const tombstones = new Set(
            res.changes.filter((ch) => ch.deleted).map((ch) => `${ch.id}|${ch.unit}`),
          );
          for (const [rid, ch] of latest) {
            const have = c.copies.get(rid);
            if (ch.deleted) {
              if (have && tombstones.has(`${rid}|${have.unit}`)) c.copies.delete(rid);
            } else c.copies.set(rid, { unit: ch.unit, version: ch.version });
          }
          c.cursor = res.cursor;
          return res.more === true;
        };

        /** The server's live copies of the run's ids, per id. */
        const live = async () => {
          const out = new Map<string, { unit: string; version: number }[]>();
          for (const unit of units)
            for (const r of await s.services.records.changesSince(partitionOf(year, unit), 0))
              if (!r.deleted) out.set(r.id, [...(out.get(r.id) ?? []), { unit, version: r.version }]);
          return out;
        };

        for (const cmd of commands) {
          await step(cmd);
          for (const [id, copies] of await live()) {
            if (copies.length > 1) tally.duplicated++;
            assert.ok(copies.length <= 1, `${id} is live in ${copies.map((x) => x.unit).join(" and ")}`);
          }
        }
        for (const c of clients)
          while (await step({ client: clients.indexOf(c), op: "pull", id: "x", retry: false }));
        const server = await live();
        for (const c of clients)
          for (const id of ["x", "y"].map(ids)) {
            if (JSON.stringify(c.copies.get(id)) !== JSON.stringify(server.get(id)?.[0])) tally.diverged++;
            assert.deepEqual(
              c.copies.get(id),
              server.get(id)?.[0],
              `${c.caller.name} agrees with the server about ${id}`,
            );
          }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
