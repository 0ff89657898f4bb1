import { strict as assert } from "node:assert";
import fc from "fast-check";
import { langFor, roleName, translator } from "../../addin/shared/i18n";
import { progressFraction, type SyncStage } from "../../addin/shared/progress";
import {
  checkServer,
  forgetToken,
  lastServer,
  loadConnection,
  loadLastCommand,
  saveConnection,
  saveLastCommand,
  type KeyValueStore,
} from "../../addin/shared/settings";
import { columnIndex, columnLetter } from "../../addin/taskpane/dom";

function memoryStore(): KeyValueStore & { dump(): string } {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    dump: () => JSON.stringify([...m]),
  };
}

describe("the add-in's settings, words and progress", () => {
  it("keeps one connection per partition key and forgets the token on sign-out", () => {
    const store = memoryStore();
    saveConnection(store, "p1_", { server: "https://api.example.vn", token: "cchc_a.secret1" });
    saveConnection(store, "p2_", { server: "https://other.example.vn", token: "cchc_b.secret2" });
    assert.equal(loadConnection(store, "p1_")?.token, "cchc_a.secret1");
    assert.equal(loadConnection(store, "p2_")?.token, "cchc_b.secret2");
    forgetToken(store, "p1_");
    assert.equal(loadConnection(store, "p1_"), undefined);
    assert.ok(!store.dump().includes("secret1"), "the token is gone");
    assert.equal(lastServer(store, "p1_"), "https://api.example.vn", "the address stays");
    assert.equal(loadConnection(store, "p2_")?.token, "cchc_b.secret2", "another partition is untouched");
  });

  it("ignores a damaged saved connection instead of failing", () => {
    const store = memoryStore();
    for (const damaged of [
      "{not json",
      "null",
      "[1]",
      '{"server":1,"token":"x"}',
      '{"server":"s","token":""}',
    ]) {
      store.setItem("cchc.connection", damaged);
      assert.equal(loadConnection(store, undefined), undefined, damaged);
    }
    // The pane's footer shows the last ribbon sync: a damaged one is not shown, nor thrown.
    for (const damaged of ["5", "null", '{"at":5,"line":"x"}', "{not json"]) {
      store.setItem("cchc.lastCommand", damaged);
      assert.equal(loadLastCommand(store, undefined), undefined, damaged);
    }
    saveLastCommand(store, undefined, "Đồng bộ: 3 bản ghi");
    assert.equal(loadLastCommand(store, undefined)?.line, "Đồng bộ: 3 bản ghi");
  });

  it("accepts https servers and http on this computer, only when the build allows their origin", () => {
    const allowed = ["https://api.example.vn", "http://127.0.0.1:7071"];
    assert.deepEqual(checkServer("https://api.example.vn/", allowed), { origin: "https://api.example.vn" });
    assert.deepEqual(checkServer("http://127.0.0.1:7071", allowed), { origin: "http://127.0.0.1:7071" });
    assert.deepEqual(checkServer("http://api.example.vn", allowed), { error: "bad" });
    assert.deepEqual(checkServer("not a url", allowed), { error: "bad" });
    assert.deepEqual(checkServer("https://evil.example.com", allowed), { error: "notAllowed" });
  });

  it("speaks English only when Office's language is English", () => {
    assert.equal(langFor("en-US"), "en");
    assert.equal(langFor("EN-gb"), "en");
    assert.equal(langFor("vi-VN"), "vi");
    assert.equal(langFor("fr-FR"), "vi");
    assert.equal(langFor(undefined), "vi");
    assert.equal(translator("en")("stageSend", 12), "Sending 12 records…");
    assert.equal(translator("vi")("stageSend", 12), "Đang gửi 12 bản ghi…");
    assert.equal(roleName("leader", "vi"), "lãnh đạo");
    assert.equal(roleName("auditor", "en"), "auditor");
  });

  it("moves the progress bar forward only, stage by stage, within 0..1", () => {
    const order: SyncStage[] = ["read", "send", "receive", "write"];
    fc.assert(
      fc.property(
        fc.constantFrom(...order),
        fc.nat(1000),
        fc.nat(1000),
        fc.constantFrom(...order),
        (a, done, total, b) => {
          const fa = progressFraction(a, Math.min(done, total), total);
          assert.ok(fa >= 0 && fa <= 1);
          if (order.indexOf(a) < order.indexOf(b)) assert.ok(fa <= progressFraction(b, 0, 1));
        },
      ),
    );
  });

  it("turns column numbers into letters and back", () => {
    fc.assert(fc.property(fc.nat(16383), (c) => columnIndex(columnLetter(c)) === c));
    assert.equal(columnLetter(26), "AA");
  });
});
