import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { AuthLimiter } from "../../functions/src/auth/auth-limiter";
import { ROUTES } from "../../functions/src/http/route-table";
import { takeSnapshots } from "../../functions/src/snapshots/take-snapshots";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * A seeded route fuzzer (issue 8, issue 12 "Hostile input"): every route and method of the route
 * table plus unknown ones, random queries, path parameters and bodies (random JSON, deep, huge,
 * ill-formed Unicode, bad escapes, wrong types, mutated valid bodies), with and without tokens of
 * every role. No answer may be 5xx and none may hang; every 1,000 cases (and at the end) a health
 * check and a valid push must succeed. `npm test` runs FUZZ_CASES (3,000) cases; `npm run
 * test:long` sets CCHC_FUZZ_CASES (100,000). CCHC_FUZZ_SEED replays a run.
 */
const CASES = Number(process.env.CCHC_FUZZ_CASES ?? 3000);
const SEED = Number(process.env.CCHC_FUZZ_SEED ?? 20210331);
const PARALLEL = 8;

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const NASTY_STRINGS = [
  "",
  " ",
  "VP",
  "NCC",
  "task",
  "dossier",
  "2021",
  "\udfff\ud800-7928",
  "\ud800",
  "a\u0000b",
  "\u0007",
  "\u009f",
  "2022_') or ('1' eq '1",
  "' or 1 eq 1 or '",
  "~meta",
  "~op_x_0",
  "../../etc/passwd",
  "%",
  "%E0%A4%A",
  "a/b\\c#d?e",
  '=HYPERLINK("http://x")',
  "𝟘😀",
  "\ufeff",
  "\uffff",
  "x".repeat(300),
  "Phòng Lao động – Thương binh và Xã hội",
];

function randomString(r: Rng): string {
  if (r.chance(0.5)) return r.pick(NASTY_STRINGS);
  const n = r.int(r.chance(0.1) ? 2000 : 20);
  let s = "";
  for (let i = 0; i < n; i++) {
    const c = r.int(10);
    s += String.fromCharCode(
      c < 5 ? 0x20 + r.int(95) : c < 7 ? r.int(0x20) : c < 8 ? 0xd800 + r.int(0x800) : r.int(0x10000),
    );
  }
  return s;
}

function randomJson(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 4 ? 5 : 8);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, 2021, 1e308, -0, 0.5, 2 ** 53 + 1, 1e21]);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(6); i > 0; i--)
        o[
          r.pick([
            "year",
            "operationId",
            "cursor",
            "push",
            "kind",
            "id",
            "unit",
            "data",
            "name",
            "role",
            "__proto__",
            "constructor",
            randomString(r),
          ])
        ] = randomJson(r, depth + 1);
      return o;
    }
  }
}

const validRecord = (r: Rng) => ({
  kind: r.pick(["task", "dossier"]),
  id: `fz-${r.int(50)}`,
  unit: r.pick(["VP", "NCC", "KHTC"]),
  baseVersion: r.chance(0.7) ? null : r.int(4),
  data: r.chance(0.5)
    ? { content: "Nội dung", status: r.pick(["done", "not-started", "in-progress"]), leadUnit: "VP" }
    : { receivedOn: "2021-01-05", dueOn: "2021-01-20", status: "processing", unit: "VP" },
});

/** Sets a random place of a valid value to something random (wrong type, bad text, deep…). */
function mutate(r: Rng, value: unknown): unknown {
  if (value === null || typeof value !== "object" || r.chance(0.2)) return randomJson(r);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const k = r.pick(keys);
  (copy as Record<string, unknown>)[k] = mutate(r, (copy as Record<string, unknown>)[k]);
  return copy;
}

function validBody(r: Rng, route: string, method: string): unknown {
  if (route === "sync")
    return {
      year: r.pick([2021, 2022]),
      operationId: randomUUID(),
      cursor: r.chance(0.5) ? {} : { "2021_VP": r.int(10) },
      push: Array.from({ length: r.int(4) }, () => validRecord(r)),
    };
  if (route === "members") return { name: "Fuzz", role: r.pick(["leader", "staff"]), unit: "VP" };
  if (route.startsWith("reference") && method === "PUT")
    return [{ code: "VP", name: "Văn phòng", kind: "division", fromYear: 2021 }];
  return undefined;
}

interface Case {
  method: string;
  path: string;
  token?: string | undefined;
  body?: Buffer | undefined;
  contentLength?: boolean | undefined;
}

function bodyFor(r: Rng, route: string, method: string): Buffer | undefined {
  const k = r.int(20);
  if (k === 0) return undefined;
  if (k === 1) return Buffer.from(`${"[".repeat(1 + r.int(50_000))}`);
  if (k === 2) return Buffer.from(`{"push":[{"data":${'{"a":'.repeat(40 + r.int(5000))}1`);
  if (k === 3) return Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]); // {"\xED\xA0\x80":1}
  if (k === 4) return Buffer.from(randomString(r));
  if (k === 5 && r.chance(CASES > 10_000 ? 0.02 : 0.1))
    return Buffer.alloc(8 * 1024 * 1024 + 1 + r.int(1000), 0x20);
  if (k === 6) return Buffer.from(JSON.stringify(randomJson(r)));
  if (k === 7) return Buffer.from(`[${"0,".repeat(r.int(300_000))}0]`);
  const valid = validBody(r, route, method);
  return Buffer.from(JSON.stringify(k < 12 ? (valid ?? randomJson(r)) : mutate(r, valid ?? randomJson(r))));
}

function segment(r: Rng): string {
  return r.pick([
    "fields",
    "units",
    "calendar",
    "AAAAAAAAAAAA",
    "%E0%A4%A",
    "%",
    "%ZZ",
    "%ED%A0%80",
    "%00",
    "%2F",
    "x".repeat(2000),
    encodeURIComponent(randomString(r).replace(/[\ud800-\udfff]/g, "")),
  ]);
}

const QUERY_NAMES = ["year", "unit", "kind", "record", "asOf", "from", "to", "trend", "x"];

function query(r: Rng): string {
  const parts: string[] = [];
  for (let i = r.int(7); i > 0; i--) {
    const name = r.pick(QUERY_NAMES);
    const value = r.pick([
      "2021",
      "2022",
      "VP",
      "NCC",
      "task",
      "dossier",
      "2021-03-31",
      "2021-02-30",
      "2021-01-01",
      "2020-12-15",
      "2035-06-30",
      "2000-01-01",
      "1900-02-29",
      "0001-01-01",
      "2021-13-01",
      "2021-12-31",
      "7",
      "2022-01-01",
      "2021-04-31",
      "1999",
      "99999999999999999999",
      "",
      "%ED%A0%80",
      "%01",
      "%E0%A4%A",
      "fz-1",
      encodeURIComponent(randomString(r).replace(/[\ud800-\udfff]/g, "")),
    ]);
    parts.push(`${name}=${value}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

function makeCase(r: Rng, tokens: string[]): Case {
  const known = r.chance(0.85);
  const route = known ? r.pick(ROUTES) : undefined;
  const method =
    route && r.chance(0.85)
      ? route.method
      : r.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]);
  const template = route?.route ?? r.pick(["", "nothing", "sync/x", "members/a/b", "reference"]);
  const path = template.replace(/\{[^}]+\}/g, () => segment(r));
  const token = r.pick(tokens.concat(["", "garbage", `cchc_AAAAAAAAAAAA.${"a".repeat(43)}`]));
  const body =
    method === "GET" || method === "HEAD"
      ? r.chance(0.05)
        ? Buffer.from("{}")
        : undefined
      : bodyFor(r, template, method);
  return { method, path: `/api/${path}${query(r)}`, token, body, contentLength: r.chance(0.9) };
}

function send(base: URL, agent: http.Agent, c: Case): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (c.token) headers.authorization = c.token.startsWith("cchc_") ? `Bearer ${c.token}` : c.token;
    if (c.body) headers["content-type"] = "application/json";
    if (c.body && c.contentLength) headers["content-length"] = String(c.body.length);
    const req = http.request(
      { host: base.hostname, port: base.port, method: c.method, path: c.path, headers, agent },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`hang: ${c.method} ${c.path}`)));
    req.on("error", reject);
    req.end(c.body);
  });
}

describe(`route fuzzer: ${CASES} seeded cases (seed ${SEED}), no 5xx, no hang`, function () {
  this.timeout(Math.max(60_000, CASES * 50));
  let s: TestServer;
  const tokens: string[] = [];
  let staff: string;

  before(async () => {
    s = await startTestServer();
    // Guessed tokens are part of the fuzz; the lockout itself is tested in auth-limiter.test.ts.
    s.services.authLimiter = new AuthLimiter({
      windowMs: 60_000,
      perAddress: 1e9,
      perTokenId: 1e9,
      maxKeys: 1000,
    });
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    tokens.push(staff);
    for (const role of ["coordinator", "leader", "admin"] as const)
      tokens.push((await s.services.members.issue({ name: `Fuzz ${role}`, role })).token);
    // A record and a day's snapshot of 2021, so that GET /api/snapshots has something to read.
    await stillWorks();
    await takeSnapshots(s.services, new Date("2021-06-01T03:00:00Z"));
  });
  after(() => s?.stop());

  async function stillWorks(): Promise<void> {
    const health = await fetch(`${s.url}/api/health`);
    assert.equal(health.status, 200);
    const push = await fetch(`${s.url}/api/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${staff}`, "content-type": "application/json" },
      body: JSON.stringify({
        year: 2021,
        operationId: randomUUID(),
        cursor: {},
        push: [
          {
            kind: "task",
            id: `ok-${randomUUID()}`,
            unit: "VP",
            baseVersion: null,
            data: { content: "x", status: "done" },
          },
        ],
      }),
    });
    assert.equal(push.status, 200);
    const json = (await push.json()) as { results: { status: string }[] };
    assert.equal(json.results[0]!.status, "applied");
  }

  it("answers every case below 500, and a valid push succeeds every 1,000 cases and after", async () => {
    const r = prng(SEED);
    const base = new URL(s.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let done = 0;
    try {
      while (done < CASES) {
        const batch = Array.from({ length: Math.min(PARALLEL, CASES - done) }, () => makeCase(r, tokens));
        const answers = await Promise.all(
          batch.map((c) =>
            send(base, agent, c).catch((e: Error) => {
              failures.push(`${c.method} ${c.path.slice(0, 120)}: ${e.message}`);
              return -1;
            }),
          ),
        );
        answers.forEach((status, i) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push(`${batch[i]!.method} ${batch[i]!.path.slice(0, 120)}: ${status}`);
        });
        const before = done;
        done += batch.length;
        if (Math.floor(before / 1000) !== Math.floor(done / 1000)) await stillWorks();
      }
    } finally {
      agent.destroy();
    }
    await stillWorks();
    const summary = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`);
    console.log(`      fuzz: ${done} cases, seed ${SEED}; statuses ${summary.join(", ")}`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
  });
});
