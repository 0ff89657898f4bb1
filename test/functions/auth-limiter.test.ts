import { strict as assert } from "node:assert";
import http from "node:http";
import { AuthLimiter, clientAddress, tokenIdOf } from "../../functions/src/auth/auth-limiter";
import { startTestServer, type TestServer } from "../helpers/server";

const limits = { windowMs: 60_000, perAddress: 6, perTokenId: 3, maxKeys: 100 };

describe("token brute-force protection (issue 12)", function () {
  this.timeout(60_000);

  it("locks a token id after its limit and an address after its own, until the window ends", () => {
    let now = 1_000_000;
    const l = new AuthLimiter(limits, () => now);
    for (let i = 0; i < 3; i++) assert.equal(l.retryAfter("10.0.0.1", "AAAAAAAAAAAA"), undefined);
    for (let i = 0; i < 3; i++) l.fail("10.0.0.1", "AAAAAAAAAAAA");
    assert.equal(l.retryAfter("10.0.0.1", "AAAAAAAAAAAA"), 60);
    assert.equal(
      l.retryAfter("10.0.0.2", "AAAAAAAAAAAA"),
      undefined,
      "the token id is locked for the address that guessed, not for its owner elsewhere",
    );
    assert.equal(l.retryAfter("10.0.0.1", "BBBBBBBBBBBB"), undefined, "the address is not yet");
    for (let i = 0; i < 3; i++) l.fail("10.0.0.1", `C${i}CCCCCCCCCC`);
    assert.equal(l.retryAfter("10.0.0.1", "BBBBBBBBBBBB"), 60, "6 failures lock the address");
    assert.equal(l.retryAfter("10.0.0.1", undefined), 60);
    now += 30_000;
    assert.equal(l.retryAfter("10.0.0.1", undefined), 30);
    now += 30_000;
    assert.equal(l.retryAfter("10.0.0.1", "AAAAAAAAAAAA"), undefined, "the window ended");
  });

  it("reads token ids and client addresses", () => {
    assert.equal(tokenIdOf("Bearer cchc_abcdefghijkl.secret"), "abcdefghijkl");
    assert.equal(tokenIdOf("Bearer nonsense"), undefined);
    assert.equal(clientAddress("1.2.3.4:5678"), "1.2.3.4");
    assert.equal(clientAddress("9.9.9.9, 1.2.3.4:5678"), "1.2.3.4", "the front end's own entry counts");
    assert.equal(clientAddress("[::1]:443"), "::1");
    assert.equal(clientAddress(null), "unknown");
  });

  it("counts an IPv6 client per /64, the block one client is given, so fresh addresses in it gain nothing", () => {
    const a = clientAddress("[2001:db8:12:34::1]:443");
    const b = clientAddress("2001:0db8:0012:0034:ffff:1:2:3");
    assert.equal(a, "2001:db8:12:34::/64");
    assert.equal(b, a, "another address of the same /64");
    assert.notEqual(clientAddress("2001:db8:12:35::1"), a, "the next /64 is another client");
    assert.equal(clientAddress("::ffff:10.1.2.3"), "10.1.2.3", "IPv4 written as IPv6 is the IPv4 address");
    assert.equal(clientAddress("[::1]:8080"), "::1");
    let now = 1_000_000;
    const l = new AuthLimiter(limits, () => now);
    // 6 failures from 6 addresses of one /64 lock the 7th address of it, not the next /64.
    for (let i = 1; i <= 6; i++) l.fail(clientAddress(`2001:db8:12:34::${i.toString(16)}`), undefined);
    assert.notEqual(l.retryAfter(clientAddress("2001:db8:12:34::99"), undefined), undefined);
    assert.equal(l.retryAfter(clientAddress("2001:db8:12:35::1"), undefined), undefined);
    now += limits.windowMs;
    assert.equal(l.retryAfter(clientAddress("2001:db8:12:34::99"), undefined), undefined);
  });

  describe("through the server", () => {
    let s: TestServer;
    const logged: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    before(async () => {
      s = await startTestServer();
      s.services.authLimiter = new AuthLimiter({ ...limits, perAddress: 15, perTokenId: 5 });
      for (const k of ["log", "warn", "error", "info"] as const)
        console[k] = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    });
    after(async () => {
      Object.assign(console, saved);
      await s?.stop();
    });

    const stats = (authorization: string) =>
      fetch(`${s.url}/api/stats?year=2021`, { headers: { authorization } });

    /** GET /api/me from another loopback address (127.0.0.x): another computer, as the server sees it. */
    const meFrom = (localAddress: string, authorization: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${s.url}/api/me`);
        http
          .get(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              localAddress,
              headers: { authorization },
            },
            (res) => res.resume().on("end", () => resolve(res.statusCode ?? 0)),
          )
          .on("error", reject);
      });

    it("a stranger who knows a token id (it is public: cchc admin list, a refusal kept in an e-mailed workbook) cannot lock its owner out", async () => {
      const { token, tokenId } = await s.services.members.issue({ name: "Điều phối", role: "coordinator" });
      const wrong = (i: number) => `Bearer cchc_${tokenId}.${String(i).padStart(43, "w")}`;
      for (let i = 0; i < 6; i++) await meFrom("127.0.0.2", wrong(i));
      assert.equal(await meFrom("127.0.0.2", wrong(99)), 429, "the guessing address is locked for that id");
      assert.equal(await meFrom("127.0.0.3", `Bearer ${token}`), 200, "its owner, elsewhere, still works");
      assert.equal(await meFrom("127.0.0.2", `Bearer ${token}`), 429, "a correct guess does not stand out");
    });

    it("answers 429 with Retry-After after 5 wrong secrets for a token id, even to its right secret", async () => {
      const { token, tokenId } = await s.services.members.issue({ name: "Lan", role: "leader" });
      const wrong = (i: number) => `Bearer cchc_${tokenId}.${String(i).padStart(43, "x")}`;
      for (let i = 0; i < 5; i++) assert.equal((await stats(wrong(i))).status, 401);
      const locked = await stats(wrong(99));
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get("retry-after")) > 0);
      const body = (await locked.json()) as { vi: string; en: string };
      assert.ok(body.vi && body.en);
      assert.equal((await stats(`Bearer ${token}`)).status, 429, "a correct guess does not stand out");
      const other = await s.services.members.issue({ name: "Minh", role: "leader" });
      assert.equal((await stats(`Bearer ${other.token}`)).status, 200, "other tokens still work");
      assert.ok(!logged.join("\n").includes(token.split(".")[1]!), "no secret is logged");
      assert.ok(!logged.join("\n").includes("x".repeat(40)), "no guessed secret is logged");
    });

    it("a colleague behind the office's one address locks it: members who signed in from there before still work", async () => {
      const office = "127.0.0.4";
      const lan = await s.services.members.issue({ name: "Chị Lan", role: "coordinator" });
      const newcomer = await s.services.members.issue({ name: "Người mới", role: "staff", unit: "VP" });
      assert.equal(await meFrom(office, `Bearer ${lan.token}`), 200);
      // A revoked token in a scheduled sync, or a hostile colleague: 15 failures, 5 of them on Lan's id.
      for (let i = 0; i < 10; i++)
        await meFrom(office, `Bearer cchc_${String(i).padStart(12, "K")}.${"z".repeat(43)}`);
      for (let i = 0; i < 5; i++)
        await meFrom(office, `Bearer cchc_${lan.tokenId}.${String(i).padStart(43, "z")}`);
      assert.equal(
        await meFrom(office, `Bearer cchc_${lan.tokenId}.${"q".repeat(43)}`),
        429,
        "guesses stay locked",
      );
      assert.equal(
        await meFrom(office, `Bearer ${lan.token}`),
        200,
        "Lan, who signed in from here before, works",
      );
      assert.equal(
        await meFrom(office, `Bearer ${newcomer.token}`),
        429,
        "a token never seen from this address waits (a correct guess does not stand out)",
      );
    });

    it("locks an address after 15 failures with any token ids, then every request from it gets 429", async () => {
      const good = await s.services.members.issue({ name: "Hoa", role: "leader" });
      let status = 0;
      for (let i = 0; i < 15 && status !== 429; i++)
        status = (await stats(`Bearer cchc_${String(i).padStart(12, "Z")}.${"y".repeat(43)}`)).status;
      assert.equal((await stats(`Bearer ${good.token}`)).status, 429);
      assert.equal((await stats("Bearer garbage")).status, 429);
      assert.equal((await fetch(`${s.url}/api/health`)).status, 200, "anonymous routes are not locked");
    });
  });
});
