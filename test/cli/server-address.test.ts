import { strict as assert } from "node:assert";
import { cli, syncAsCoordinator, writeDemo } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

/**
 * Found by hand (/work/notes/t1-findings.md, D11): `npm start` prints the API's address as
 * "http://127.0.0.1:7071/api"; given that to `cchc sync --server`, every command answered "The server
 * answered 404: No such route." The address of the API and of its host are both accepted.
 */
describe("the server address as npm start prints it (…/api)", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("server-address");
  after(() => tmp.remove());

  it("works for sync, stats and admin, with or without a trailing slash, and is remembered as the host", async () => {
    const file = tmp.file("plan.xlsx");
    await writeDemo(file);
    for (const server of [`${suite.server.url}/api`, `${suite.server.url}/api/`]) {
      const sync = await cli([
        "sync",
        file,
        "--server",
        server,
        "--token",
        suite.token,
        "--as-of",
        "2021-03-31",
      ]);
      assert.equal(sync.code, 0, sync.err);
      assert.doesNotMatch(sync.out + sync.err, /another server|máy chủ khác/i);
      const stats = await cli([
        "stats",
        file,
        "--server",
        server,
        "--token",
        suite.token,
        "--as-of",
        "2021-03-31",
      ]);
      assert.equal(stats.code, 0, stats.err);
      const admin = await cli(["admin", "list", "--server", server, "--token", suite.token]);
      assert.doesNotMatch(admin.err, /404/);
    }
    const plain = await syncAsCoordinator(suite, file);
    assert.equal(plain.code, 0, plain.err);
    assert.doesNotMatch(plain.out + plain.err, /another server|máy chủ khác/i);
    assert.match(plain.out, /đẩy lên \/ pushed: 0 {3}kéo về \/ pulled: 0/);
  });
});
