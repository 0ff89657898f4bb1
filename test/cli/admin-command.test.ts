import { strict as assert } from "node:assert";
import { main } from "../../cli/main";
import { initFirstAdmin } from "../../functions/src/dev/first-admin";
import { newTokenId } from "../../functions/src/auth/tokens";
import { startTestServer, type TestServer } from "../helpers/server";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

describe("cchc admin", function () {
  this.timeout(60_000);
  let s: TestServer;
  before(async () => (s = await startTestServer()));
  after(() => s?.stop());

  it("manages members through the server; the first admin is made on the server side, once", async () => {
    const first = await initFirstAdmin(s.services.members);
    assert.ok(first);
    assert.equal(await initFirstAdmin(s.services.members), undefined, "a second init is refused");
    const adminToken = first.token;
    assert.equal((await run(["admin", "init"])).code, 64, "cchc admin init points to npm start / admin:init");

    const server = ["--server", s.url, "--token", adminToken];
    const added = await run([
      "admin",
      "add-member",
      ...server,
      "--name",
      "Anh Minh",
      "--role",
      "staff",
      "--unit",
      "VP",
    ]);
    assert.equal(added.code, 0, added.err);
    const tokenId = /tokenId: (\S+)/.exec(added.out)![1]!;
    assert.match((await run(["admin", "list", ...server])).out, /Anh Minh/);
    assert.equal((await run(["admin", "revoke", tokenId, ...server])).code, 0);
    assert.doesNotMatch((await run(["admin", "list", ...server])).out, /Anh Minh/);
    assert.equal(
      (await run(["admin", "add-member", ...server, "--name", "X", "--role", "staff"])).code,
      64,
      "staff need a unit",
    );
    assert.equal(
      (await run(["admin", "list", "--server", s.url, "--token", "cchc_AAAAAAAAAAAA." + "x".repeat(43)]))
        .code,
      5,
      "a bad admin token is refused by the server (exit 5, as for sync; not a bad command line)",
    );
  });

  it("says clearly when the server cannot be reached", async () => {
    const r = await run(["admin", "list", "--server", "http://127.0.0.1:9", "--token", "cchc_x"]);
    assert.equal(r.code, 3);
    assert.match(r.err, /cannot reach/);
  });
});

describe("token ids", () => {
  it("never start with '-', so `cchc admin revoke <tokenId>` always parses (2,000 ids)", () => {
    for (let i = 0; i < 2000; i++) {
      const id = newTokenId();
      assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{11}$/);
    }
  });
});
