import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Caller } from "../../functions/src/auth/tokens";
import type { Cursor, PushedRecord, SyncRequest, SyncResponse } from "../../core/sync/protocol";
import { sync } from "../../functions/src/sync/sync-service";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Interleavings to run: `CCHC_MODEL_RUNS=1000` in `npm run test:long` (issue 12), 20 in `npm test`.
 * `CCHC_MODEL_SEED` replays a run.
 */
const RUNS = Number(process.env.CCHC_MODEL_RUNS ?? 20);
const SEED = process.env.CCHC_MODEL_SEED === undefined ? undefined : Number(process.env.CCHC_MODEL_SEED);

/** A copy as a client holds it: the version it was based on, its value, whether it is a tombstone. */
interface Copy {
  version: number;
  value: number;
  deleted: boolean;
}

/** A client as the sync engine is: its copies per unit and id, its cursor, the changes it saw. */
interface Client {
  copies: Map<string, Copy>; // `${unit}|${id}`
  cursor: Cursor;
  seenSeqs: Map<string, number[]>;
}

/** Tiny pages, so that paging is part of every interleaving. */
const PAGE = 2;
const MEMBERS = 4;
const IDS = ["a", "b", "c"] as const;

type Command = { client: number; retry: boolean } & (
  { kind: "edit"; id: string; value: number } | { kind: "delete"; id: string } | { kind: "pull" }
);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    client: fc.nat(MEMBERS - 1),
    retry: fc.boolean(),
    kind: fc.constant("edit" as const),
    id: fc.constantFrom(...IDS),
    value: fc.nat(1000),
  }),
  fc.record({
    client: fc.nat(MEMBERS - 1),
    retry: fc.boolean(),
    kind: fc.constant("delete" as const),
    id: fc.constantFrom(...IDS),
  }),
  // Moves between units are one push item (fromUnit) with rights on both units: their model test is
  // test/functions/sync-identity-model.test.ts.
  fc.record({ client: fc.nat(MEMBERS - 1), retry: fc.boolean(), kind: fc.constant("pull" as const) }),
);

/** What the whole long run saw, for docs/reliability.md. */
const tally = {
  runs: 0,
  syncs: 0,
  retries: 0,
  applied: 0,
  conflicts: 0,
  deletes: 0,
  lostUpdates: 0,
  missed: 0,
  repeated: 0,
};

describe("sync model (property, 3-4 members, random interleavings of pushes, pulls, deletes and retries, real Azurite)", function () {
  this.timeout(RUNS >= 100 ? 0 : 180_000 + RUNS * 2_000); // a long run is bounded by its job
  let s: TestServer;
  before(async () => (s = await startTestServer()));
  after(async () => {
    await s?.stop();
    console.log(`      sync model: ${JSON.stringify(tally)}`);
  });

  it(`never loses an update and never misses or repeats a change, with paged pulls (${RUNS} interleavings)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: MEMBERS }),
        fc.array(fc.array(commandArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        async (members, batches) => {
          tally.runs++;
          // Progress of a long run, so that a run cut short still reports what it saw.
          if (RUNS >= 100 && tally.runs % 100 === 0)
            console.log(`      sync model, ${new Date().toISOString()}: ${JSON.stringify(tally)}`);
          // Each run is its own plan year: a new member's first pull then pages through that run's
          // changes only (with one year for all, run k paged through every run before it: quadratic).
          const year = 2100 + run;
          const base = `model-${run++}-${randomUUID().slice(0, 8)}`;
          const units = [`${base}-A`, `${base}-B`];
          const caller: Caller = { tokenId: "t", name: "model", role: "coordinator" };
          const clients: Client[] = Array.from({ length: members }, () => ({
            copies: new Map(),
            cursor: {},
            seenSeqs: new Map(),
          }));
          /** What the server applied: `${unit}|${id}` → version → value. */
          const applied = new Map<string, Map<number, Copy>>();

          /** The unit where the client holds a live copy of `id` (the first unit if none). */
          const home = (c: Client, id: string): string =>
            units.find((u) => c.copies.get(`${u}|${id}`)?.deleted === false) ?? units[0]!;
          const baseOf = (c: Client, unit: string, id: string) =>
            c.copies.get(`${unit}|${id}`)?.version ?? null;
          const keep = (c: Client, key: string, copy: Copy) => {
            const mine = c.copies.get(key);
            if (!mine || mine.version < copy.version) c.copies.set(key, copy);
          };

          const pushOf = (c: Client, cmd: Command): PushedRecord[] => {
            if (cmd.kind === "pull") return [];
            cmd = { ...cmd, id: `${base}-${cmd.id}` }; // ids are unique per plan year, across runs too
            const from = home(c, cmd.id);
            const live = c.copies.get(`${from}|${cmd.id}`)?.deleted === false;
            const rec = (unit: string, data: Record<string, unknown>, deleted = false): PushedRecord => ({
              kind: "task",
              id: cmd.id,
              unit,
              baseVersion: baseOf(c, unit, cmd.id),
              ...(deleted ? { deleted: true } : {}),
              data,
            });
            if (cmd.kind === "edit") return [rec(from, { value: cmd.value })];
            if (!live) return [];
            const value = c.copies.get(`${from}|${cmd.id}`)!.value;
            tally.deletes++;
            return [rec(from, { value }, true)];
          };

          const absorb = (c: Client, res: SyncResponse, push: PushedRecord[]) => {
            for (const [i, r] of res.results.entries()) {
              const p = push[i]!;
              // The writer knows its own change from the result; the server does not send it back.
              if (r.status === "applied")
                keep(c, `${p.unit}|${p.id}`, {
                  version: r.version,
                  value: p.data.value as number,
                  deleted: p.deleted === true,
                });
            }
            for (const ch of res.changes.filter((x) => units.includes(x.unit))) {
              const seqs = c.seenSeqs.get(ch.unit) ?? [];
              seqs.push(ch.seq);
              c.seenSeqs.set(ch.unit, seqs);
              keep(c, `${ch.unit}|${ch.id}`, {
                version: ch.version,
                value: ch.data.value as number,
                deleted: ch.deleted,
              });
            }
            c.cursor = res.cursor;
          };

          const record = (req: SyncRequest, res: SyncResponse) => {
            for (const [i, r] of res.results.entries()) {
              const p = req.push[i]!;
              if (r.status === "conflict") tally.conflicts++;
              if (r.status !== "applied") continue;
              tally.applied++;
              const key = `${p.unit}|${p.id}`;
              const versions = applied.get(key) ?? new Map<number, Copy>();
              if (versions.has(r.version) || r.version !== (p.baseVersion ?? 0) + 1) tally.lostUpdates++;
              assert.ok(!versions.has(r.version), `version ${r.version} of ${key} given twice`);
              assert.equal(
                r.version,
                (p.baseVersion ?? 0) + 1,
                `${key}: applied on the version it was based on`,
              );
              versions.set(r.version, {
                version: r.version,
                value: p.data.value as number,
                deleted: p.deleted === true,
              });
              applied.set(key, versions);
            }
          };

          const step = async (cmd: Command): Promise<boolean> => {
            const c = clients[cmd.client % members]!;
            const push = pushOf(c, cmd);
            const req: SyncRequest = { year, operationId: randomUUID(), cursor: c.cursor, push };
            tally.syncs++;
            const res = await sync(s.services.records, caller, req, PAGE);
            record(req, res);
            if (cmd.retry) {
              // The answer was lost: the client sends the very same request again, and must get the same results.
              tally.retries++;
              const again = await sync(s.services.records, caller, structuredClone(req), PAGE);
              // (A conflict carries the server's copy as it is now, which a concurrent member may have changed.)
              const outcome = (rs: SyncResponse["results"]) =>
                rs.map((r) =>
                  r.status === "applied" ? `${r.id} applied v${r.version}` : `${r.id} ${r.status}`,
                );
              assert.deepEqual(
                outcome(again.results),
                outcome(res.results),
                "a retried operation answers as the first time",
              );
              absorb(c, again, push);
              return again.more === true;
            }
            absorb(c, res, push);
            return res.more === true;
          };

          // Members run concurrently with each other; one member's syncs are sequential, as in the engine.
          for (const batch of batches) {
            const firstOfEach = batch.filter(
              (cmd, i) => batch.findIndex((b) => b.client % members === cmd.client % members) === i,
            );
            await Promise.all(firstOfEach.map(step));
          }
          // Final pulls page through whatever is left.
          for (let i = 0; i < members; i++) while (await step({ client: i, kind: "pull", retry: false }));

          for (const [key, versions] of applied) {
            const latest = Math.max(...versions.keys());
            assert.deepEqual(
              [...versions.keys()].sort((a, b) => a - b),
              Array.from({ length: latest }, (_, i) => i + 1),
              `versions of ${key} are 1..n`,
            );
            for (const c of clients) {
              if (!assertSame(c.copies.get(key), versions.get(latest)!)) tally.missed++;
              assert.deepEqual(
                c.copies.get(key),
                versions.get(latest),
                `every member ends with the last write of ${key}`,
              );
            }
          }
          for (const c of clients)
            for (const [unit, seqs] of c.seenSeqs)
              for (let i = 1; i < seqs.length; i++) {
                if (seqs[i]! <= seqs[i - 1]!) tally.repeated++;
                assert.ok(seqs[i]! > seqs[i - 1]!, `${unit}: each change is seen once, in order`);
              }
        },
      ),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});

function assertSame(a: Copy | undefined, b: Copy): boolean {
  return a !== undefined && a.version === b.version && a.value === b.value && a.deleted === b.deleted;
}
