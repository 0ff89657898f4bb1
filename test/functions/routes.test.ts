import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { call, startTestServer, type TestServer } from "../helpers/server";

type Json = Record<string, unknown>;
type Who = "anonymous" | "staff" | "coordinator" | "leader" | "admin";

/** Who may call what, written out here independently of the route table so that either can be wrong. */
const MATRIX: { method: string; path: string; body?: unknown; allowed: Who[] }[] = [
  { method: "GET", path: "/api/health", allowed: ["anonymous", "staff", "coordinator", "leader", "admin"] },
  {
    method: "POST",
    path: "/api/sync",
    body: { year: 2021, operationId: "matrix-op-1", cursor: {}, push: [] },
    allowed: ["staff", "coordinator", "leader", "admin"],
  },
  { method: "GET", path: "/api/stats?year=2021", allowed: ["staff", "coordinator", "leader", "admin"] },
  {
    method: "GET",
    path: "/api/audit?year=2021&unit=VP&kind=task&record=x",
    allowed: ["coordinator", "leader", "admin"],
  },
  { method: "DELETE", path: "/api/audit?year=2021&unit=VP&kind=task&record=x", allowed: ["admin"] },
  {
    method: "GET",
    path: "/api/snapshots?year=2021&from=2021-01-01&to=2021-12-31&unit=VP",
    allowed: ["coordinator", "leader", "admin"],
  },
  { method: "POST", path: "/api/snapshots", allowed: ["admin"] },
  {
    method: "GET",
    path: "/api/reference/fields?year=2021",
    allowed: ["staff", "coordinator", "leader", "admin"],
  },
  {
    method: "GET",
    path: "/api/reference/units?year=2021",
    allowed: ["staff", "coordinator", "leader", "admin"],
  },
  {
    method: "GET",
    path: "/api/reference/calendar?year=2021",
    allowed: ["staff", "coordinator", "leader", "admin"],
  },
  {
    method: "PUT",
    path: "/api/reference/units?year=2030",
    body: [{ code: "VP", name: "Văn phòng", kind: "division", fromYear: 2030 }],
    allowed: ["admin"],
  },
  { method: "GET", path: "/api/members", allowed: ["admin"] },
  { method: "POST", path: "/api/members", body: { name: "x", role: "leader" }, allowed: ["admin"] },
  { method: "DELETE", path: "/api/members/AAAAAAAAAAAA", allowed: ["admin"] },
];

describe("server routes: authorization matrix, members, reference data, audit, CORS", function () {
  this.timeout(60_000);
  let s: TestServer;
  const tokens: Partial<Record<Who, string>> = {};

  before(async () => {
    process.env.CORS_ORIGINS = "https://addin.example.test";
    s = await startTestServer();
    tokens.staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    tokens.coordinator = (await s.services.members.issue({ name: "Coordinator", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
    tokens.admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(async () => {
    delete process.env.CORS_ORIGINS;
    await s?.stop();
  });

  for (const row of MATRIX) {
    it(`${row.method} ${row.path.split("?")[0]}: ${row.allowed.join(", ")}`, async () => {
      for (const who of ["anonymous", "staff", "coordinator", "leader", "admin"] as Who[]) {
        const r = await call(s.url, row.method, row.path, tokens[who as Exclude<Who, "anonymous">], row.body);
        if (row.allowed.includes(who))
          assert.ok(r.status < 400 || r.status === 404, `${who} is allowed: got ${r.status}`);
        else assert.equal(r.status, who === "anonymous" ? 401 : 403, `${who} is refused`);
        assert.notEqual(r.status, 500);
      }
    });
  }

  it("issues a token once, lists members without secrets, revokes and expires tokens", async () => {
    const added = await call(s.url, "POST", "/api/members", tokens.admin, {
      name: "Chị Lan",
      role: "staff",
      unit: "NCC",
    });
    assert.equal(added.status, 201);
    const token = added.json.token as string;
    assert.match(token, /^cchc_/);
    const list = await call(s.url, "GET", "/api/members", tokens.admin);
    const text = JSON.stringify(list.json);
    assert.ok(text.includes("Chị Lan") && !text.includes(token.split(".")[1]!) && !text.includes("hash"));
    assert.equal((await call(s.url, "GET", "/api/stats?year=2021", token)).status, 200);
    assert.equal(
      (await call(s.url, "DELETE", `/api/members/${added.json.tokenId as string}`, tokens.admin)).status,
      204,
    );
    assert.equal(
      (await call(s.url, "GET", "/api/stats?year=2021", token)).status,
      401,
      "a revoked token is refused",
    );
    const expired = await s.services.members.issue({ name: "Old", role: "leader", expiresInDays: -1 });
    assert.equal(
      (await call(s.url, "GET", "/api/stats?year=2021", expired.token)).status,
      401,
      "an expired token is refused",
    );
    const bad = await call(s.url, "POST", "/api/members", tokens.admin, { name: "x", role: "staff" });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.en), /needs a unit/);
  });

  it("serves reference data per year: defaults, then what an admin stored; refuses bad lists", async () => {
    const fields = await call(s.url, "GET", "/api/reference/fields?year=2021", tokens.staff);
    assert.equal((fields.json as unknown as unknown[]).length, 8);
    const units2026 = (await call(s.url, "GET", "/api/reference/units?year=2026", tokens.staff))
      .json as unknown as { kind: string }[];
    assert.ok(!units2026.some((u) => u.kind === "district"), "no district offices after 2025");
    const cal = await call(s.url, "GET", "/api/reference/calendar?year=2021", tokens.staff);
    assert.equal(cal.json.year, 2021);
    assert.equal((await call(s.url, "GET", "/api/reference/calendar?year=2035", tokens.staff)).status, 404);
    const put = await call(s.url, "PUT", "/api/reference/fields?year=2022", tokens.admin, [
      { number: 1, code: "KT", vi: "Kiểm tra CCHC", en: "Inspection" },
    ]);
    assert.equal(put.status, 200);
    const got = (await call(s.url, "GET", "/api/reference/fields?year=2022", tokens.leader))
      .json as unknown as { vi: string }[];
    assert.deepEqual(
      got.map((f) => f.vi),
      ["Kiểm tra CCHC"],
    );
    const weekend = await call(s.url, "PUT", "/api/reference/calendar?year=2022", tokens.admin, {
      year: 2022,
      source: "x",
      daysOff: [{ date: "2022-01-01", name: "Sat" }],
      saturdaysWorked: [],
    });
    assert.equal(weekend.status, 400);
    assert.equal(weekend.json.pointer, "/daysOff/0/date");
    assert.equal((await call(s.url, "GET", "/api/reference/bogus?year=2021", tokens.staff)).status, 404);
  });

  it("names fields in statistics by the year's stored field list, as soon as an admin changes it", async () => {
    const before = await call(s.url, "GET", "/api/stats?year=2023", tokens.leader);
    assert.equal((before.json.tasks as { byField: unknown[] }).byField.length, 8);
    await call(s.url, "PUT", "/api/reference/fields?year=2023", tokens.admin, [
      { number: 1, code: "A", vi: "Một", en: "One" },
    ]);
    const after = await call(s.url, "GET", "/api/stats?year=2023", tokens.leader);
    assert.deepEqual(
      (after.json.tasks as { byField: { name: string }[] }).byField.map((f) => f.name),
      ["Một"],
    );
  });

  it("keeps each record's history: who, when, which fields from what to what", async () => {
    const push = (baseVersion: number | null, data: Json) =>
      call(s.url, "POST", "/api/sync", tokens.staff, {
        year: 2021,
        operationId: randomUUID(),
        cursor: {},
        push: [{ kind: "task", id: "hist-1", unit: "VP", baseVersion, data }],
      });
    await push(null, { content: "Kế hoạch", status: "not-started" });
    await push(1, { content: "Kế hoạch", status: "done", completedOn: "2021-02-01" });
    const audit = await call(
      s.url,
      "GET",
      "/api/audit?year=2021&unit=VP&kind=task&record=hist-1",
      tokens.leader,
    );
    const entries = audit.json as unknown as {
      version: number;
      who: string;
      changes: { field: string; from: unknown; to: unknown }[];
    }[];
    assert.deepEqual(
      entries.map((e) => e.version),
      [1, 2],
    );
    assert.equal(entries[1]!.who, "Staff VP");
    assert.deepEqual(entries[1]!.changes, [
      { field: "status", from: "not-started", to: "done" },
      { field: "completedOn", from: null, to: "2021-02-01" },
    ]);
    assert.equal(
      (await call(s.url, "GET", "/api/audit?year=2021&unit=VP&kind=memo&record=x", tokens.leader)).status,
      400,
    );
  });

  it("answers CORS only for configured origins", async () => {
    const pre = await fetch(`${s.url}/api/stats`, {
      method: "OPTIONS",
      headers: { origin: "https://addin.example.test" },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "https://addin.example.test");
    const other = await fetch(`${s.url}/api/stats`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.test" },
    });
    assert.equal(other.status, 403);
    const get = await fetch(`${s.url}/api/health`, { headers: { origin: "https://evil.example.test" } });
    assert.equal(get.headers.get("access-control-allow-origin"), null);
  });

  it("answers 404 and 405 as problems, and 413 for an oversize body", async () => {
    assert.equal((await call(s.url, "GET", "/api/nothing", tokens.admin)).status, 404);
    assert.equal((await call(s.url, "DELETE", "/api/sync", tokens.admin)).status, 405);
    const big = await fetch(`${s.url}/api/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.staff}` },
      body: "x".repeat(9 * 1024 * 1024),
    });
    assert.equal(big.status, 413);
  });
});
