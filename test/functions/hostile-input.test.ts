import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { call, startTestServer, type TestServer } from "../helpers/server";

/** Requests written to break the server (issue 8 items 5, 7, 9, 10): each gets a 4xx, never a 500. */
describe("server: hostile input gets 4xx with a pointer, and the stack keeps working", function () {
  this.timeout(120_000);
  let s: TestServer;
  let staff: string;
  let admin: string;

  before(async () => {
    s = await startTestServer();
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  const push = (records: unknown[], extra: Record<string, unknown> = {}) =>
    call(s.url, "POST", "/api/sync", staff, {
      year: 2022,
      operationId: randomUUID(),
      cursor: {},
      push: records,
      ...extra,
    });
  const task = (id: string, more: Record<string, unknown> = {}) => ({
    kind: "task",
    id,
    unit: "VP",
    baseVersion: null,
    data: { content: "Nội dung", status: "not-started" },
    ...more,
  });

  async function assertValidPushWorks(): Promise<void> {
    const ok = await push([task(`ok-${randomUUID()}`)]);
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal((ok.json.results as { status: string }[])[0]!.status, "applied");
  }

  it("refuses a lone surrogate in a record id (400, pointer), and a valid push still works after", async () => {
    const r = await push([task("\udfff\ud800-7928")]);
    assert.equal(r.status, 400);
    assert.equal(r.json.pointer, "/push/0/id");
    assert.ok(r.json.vi && r.json.en);
    await assertValidPushWorks();
  });

  it("refuses a lone surrogate with a base version (no 'URI malformed' 500)", async () => {
    const r = await push([task("\ud800abc", { baseVersion: 3 })]);
    assert.equal(r.status, 400);
    assert.equal(r.json.pointer, "/push/0/id");
    await assertValidPushWorks();
  });

  it("refuses ill-formed unicode and control characters in units, cursor keys, data keys and values", async () => {
    const cases: [unknown, string][] = [
      [{ push: [task("a1", { unit: "VP\u0000" })] }, "/push/0/unit"],
      [{ push: [task("a2", { unit: "V\udc00P" })] }, "/push/0/unit"],
      [{ push: [task("a3\u0007")] }, "/push/0/id"],
      [{ push: [task("a4", { data: { content: "x\ud83d", status: "done" } })] }, "/push/0/data/content"],
      [
        { push: [task("a5", { data: { "con\u0001tent": "x", status: "done" } })] },
        "/push/0/data/con\u0001tent",
      ],
      [{ push: [task("a6", { data: { notes: ["ok", "bad\u001b"] } })] }, "/push/0/data/notes/1"],
      [{ cursor: { "2022_\udfffVP": 1 } }, "/cursor/2022_\udfffVP"],
    ];
    for (const [body, pointer] of cases) {
      const r = await call(s.url, "POST", "/api/sync", staff, {
        year: 2022,
        operationId: randomUUID(),
        cursor: {},
        push: [],
        ...(body as object),
      });
      assert.equal(r.status, 400, `${pointer}: ${r.status}`);
      assert.equal(r.json.pointer, pointer);
    }
    // Tabs and line breaks in cell text are ordinary text.
    const ok = await push([task(`tab-${randomUUID()}`, { data: { content: "a\tb\r\nc", status: "done" } })]);
    assert.equal(ok.status, 200);
    await assertValidPushWorks();
  });

  it("refuses bad text in member names and reference data", async () => {
    const m = await call(s.url, "POST", "/api/members", admin, { name: "Lan\ud800", role: "leader" });
    assert.equal(m.status, 400);
    assert.equal(m.json.pointer, "/name");
    const u = await call(s.url, "PUT", "/api/reference/units?year=2031", admin, [
      { code: "V\u0000P", name: "Văn phòng", kind: "division", fromYear: 2031 },
    ]);
    assert.equal(u.status, 400);
    assert.equal(u.json.pointer, "/0/code");
  });

  it("refuses bad text in query parameters (400 naming the parameter)", async () => {
    const leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
    const r = await call(s.url, "GET", "/api/audit?year=2022&unit=%ED%A0%80&kind=task&record=x", leader);
    assert.ok(r.status === 400 || r.status === 200, String(r.status));
    const c = await call(s.url, "GET", "/api/audit?year=2022&unit=VP&kind=task&record=%01x", leader);
    assert.equal(c.status, 400);
    assert.equal(c.json.parameter, "record");
  });

  it("answers 400 to deep JSON before anything recursive sees it, naming where", async () => {
    for (const depth of [100, 5_000, 100_000]) {
      const body = `{"year":2022,"operationId":"${randomUUID()}","push":[{"kind":"task","id":"d","unit":"VP","baseVersion":null,"data":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}]}`;
      const r = await call(s.url, "POST", "/api/sync", staff, body);
      assert.equal(r.status, 400, `depth ${depth}`);
      assert.match(String(r.json.pointer), /^\/push\/0\/data\/x(\/0)*$/);
      assert.match(String(r.json.en), /nest/i);
    }
    const members = await call(s.url, "POST", "/api/members", admin, "[".repeat(50_000));
    assert.equal(members.status, 400);
    await assertValidPushWorks();
  });

  it("answers statistics for odd periods without a 500", async () => {
    await push([
      task(`p-${randomUUID()}`, { data: { content: "x", status: "not-started", deadline: "Quý I" } }),
    ]);
    for (const q of [
      "from=2022-12-31&to=2022-01-01",
      "asOf=0001-01-01",
      "asOf=2035-06-30",
      "from=1900-01-01&to=2099-12-31",
      "asOf=2022-02-30",
    ]) {
      const r = await call(s.url, "GET", `/api/stats?year=2022&${q}`, admin);
      assert.ok(r.status === 200 || r.status === 400, `${q}: ${r.status}`);
    }
  });

  it("answers 400 to a malformed percent-escape in a path", async () => {
    for (const path of ["/api/members/%E0%A4%A", "/api/members/%", "/api/reference/%ZZ?year=2021"]) {
      const r = await call(s.url, path.startsWith("/api/members") ? "DELETE" : "GET", path, admin);
      assert.equal(r.status, 400, path);
      assert.equal(r.type, "application/problem+json");
    }
  });

  it("answers 413 to every body over 8 MiB (20 times) and the next request still works", async () => {
    const { hostname, port } = new URL(s.url);
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    for (let i = 0; i < 20; i++) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: hostname,
            port,
            method: "POST",
            path: "/api/sync",
            headers: {
              authorization: `Bearer ${staff}`,
              "content-type": "application/json",
              ...(i % 2 ? {} : { "content-length": String(big.length) }),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        // Even attempts declare the length; odd ones stream it chunked.
        if (i % 2) {
          req.write(big.subarray(0, 1024));
          req.end(big.subarray(1024));
        } else req.end(big);
      });
      assert.equal(status, 413, `attempt ${i + 1}`);
    }
    await assertValidPushWorks();
  });
});

/** Issue 8 item 8: reference lists the validator accepts are stored (split), or refused with 413. */
describe("server: reference lists within the storage limits", function () {
  this.timeout(120_000);
  let s: TestServer;
  let admin: string;
  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  const units = (n: number, aliases: number) =>
    Array.from({ length: n }, (_, i) => ({
      code: `U${i}`,
      name: `Phòng Lao động - Thương binh và Xã hội huyện số ${i} `.padEnd(140, "x"),
      kind: "district",
      fromYear: 2030,
      aliases: Array.from({ length: aliases }, (_, j) => `Tên khác ${j} của đơn vị ${i}`.padEnd(290, "y")),
    }));

  it("stores 250 units (35K+ characters) and reads them back unchanged", async () => {
    const list = units(250, 0);
    assert.ok(JSON.stringify(list).length > 35_000);
    const put = await call(s.url, "PUT", "/api/reference/units?year=2030", admin, list);
    assert.equal(put.status, 200, JSON.stringify(put.json).slice(0, 300));
    const got = await call(s.url, "GET", "/api/reference/units?year=2030", admin);
    assert.deepEqual(
      (got.json as unknown as { code: string; name: string }[]).map((u) => [u.code, u.name]),
      list.map((u) => [u.code, u.name]),
    );
  });

  it("stores a list of about 400K characters, and answers 413 (never 500) to a 1 MB+ list", async () => {
    const medium = units(50, 25);
    assert.ok(JSON.stringify(medium).length > 350_000);
    assert.equal((await call(s.url, "PUT", "/api/reference/units?year=2031", admin, medium)).status, 200);
    const huge = units(200, 20);
    assert.ok(JSON.stringify(huge).length > 1_000_000);
    const r = await call(s.url, "PUT", "/api/reference/units?year=2032", admin, huge);
    assert.equal(r.status, 413);
    assert.ok(r.json.vi && r.json.en);
    const got = await call(s.url, "GET", "/api/reference/units?year=2031", admin);
    assert.equal((got.json as unknown as unknown[]).length, 50);
  });
});
