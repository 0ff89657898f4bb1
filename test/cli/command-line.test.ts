import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { main } from "../../cli/main";
import type { CommandIO } from "../../cli/commands/io";
import { startTestServer, type TestServer } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIO = {
    out: (t) => (out += t + "\n"),
    err: (t) => (err += t + "\n"),
    ...(stdin === undefined ? {} : { readStdin: () => Promise.resolve(stdin) }),
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** Runs with CCHC_TOKEN set (or removed) for the duration of one command. */
async function withEnvToken<T>(token: string | undefined, f: () => Promise<T>): Promise<T> {
  const before = process.env.CCHC_TOKEN;
  if (token === undefined) delete process.env.CCHC_TOKEN;
  else process.env.CCHC_TOKEN = token;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.CCHC_TOKEN;
    else process.env.CCHC_TOKEN = before;
  }
}

describe("cchc: tokens outside the command line (issue 8 item 4)", function () {
  this.timeout(60_000);
  const tmp = tempDir("cli-token");
  let s: TestServer;
  let token: string;
  const file = tmp.file("demo.xlsx");
  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    assert.equal((await run(["demo-workbook", file])).code, 0);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });
  const summary = () => ["sync", file, "--server", s.url, "--summary-only", "--year", "2021"];

  it("reads the token from CCHC_TOKEN", async () => {
    const r = await withEnvToken(token, () => run(summary()));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /summary sheet updated/);
  });

  it("reads the token from --token-file (first line, trimmed) and from standard input with --token-file -", async () => {
    const tokenFile = tmp.file("token.txt");
    writeFileSync(tokenFile, `  ${token}  \r\n`, { mode: 0o600 });
    const fromFile = await withEnvToken(undefined, () => run([...summary(), "--token-file", tokenFile]));
    assert.equal(fromFile.code, 0, fromFile.err);
    const fromStdin = await withEnvToken(undefined, () =>
      run([...summary(), "--token-file", "-"], `${token}\n`),
    );
    assert.equal(fromStdin.code, 0, fromStdin.err);
  });

  it("keeps --token working, and --token-file wins over a stale CCHC_TOKEN", async () => {
    const r = await withEnvToken(undefined, () => run([...summary(), "--token", token]));
    assert.equal(r.code, 0, r.err);
    const tokenFile = tmp.file("token2.txt");
    writeFileSync(tokenFile, token);
    const stale = await withEnvToken("cchc_AAAAAAAAAAAA." + "x".repeat(43), () =>
      run([...summary(), "--token-file", tokenFile]),
    );
    assert.equal(stale.code, 0, stale.err);
  });

  it("says where a token can come from when none is given, and refuses an empty or missing token file", async () => {
    const none = await withEnvToken(undefined, () => run(summary()));
    assert.equal(none.code, 64);
    assert.match(none.err, /CCHC_TOKEN/);
    assert.match(none.err, /--token-file/);
    const empty = tmp.file("empty.txt");
    writeFileSync(empty, "\n\n");
    assert.equal((await withEnvToken(undefined, () => run([...summary(), "--token-file", empty]))).code, 64);
    const missing = await withEnvToken(undefined, () =>
      run([...summary(), "--token-file", tmp.file("nope.txt")]),
    );
    assert.equal(missing.code, 64);
    assert.match(missing.err, /Cannot read the token file/);
    const both = await run([...summary(), "--token", token, "--token-file", empty]);
    assert.equal(both.code, 64);
  });

  it("cchc admin takes its token the same ways", async () => {
    const admin = (await s.services.members.issue({ name: "Quản trị", role: "admin" })).token;
    const r = await withEnvToken(admin, () => run(["admin", "list", "--server", s.url]));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Lãnh đạo/);
  });
});

describe("cchc: each sub-command takes only its own options (issue 9)", () => {
  const tmp = tempDir("cli-options");
  after(() => tmp.remove());

  it("refuses an option the sub-command does not take (exit 64), instead of ignoring it", async () => {
    const file = tmp.file("demo.xlsx");
    assert.equal((await run(["demo-workbook", file])).code, 0);
    const cases: string[][] = [
      ["stats", file, "--prefer", "mine"],
      ["stats", file, "--summary-only"],
      ["stats", file, "--token", "t"],
      ["stats", file, "--dry-run"],
      ["template", tmp.file("t.xlsx"), "--json"],
      ["demo-workbook", tmp.file("d.xlsx"), "--year", "2021"],
      ["sync", file, "--server", "http://x", "--token", "t", "--period", "Q1/2021"],
      ["sync", file, "--server", "http://x", "--token", "t", "--lang", "en"],
      ["admin", "list", "--server", "http://x", "--token", "t", "--json"],
      ["admin", "list", "--server", "http://x", "--token", "t", "--storage", "UseDevelopmentStorage=true"],
      ["stats", file, "other.xlsx"],
      ["admin", "list", "extra", "--server", "http://x", "--token", "t"],
    ];
    for (const args of cases) {
      const r = await run(args);
      assert.equal(r.code, 64, `${args.join(" ")} → ${r.code}\n${r.out}${r.err}`);
    }
  });

  it("still runs each sub-command with its own options", async () => {
    const file = tmp.file("demo2.xlsx");
    assert.equal((await run(["demo-workbook", file])).code, 0);
    const r = await run(["stats", file, "--as-of", "2021-03-31", "--period", "Q1/2021", "--lang", "en"]);
    assert.equal(r.code, 0, r.err);
    assert.equal((await run(["template", tmp.file("t2.xlsx"), "--year", "2022"])).code, 0);
    assert.equal((await run(["stats", "--help"])).code, 0);
  });
});

describe("the command line never imports the server (issue 9 boundary)", () => {
  it("no file under cli/ imports anything from functions/", () => {
    const root = path.resolve(__dirname, "../../cli");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.[cm]?[jt]s$/.test(entry.name)) {
          const text = readFileSync(full, "utf8");
          for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g))
            if (path.resolve(path.dirname(full), m[1]!).startsWith(path.resolve(root, "../functions")))
              offenders.push(`${path.relative(root, full)} → ${m[1]}`);
        }
      }
    };
    walk(root);
    assert.deepEqual(offenders, []);
  });
});
