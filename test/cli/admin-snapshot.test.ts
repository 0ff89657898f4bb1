import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { main } from "../../cli/main";
import { formatVi, todayIso } from "../../core/dates";
import { call, startTestServer, type TestServer } from "../helpers/server";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

describe("cchc admin snapshot: an IT person takes today's snapshot now", function () {
  this.timeout(60_000);
  let s: TestServer;
  let admin: string;
  let leader: string;
  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
  });
  after(() => s?.stop());

  it("says when no plan year has records, then takes the year's snapshot once it has, which leaders read", async () => {
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const server = ["--server", s.url, "--token", admin];
    const empty = await run(["admin", "snapshot", ...server]);
    assert.equal(empty.code, 0, empty.err);
    assert.match(empty.out, /nothing taken/);

    const staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    const push = await call(s.url, "POST", "/api/sync", staff, {
      year,
      operationId: randomUUID(),
      cursor: {},
      push: [
        { kind: "task", id: "t1", unit: "VP", baseVersion: null, data: { content: "x", status: "done" } },
      ],
    });
    assert.equal(push.status, 200);
    const taken = await run(["admin", "snapshot", ...server]);
    assert.equal(taken.code, 0, taken.err);
    const said = new RegExp(`Snapshot of (\\d\\d/\\d\\d/\\d{4}) taken, plan year\\(s\\) ${year}`).exec(
      taken.out,
    );
    assert.ok(said, taken.out);
    // The server's day (Vietnam's date): today's, unless the test ran across midnight there.
    const day = [today, todayIso()].find((d) => formatVi(d) === said[1]);
    assert.ok(day, `${said[1]} is today in Vietnam`);
    const r = await call(s.url, "GET", `/api/snapshots?year=${year}&from=${day}&to=${day}`, leader);
    const [snapshot] = r.json.snapshots as { date: string; tasks: { total: number; done: number } }[];
    assert.deepEqual([snapshot!.date, snapshot!.tasks.total, snapshot!.tasks.done], [day, 1, 1]);
  });

  it("a leader's token is refused by the server (exit 5)", async () => {
    assert.equal((await run(["admin", "snapshot", "--server", s.url, "--token", leader])).code, 5);
  });
});
