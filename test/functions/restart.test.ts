import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import type { Caller } from "../../functions/src/auth/tokens";
import { startAzurite } from "../../functions/src/dev/azurite";
import { servicesFor } from "../../functions/src/services";
import { sync } from "../../functions/src/sync/sync-service";
import { tempDir } from "../helpers/tmp";

describe("storage restart (Azurite in persistent mode)", function () {
  this.timeout(60_000);
  const tmp = tempDir("azurite");
  after(() => tmp.remove());

  it("loses nothing when storage stops and starts again between pushes", async () => {
    const caller: Caller = { tokenId: "t", name: "C", role: "coordinator" };
    const push = (ids: string[]) =>
      ids.map((id) => ({
        kind: "task" as const,
        id,
        unit: "VP",
        baseVersion: null,
        data: { content: id, status: "done" },
      }));
    let azurite = await startAzurite({ location: tmp.dir });
    const port = azurite.port;
    const first = await sync(servicesFor(azurite.connectionString).records, caller, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: push(["a", "b", "c"]),
    });
    assert.ok(first.results.every((r) => r.status === "applied"));
    await azurite.stop();

    azurite = await startAzurite({ location: tmp.dir, port });
    try {
      const services = servicesFor(azurite.connectionString);
      const second = await sync(services.records, caller, {
        year: 2021,
        operationId: randomUUID(),
        cursor: first.cursor,
        push: push(["d"]),
      });
      assert.equal(second.results[0]!.status, "applied");
      const pulled = await sync(services.records, caller, {
        year: 2021,
        operationId: randomUUID(),
        cursor: first.cursor,
        push: [],
      });
      assert.deepEqual(
        pulled.changes.map((c) => c.id),
        ["d"],
        "the cursor from before the restart still fits",
      );
      const all = await sync(services.records, caller, {
        year: 2021,
        operationId: randomUUID(),
        cursor: {},
        push: [],
      });
      assert.deepEqual(all.changes.map((c) => c.id).sort(), ["a", "b", "c", "d"]);
      const history = await services.records.audit(2021, "VP", "task", "a");
      assert.equal(history.length, 1, "audit entries survive too");
    } finally {
      await azurite.stop();
    }
  });
});
