import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { ROUTES } from "../../functions/src/http/route-table";
import { call, startTestServer, type TestServer } from "../helpers/server";

interface Operation {
  operationId: string;
  security?: unknown[];
  responses: Record<string, unknown>;
}
const spec = JSON.parse(readFileSync("functions/openapi.json", "utf8")) as {
  paths: Record<string, Record<string, Operation | unknown>>;
};
const METHODS = ["get", "post", "put", "delete"];
const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => METHODS.includes(m))
    .map(([method, op]) => ({ path: path.slice(1), method: method.toUpperCase(), op: op as Operation })),
);

describe("OpenAPI description (functions/openapi.json) against the real routes", function () {
  this.timeout(60_000);
  let s: TestServer;
  before(async () => (s = await startTestServer()));
  after(() => s?.stop());

  it("documents every route of the route table, and nothing else", () => {
    const real = ROUTES.map((r) => `${r.method} ${r.route} ${r.name}`).sort();
    const doc = documented.map((d) => `${d.method} ${d.path} ${d.op.operationId}`).sort();
    assert.deepEqual(doc, real);
  });

  it("marks exactly the anonymous routes as needing no token", () => {
    for (const d of documented) {
      const route = ROUTES.find((r) => r.name === d.op.operationId)!;
      const anonymous = Array.isArray(d.op.security) && d.op.security.length === 0;
      assert.equal(anonymous, route.roles === "anonymous", d.op.operationId);
      if (!anonymous) assert.ok(d.op.responses["401"], `${d.op.operationId} documents 401`);
    }
  });

  it("answers each documented operation, without a token, with a documented status", async () => {
    for (const d of documented) {
      const path =
        "/api/" + d.path.replace("{kind}", "fields").replace("{tokenId}", "AAAAAAAAAAAA") + "?year=2021";
      const r = await call(
        s.url,
        d.method,
        path,
        undefined,
        d.method === "GET" || d.method === "DELETE" ? undefined : {},
      );
      assert.ok(
        String(r.status) in d.op.responses,
        `${d.method} ${d.path} answered ${r.status}, not documented`,
      );
    }
  });
});
