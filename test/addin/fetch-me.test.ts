import { strict as assert } from "node:assert";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchMe } from "../../addin/shared/sync-runner";
import { TransportError } from "../../core/sync/transport";

/** Issue 9: the pane's "who am I" reads its answer through a schema: a strange one is named, never a TypeError. */
describe("the add-in's GET /api/me: answers read through a schema", () => {
  let server: http.Server;
  let conn = { server: "", token: "tok" };
  let body = "";

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    conn = { server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: "tok" };
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("keeps the text fields of the member, leaving out a unit of null and a name that is not text", async () => {
    body = JSON.stringify({ id: "m1", role: "staff", unit: null, name: 5 });
    assert.deepEqual(await fetchMe(conn), { id: "m1", role: "staff" });
  });

  it("says the answer is off the contract when it is not a JSON object", async () => {
    for (const b of ["null", "<html>login</html>", "[1]"]) {
      body = b;
      await assert.rejects(
        fetchMe(conn),
        (e: unknown) => e instanceof TransportError && /off the contract/.test(e.userMessage.en),
        b,
      );
    }
  });
});
