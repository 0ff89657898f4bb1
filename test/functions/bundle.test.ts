import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { ROUTES } from "../../functions/src/http/route-table";
import { TIMERS } from "../../functions/src/timers/timer-table";

describe("the Functions app bundle", function () {
  this.timeout(60_000);

  it("builds to CommonJS and registers every route with app.http and every timer with app.timer when loaded", () => {
    execFileSync("npm", ["run", "--silent", "build:functions"], { stdio: "pipe" });
    // Outside the Functions host the SDK is in test mode and logs each registration it skips.
    const run = spawnSync(process.execPath, ["-e", 'require("./dist/functions/index.js")'], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    const output = run.stdout + run.stderr;
    const registered = [...output.matchAll(/register function "([^"]+)"/g)].map((m) => m[1]);
    const names = [...ROUTES.map((r) => r.name), ...TIMERS.map((t) => t.name)];
    assert.deepEqual(registered.sort(), names.sort(), output);
  });
});
