import { strict as assert } from "node:assert";
import { SyncGate } from "../../addin/shared/sync-runner";

function memoryStore() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

/** Waits (at most 2 s) until `ok` holds, checking every 5 ms. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok(), "condition not met within 2 s");
}

describe("one sync at a time on this computer (the pane's and the ribbon's lock)", () => {
  it("a pane reloaded mid-sync does not block “Đồng bộ” for 10 minutes: its lock is stale after 2 minutes", () => {
    const store = memoryStore();
    let now = 1_000_000;
    const before = new SyncGate(store, () => now);
    assert.ok(before.tryEnter()); // the page is reloaded: leave() never runs
    const after = new SyncGate(store, () => now);
    now += 90_000;
    assert.ok(
      !after.tryEnter(),
      "90 s later the sync may still be running (a hidden page's timers may wake once a minute)",
    );
    now += 31_000;
    assert.ok(after.tryEnter(), "2 minutes without renewal: the lock was a closed pane's");
    after.leave();
    before.leave();
  });

  it("a running sync renews its lock, so a long sync is never taken for a closed pane", async () => {
    const store = memoryStore();
    let now = 1_000_000;
    const running = new SyncGate(store, () => now, 10);
    assert.ok(running.tryEnter());
    now += 60_000; // a long write
    await until(() => store.getItem("cchc.syncLock") === String(now));
    assert.ok(!new SyncGate(store, () => now).tryEnter(), "the ribbon waits");
    running.leave();
    assert.equal(store.getItem("cchc.syncLock"), null);
  });

  it("a page that goes away (pagehide) releases its lock at once; one kept in the back-forward cache does not", () => {
    const store = memoryStore();
    const listeners: ((e: Event) => void)[] = [];
    const page = { addEventListener: (_: string, f: (e: Event) => void) => void listeners.push(f) };
    const gate = new SyncGate(store);
    gate.releaseOnPageHide(page as unknown as Window);
    assert.ok(gate.tryEnter());
    listeners.forEach((f) => f({ persisted: true } as unknown as Event));
    assert.ok(gate.busy);
    listeners.forEach((f) => f({ persisted: false } as unknown as Event));
    assert.ok(!gate.busy);
    assert.ok(new SyncGate(store).tryEnter(), "the reopened pane may sync");
  });
});
