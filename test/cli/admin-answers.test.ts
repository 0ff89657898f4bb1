import { strict as assert } from "node:assert";
import { main } from "../../cli/main";
import { cannedServer } from "../helpers/canned-server";

/** Issue 9: `cchc admin` reads the server's answers through schemas: a strange answer is named, never a crash. */
describe("cchc admin: answers that are not what the route answers", function () {
  this.timeout(30_000);
  const server = cannedServer("text/html");

  async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
    let out = "";
    let err = "";
    const code = await main([...args, "--server", server.url, "--token", "cchc_x"], {
      out: (t) => (out += t + "\n"),
      err: (t) => (err += t + "\n"),
    });
    return { code, err, out };
  }

  it("says what a proxy's HTML error page said, with its status", async () => {
    server.answer = { status: 502, body: "<html>Bad Gateway</html>" };
    const r = await run(["admin", "list"]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /answered 502: <html>Bad Gateway/);
  });

  it("names where a member list is off the contract, and a list that is not JSON", async () => {
    server.answer = { status: 200, body: JSON.stringify([{ tokenId: "abc", name: 7, role: "staff" }]) };
    const off = await run(["admin", "list"]);
    assert.notEqual(off.code, 0);
    assert.match(off.err, /off the contract \(at "\/0\/name"\)/);
    server.answer = { status: 200, body: "<html>login</html>" };
    const html = await run(["admin", "list"]);
    assert.notEqual(html.code, 0);
    assert.match(html.err, /off the contract \(at JSON\)/);
  });

  it("refuses an issued-token answer without a token, and still lists a good answer", async () => {
    server.answer = { status: 201, body: JSON.stringify({ tokenId: "abc" }) };
    const r = await run(["admin", "add-member", "--name", "Lan", "--role", "leader"]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /\/token/);
    assert.doesNotMatch(r.out, /undefined/);
    server.answer = {
      status: 200,
      body: JSON.stringify([{ tokenId: "abcdefghijkl", name: "Lan", role: "leader" }]),
    };
    const ok = await run(["admin", "list"]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /abcdefghijkl\s+leader\s+-\s+Lan/);
  });
});
