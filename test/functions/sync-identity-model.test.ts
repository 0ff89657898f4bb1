import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Caller } from "../../functions/src/auth/tokens";
import { partitionOf } from "../../functions/src/storage/records-repository";
import { sync } from "../../functions/src/sync/sync-service";
import type { Cursor, PushedRecord } from "../../core/sync/protocol";
import { startTestServer, type TestServer } from "../helpers/server";

/** What a client knows of each record: where it lives and at which version (absent: not live). */
interface Client {
  caller: Caller;
  copies: Map<string, { unit: string; version: number }>;
  cursor: Cursor;
}

type Command =
  | { client: number; op: "create"; id: string; unit: number }
  | { client: number; op: "edit" | "delete" | "pull"; id: string }
  | { client: number; op: "move"; id: string; to: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    client: fc.nat(2),
    op: fc.constant("create" as const),
    id: fc.constantFrom("x", "y"),
    unit: fc.nat(1),
  }),
  fc.record({
    client: fc.nat(2),
    op: fc.constantFrom("edit" as const, "delete" as const, "pull" as const),
    id: fc.constantFrom("x", "y"),
  }),
  fc.record({
    client: fc.nat(2),
    op: fc.constant("move" as const),
    id: fc.constantFrom("x", "y"),
    to: fc.nat(1),
  }),
);

describe("record identity model (property: random creates, edits, moves, deletes by 3 members, real Azurite)", function () {
  this.timeout(240_000);
  let s: TestServer;
  before(async () => (s = await startTestServer()));
  after(() => s?.stop());

  it("keeps each (kind, id) live in at most one unit, applies moves whole, and every member converges", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 12 }), async (commands) => {
        const tag = `m${run++}${randomUUID().slice(0, 6)}`;
        const units = [`${tag}A`, `${tag}B`];
        const year = 2030;
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
          const res = await sync(s.services.records, c.caller, {
            year,
            operationId: randomUUID(),
            cursor: c.cursor,
            push,
          });
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
          for (const [rid, ch] of latest) {
            const have = c.copies.get(rid);
            if (ch.deleted) {
              if (have && have.unit === ch.unit) c.copies.delete(rid);
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
          for (const [id, copies] of await live())
            assert.ok(copies.length <= 1, `${id} is live in ${copies.map((x) => x.unit).join(" and ")}`);
        }
        for (const c of clients) while (await step({ client: clients.indexOf(c), op: "pull", id: "x" }));
        const server = await live();
        for (const c of clients)
          for (const id of ["x", "y"].map(ids))
            assert.deepEqual(
              c.copies.get(id),
              server.get(id)?.[0],
              `${c.caller.name} agrees with the server about ${id}`,
            );
      }),
      { numRuns: 25 },
    );
  });
});
