import { strict as assert } from "node:assert";
import { call, serverWithCoordinator } from "../helpers/server";

/**
 * GET /api/stats over a period that ends before it starts answered 200 with empty figures ("0 hồ
 * sơ"), which a pane or a script would show as the department's; it is a bad request naming the
 * parameter, as the command line's usage error is.
 */
describe("GET /api/stats refuses a period that ends before it starts", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  for (const q of ["from=2021-06-01&to=2021-03-01", "from=2021-06-01&asOf=2021-03-31"])
    it(`400 for ${q}, naming 'from'`, async () => {
      const r = await call(suite.server.url, "GET", `/api/stats?year=2021&${q}`, suite.token);
      assert.equal(r.status, 400, JSON.stringify(r.json).slice(0, 300));
      assert.equal(r.json.parameter, "from");
      assert.match(JSON.stringify(r.json), /01\/06\/2021/);
    });

  it("next year's plan, read before it starts (the 2027 plan in November 2026, as a sync asks): 200, not refused", async () => {
    const r = await call(suite.server.url, "GET", "/api/stats?year=2027&asOf=2026-11-28", suite.token);
    assert.equal(r.status, 200, JSON.stringify(r.json).slice(0, 300));
    const previous = await call(
      suite.server.url,
      "GET",
      "/api/stats?year=2021&previous=2020-12-14",
      suite.token,
    );
    assert.equal(previous.status, 200, "a default period is never refused");
  });

  it("a period of one day (from = to) is fine", async () => {
    const r = await call(
      suite.server.url,
      "GET",
      "/api/stats?year=2021&from=2021-03-01&to=2021-03-01",
      suite.token,
    );
    assert.equal(r.status, 200);
  });
});
