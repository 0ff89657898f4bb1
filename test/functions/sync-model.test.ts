import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Caller } from "../../functions/src/auth/tokens";
import type { Cursor, StoredRecord } from "../../core/sync/protocol";
import { sync } from "../../functions/src/sync/sync-service";
import { startTestServer, type TestServer } from "../helpers/server";

/** A client as the sync engine will be: its copies with their versions, and its cursor. */
interface Client {
  copies: Map<string, { version: number; value: number }>;
  cursor: Cursor;
  seenSeqs: Map<string, number[]>;
}

/** Tiny pages, so that paging is part of every interleaving. */
const PAGE = 2;

type Command = { client: number; kind: "edit"; id: string; value: number } | { client: number; kind: "pull" };

const commandArb = (clients: number): fc.Arbitrary<Command> =>
  fc.oneof(
    fc.record({
      client: fc.nat(clients - 1),
      kind: fc.constant("edit" as const),
      id: fc.constantFrom("a", "b", "c"),
      value: fc.nat(1000),
    }),
    fc.record({ client: fc.nat(clients - 1), kind: fc.constant("pull" as const) }),
  );

describe("sync model (property, several clients, random interleavings, real Azurite)", function () {
  this.timeout(180_000);
  let s: TestServer;
  before(async () => (s = await startTestServer()));
  after(() => s?.stop());

  it("never loses an update and never misses or repeats a change, with paged pulls", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(commandArb(3), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        async (batches) => {
          const unit = `model-${run++}-${randomUUID().slice(0, 8)}`;
          const caller: Caller = { tokenId: "t", name: "model", role: "coordinator" };
          const clients: Client[] = [0, 1, 2].map(() => ({
            copies: new Map(),
            cursor: {},
            seenSeqs: new Map(),
          }));
          const applied = new Map<string, Map<number, number>>(); // id → version → value

          const absorb = (c: Client, changes: StoredRecord[], cursor: Cursor) => {
            for (const ch of changes) {
              const seqs = c.seenSeqs.get(ch.unit) ?? [];
              seqs.push(ch.seq);
              c.seenSeqs.set(ch.unit, seqs);
              const mine = c.copies.get(ch.id);
              if (!mine || mine.version < ch.version)
                c.copies.set(ch.id, { version: ch.version, value: ch.data.value as number });
            }
            c.cursor = cursor;
          };

          const step = async (cmd: Command) => {
            const c = clients[cmd.client]!;
            const push =
              cmd.kind === "edit"
                ? [
                    {
                      kind: "task" as const,
                      id: cmd.id,
                      unit,
                      baseVersion: c.copies.get(cmd.id)?.version ?? null,
                      data: { value: cmd.value },
                    },
                  ]
                : [];
            const res = await sync(
              s.services.records,
              caller,
              {
                year: 2021,
                operationId: randomUUID(),
                cursor: c.cursor,
                push,
              },
              PAGE,
            );
            for (const [i, r] of res.results.entries()) {
              if (r.status === "applied") {
                const versions = applied.get(r.id) ?? new Map<number, number>();
                assert.ok(!versions.has(r.version), `version ${r.version} of ${r.id} given twice`);
                versions.set(r.version, push[i]!.data.value);
                applied.set(r.id, versions);
                // The writer knows its own change from the result; the server does not send it back.
                const mine = c.copies.get(r.id);
                if (!mine || mine.version < r.version)
                  c.copies.set(r.id, { version: r.version, value: push[i]!.data.value });
              }
            }
            // Only this unit's partition matters to this run.
            absorb(
              c,
              res.changes.filter((ch) => ch.unit === unit),
              res.cursor,
            );
            return res.more === true;
          };

          // Clients run concurrently with each other; one client's syncs are sequential, as in the engine.
          for (const batch of batches)
            await Promise.all(
              batch.filter((cmd, i) => batch.findIndex((b) => b.client === cmd.client) === i).map(step),
            );
          // Final pulls page through whatever is left.
          for (const c of clients) while (await step({ client: clients.indexOf(c), kind: "pull" }));

          for (const [id, versions] of applied) {
            const latest = Math.max(...versions.keys());
            assert.deepEqual(
              [...versions.keys()].sort((a, b) => a - b),
              Array.from({ length: latest }, (_, i) => i + 1),
              `versions of ${id} are 1..n`,
            );
            for (const c of clients)
              assert.deepEqual(
                c.copies.get(id),
                { version: latest, value: versions.get(latest) },
                `every client ends with the last applied value of ${id}`,
              );
          }
          for (const c of clients) {
            const seqs = c.seenSeqs.get(unit) ?? [];
            for (let i = 1; i < seqs.length; i++)
              assert.ok(seqs[i]! > seqs[i - 1]!, "each change is seen once, in order");
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
