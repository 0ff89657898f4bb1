/**
 * Found by checking functions/openapi.json against the server (T13, /work/notes/t13-findings.md):
 * statuses every route really answers were missing from its operation (a client generated from the
 * description treats them as unexpected): 400 for a malformed query parameter on every route, 413 for
 * an oversize body, 429 after too many failed sign-ins, 403 for staff asking another unit's figures,
 * 404 for an unknown reference list.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { call, startTestServer, type TestServer } from "../helpers/server";

interface Operation {
  operationId: string;
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
}
const spec = JSON.parse(readFileSync("functions/openapi.json", "utf8")) as {
  paths: Record<string, Record<string, Operation | unknown>>;
};
const METHODS = ["get", "post", "put", "delete"];
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => METHODS.includes(m))
    .map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as Operation })),
);

/** A documented path with its parameters filled in. */
function concrete(path: string, kind = "units"): string {
  return "/api" + path.replace("{kind}", kind).replace("{tokenId}", "AAAAAAAAAAAA");
}

function assertDocumented(op: Operation, status: number, what: string): void {
  assert.ok(
    String(status) in op.responses,
    `${op.operationId}: ${what} answers ${status}, not documented (${Object.keys(op.responses).join(", ")})`,
  );
}

describe("OpenAPI description: the statuses each route really answers are documented", function () {
  this.timeout(120_000);
  let s: TestServer;
  let admin: string;
  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  it("a malformed query parameter: 400 on every route", async () => {
    for (const { path, method, op } of operations) {
      const r = await call(
        s.url,
        method,
        concrete(path) + "?year=2021&x=%01",
        admin,
        op.requestBody ? {} : undefined,
      );
      assert.equal(r.status, 400, `${op.operationId} answered ${r.status}`);
      assertDocumented(op, r.status, "a control character in a query parameter");
    }
  });

  it("a body over 8 MiB: 413 on every route that takes a body", async () => {
    const big = " ".repeat(9 * 1024 * 1024);
    for (const { path, method, op } of operations.filter((o) => o.op.requestBody)) {
      const res = await fetch(s.url + concrete(path) + "?year=2021", {
        method,
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: big,
      });
      await res.arrayBuffer();
      assert.equal(res.status, 413, `${op.operationId} answered ${res.status}`);
      assertDocumented(op, res.status, "an oversize body");
    }
  });

  it("an unknown reference list: 404 on reading and replacing it", async () => {
    for (const { path, method, op } of operations.filter((o) => o.path.includes("{kind}"))) {
      const r = await call(
        s.url,
        method,
        concrete(path, "bogus") + "?year=2021",
        admin,
        method === "PUT" ? [] : undefined,
      );
      assert.equal(r.status, 404, `${op.operationId} answered ${r.status}`);
      assertDocumented(op, r.status, "an unknown list");
    }
  });

  it("staff asking for another unit's statistics: 403", async () => {
    const staff = (await s.services.members.issue({ name: "Chị Lan", role: "staff", unit: "VP" })).token;
    const stats = operations.find((o) => o.op.operationId === "stats")!;
    const r = await call(s.url, "GET", "/api/stats?year=2021&unit=BTXH", staff);
    assert.equal(r.status, 403);
    assertDocumented(stats.op, r.status, "staff with unit= another unit");
  });

  it("after too many failed sign-ins from one address: 429 on every route that needs a token", async () => {
    for (let i = 0; i < 31; i++) await call(s.url, "GET", "/api/me", `cchc_AAAAAAAAAAA${i % 10}.wrong`);
    // A token never used from this address waits too (a right guess must not stand out).
    const fresh = (await s.services.members.issue({ name: "Admin 2", role: "admin" })).token;
    for (const { path, method, op } of operations) {
      if (Array.isArray(op.security) && op.security.length === 0) continue; // anonymous
      const r = await call(
        s.url,
        method,
        concrete(path) + "?year=2021",
        fresh,
        op.requestBody ? {} : undefined,
      );
      assert.equal(r.status, 429, `${op.operationId} answered ${r.status}`);
      assertDocumented(op, r.status, "a locked-out address");
    }
  });
});
