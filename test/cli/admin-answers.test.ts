import { strict as assert } from "node:assert";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { main } from "../../cli/main";

/** Issue 9: `cchc admin` reads the server's answers through schemas: a strange answer is named, never a crash. */
describe("cchc admin: answers that are not what the route answers", function () {
  this.timeout(30_000);
  let server: http.Server;
  let url = "";
  let answer: { status: number; body: string } = { status: 200, body: "[]" };

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(answer.status, { "content-type": "text/html" });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
    let out = "";
    let err = "";
    const code = await main([...args, "--server", url, "--token", "cchc_x"], {
      out: (t) => (out += t + "\n"),
      err: (t) => (err += t + "\n"),
    });
    return { code, err, out };
  }

  it("says what a proxy's HTML error page said, with its status", async () => {
    answer = { status: 502, body: "<html>Bad Gateway</html>" };
    const r = await run(["admin", "list"]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /answered 502: <html>Bad Gateway/);
  });

  it("names where a member list is off the contract, and a list that is not JSON", async () => {
    answer = { status: 200, body: JSON.stringify([{ tokenId: "abc", name: 7, role: "staff" }]) };
    const off = await run(["admin", "list"]);
    assert.notEqual(off.code, 0);
    assert.match(off.err, /off the contract \(at "\/0\/name"\)/);
    answer = { status: 200, body: "<html>login</html>" };
    const html = await run(["admin", "list"]);
    assert.notEqual(html.code, 0);
    assert.match(html.err, /off the contract \(at JSON\)/);
  });

  it("refuses an issued-token answer without a token, and still lists a good answer", async () => {
    answer = { status: 201, body: JSON.stringify({ tokenId: "abc" }) };
    const r = await run(["admin", "add-member", "--name", "Lan", "--role", "leader"]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /\/token/);
    assert.doesNotMatch(r.out, /undefined/);
    answer = {
      status: 200,
      body: JSON.stringify([{ tokenId: "abcdefghijkl", name: "Lan", role: "leader" }]),
    };
    const ok = await run(["admin", "list"]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /abcdefghijkl\s+leader\s+-\s+Lan/);
  });
});
