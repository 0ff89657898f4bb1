import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** The faults people make with tokens, seen from the command line. */
describe("cchc sync: the tokens people actually use", function () {
  this.timeout(120_000);
  let s: TestServer;
  const tmp = tempDir("token-faults");
  const A = tmp.file("a.xlsx");
  const sync = (...extra: string[]) => cli(["sync", A, "--server", s.url, "--as-of", "2021-03-31", ...extra]);
  const issue = async (expiresInDays?: number) =>
    s.services.members.issue({
      name: "Điều phối",
      role: "coordinator",
      ...(expiresInDays !== undefined && { expiresInDays }),
    });

  before(async () => {
    s = await startTestServer();
    await writeDemo(A);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("a mistyped token costs one failed attempt per sync: three wrong tries do not lock the member out", async () => {
    const { token, tokenId } = await issue();
    const secret = token.split(".")[1]!;
    const mistyped = `${token.slice(0, -3)}${token.endsWith("aaa") ? "bbb" : "aaa"}`;
    for (let i = 0; i < 3; i++) {
      const r = await sync("--token", mistyped);
      assert.equal(r.code, 5, r.out + r.err);
      assert.match(
        r.err,
        new RegExp(
          `did not accept the token from --token \\(token id ${tokenId}\\): it is wrong, revoked or expired`,
        ),
      );
      assert.match(r.err, new RegExp(`Máy chủ không nhận mã truy cập lấy từ --token \\(mã số ${tokenId}\\)`));
      assert.match(r.err, /cchc admin add-member/);
      assert.ok(
        !r.err.includes(secret.slice(0, 12)) && !r.err.includes(mistyped.split(".")[1]!.slice(0, 12)),
        "no secret printed",
      );
    }
    const ok = await sync("--token", token);
    assert.equal(ok.code, 0, ok.out + ok.err);
  });

  it("a revoked token and an expired one: the same clear refusal naming where the token came from", async () => {
    const revoked = await issue();
    await s.services.members.revoke(revoked.tokenId);
    const file = tmp.file("revoked.txt");
    writeFileSync(file, revoked.token + "\n");
    const r = await sync("--token-file", file);
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(
      r.err,
      new RegExp(`token from --token-file ${file.replace(/[.]/g, "\\.")} \\(token id ${revoked.tokenId}\\)`),
    );
    const expired = await issue(0);
    const e = await sync("--token", expired.token);
    assert.equal(e.code, 5, e.out + e.err);
    assert.match(e.err, new RegExp(`token id ${expired.tokenId}\\): it is wrong, revoked or expired`));
    const garbage = await sync("--token", "password123");
    assert.equal(garbage.code, 5, garbage.out + garbage.err);
    assert.match(garbage.err, /from --token \(not of the form cchc_…\)/);
  });

  it("a password typed with Vietnamese letters instead of the token: a bad command line (64), not 'cannot reach the server'", async () => {
    const r = await sync("--token", "mật khẩu của tôi");
    assert.equal(r.code, 64, r.out + r.err);
    assert.match(r.err, /The token \(--token\) holds characters a token never has/);
    assert.match(r.err, /Mã truy cập \(--token\) có ký tự mà mã không bao giờ có/);
    assert.doesNotMatch(r.err, /khẩu/, "the secret is not printed");
  });

  it("a token pasted with spaces, a line break, quotes or the 'Bearer ' of a header still works", async () => {
    const { token } = await issue();
    const wrapped = `  Bearer ${token.slice(0, 20)} \n ${token.slice(20)}\n`;
    const r = await sync("--token", wrapped);
    assert.equal(r.code, 0, r.out + r.err);
    const file = tmp.file("quoted.txt");
    writeFileSync(file, `"${token}"\r\n`);
    const q = await sync("--token-file", file);
    assert.equal(q.code, 0, q.out + q.err);
  });

  it("cchc admin with a revoked token or a coordinator's token: the server refused (exit 5) and says why, without the usage text", async () => {
    const admin = await s.services.members.issue({ name: "Quản trị", role: "admin" });
    await s.services.members.revoke(admin.tokenId);
    const revoked = await cli(["admin", "list", "--server", s.url, "--token", admin.token]);
    assert.equal(revoked.code, 5, revoked.out + revoked.err);
    assert.match(
      revoked.err,
      new RegExp(`token from --token \\(token id ${admin.tokenId}\\): it is wrong, revoked or expired`),
    );
    assert.doesNotMatch(revoked.err, /cchc stats <file\.xlsx>/, "no usage text");
    const coordinator = await issue();
    const notAdmin = await cli(["admin", "list", "--server", s.url, "--token", coordinator.token]);
    assert.equal(notAdmin.code, 5, notAdmin.out + notAdmin.err);
    assert.match(notAdmin.err, /403: Role "coordinator" may not use this route/);
    assert.doesNotMatch(notAdmin.err, /cchc stats <file\.xlsx>/);
  });
});
