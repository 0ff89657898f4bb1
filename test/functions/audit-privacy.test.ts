import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { call, startTestServer, type TestServer } from "../helpers/server";

/** Issue 8 item 3: applicants' personal data never stays in the audit; an admin can purge a history. */
describe("server audit: personal data redacted, history purged by an admin", function () {
  this.timeout(120_000);
  let s: TestServer;
  let staff: string;
  let leader: string;
  let admin: string;

  before(async () => {
    s = await startTestServer();
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  const base = { receivedOn: "2021-01-05", dueOn: "2021-01-20", status: "processing", unit: "VP" };
  const push = (id: string, baseVersion: number | null, data: Record<string, unknown>, deleted = false) =>
    call(s.url, "POST", "/api/sync", staff, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: [{ kind: "dossier", id, unit: "VP", baseVersion, deleted, data }],
    });
  const history = (id: string, who = leader) =>
    call(s.url, "GET", `/api/audit?year=2021&unit=VP&kind=dossier&record=${id}`, who);

  it("records that personal data changed, never its values, through push, removal and deletion", async () => {
    const applicant = { name: "Nguyễn Văn An", address: "12 Lê Lợi", idNumber: "0790123456" };
    assert.equal((await push("p1", null, { ...base, applicant, phone: "0912345678" })).status, 200);
    assert.equal((await push("p1", 1, { ...base, status: "resolved", resultOn: "2021-01-15" })).status, 200);
    assert.equal((await push("p1", 2, {}, true)).status, 200);
    const h = await history("p1");
    assert.equal(h.status, 200);
    const text = JSON.stringify(h.json);
    for (const secret of ["Nguyễn Văn An", "Lê Lợi", "0790123456", "0912345678"])
      assert.ok(!text.includes(secret), `audit holds ${secret}`);
    const entries = h.json as unknown as { changes: Record<string, unknown>[] }[];
    assert.equal(entries.length, 3);
    assert.deepEqual(
      entries[0]!.changes.find((c) => c.field === "applicant"),
      { field: "applicant", changed: true },
    );
    assert.deepEqual(
      entries[1]!.changes.find((c) => c.field === "phone"),
      { field: "phone", changed: true },
    );
    assert.deepEqual(
      entries[1]!.changes.find((c) => c.field === "status"),
      { field: "status", from: "processing", to: "resolved" },
      "other fields keep from → to",
    );
  });

  it("lets an admin purge a record's history (only that record's), and records the purge without data", async () => {
    // Two records in one push share an audit entity: purging one keeps the other's entries.
    const r = await call(s.url, "POST", "/api/sync", staff, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: [
        { kind: "dossier", id: "q1", unit: "VP", baseVersion: null, data: { ...base, notes: "ghi chú q1" } },
        { kind: "dossier", id: "q2", unit: "VP", baseVersion: null, data: { ...base, notes: "ghi chú q2" } },
      ],
    });
    assert.equal(r.status, 200);
    await push("q1", 1, { ...base, notes: "sửa q1" });
    const purgePath = "/api/audit?year=2021&unit=VP&kind=dossier&record=q1";
    for (const who of [staff, leader])
      assert.equal((await call(s.url, "DELETE", purgePath, who)).status, 403);
    const purged = await call(s.url, "DELETE", purgePath, admin);
    assert.equal(purged.status, 200);
    assert.equal(purged.json.removed, 2);
    const after = await history("q1");
    const text = JSON.stringify(after.json);
    assert.ok(!text.includes("q1\u0020") && !text.includes("ghi chú q1") && !text.includes("sửa q1"), text);
    const entries = after.json as unknown as { who: string; changes: unknown[] }[];
    assert.equal(entries.length, 1, "only the purge itself remains");
    assert.equal(entries[0]!.who, "Admin");
    assert.deepEqual(entries[0]!.changes, [{ field: "history", changed: true }]);
    const other = (await history("q2")).json as unknown as { changes: { field: string; to: unknown }[] }[];
    assert.equal(other.length, 1);
    assert.equal(other[0]!.changes.find((c) => c.field === "notes")!.to, "ghi chú q2");
    // The record itself is untouched, and later changes are audited again.
    assert.equal((await push("q1", 2, { ...base, notes: "lần 3" })).status, 200);
    assert.equal(((await history("q1")).json as unknown as unknown[]).length, 2);
  });
});
