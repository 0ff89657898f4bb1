/**
 * Found by walking the README's first day (T13, /work/notes/t13-findings.md): an admin storing the
 * department's units with one field left out (`kind`) was told "Each unit is an object." at
 * `/0/kind`; the answer now names the missing field.
 */
import { strict as assert } from "node:assert";
import { call, startTestServer, type TestServer } from "../helpers/server";

describe("PUT /api/reference: a required field left out is named", function () {
  this.timeout(60_000);
  let s: TestServer;
  let admin: string;
  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  it("a unit without kind: 400 'Missing field \"kind\"' at /0/kind, in both languages", async () => {
    const r = await call(s.url, "PUT", "/api/reference/units?year=2026", admin, [
      { code: "TP", name: "Phòng Tư pháp", fromYear: 2026 },
    ]);
    assert.equal(r.status, 400);
    assert.equal(r.json.pointer, "/0/kind");
    assert.equal(r.json.en, 'Missing field "kind".');
    assert.equal(r.json.vi, 'Thiếu trường "kind".');
  });

  it("a unit that is not an object still says what a unit is", async () => {
    const r = await call(s.url, "PUT", "/api/reference/units?year=2026", admin, ["TP"]);
    assert.equal(r.status, 400);
    assert.equal(r.json.en, "Each unit is an object.");
  });

  it("a field (lĩnh vực) without its English name names it too", async () => {
    const r = await call(s.url, "PUT", "/api/reference/fields?year=2026", admin, [
      { number: 1, code: "CD", vi: "Công tác chỉ đạo" },
    ]);
    assert.equal(r.status, 400);
    assert.equal(r.json.pointer, "/0/en");
    assert.equal(r.json.en, 'Missing field "en".');
  });
});
