// node bench/profile-overlap.cjs <main.cpuprofile> <azurite.cpuprofile> <from wall ms> <to wall ms>:
// in 1-ms bins of that window, when each process is busy — both, Azurite alone, this process alone,
// neither — and, for the bins where this process works alone, which group of code it runs. Profiles
// and marks come from `PROF_DIR=/tmp/prof BENCH_MARKS=1 NODE_OPTIONS="--require ./bench/profile-preload.cjs" npm run bench:sync`.
const fs = require("fs");
const [mf, af, from, to] = process.argv.slice(2);
function load(f) {
  const p = JSON.parse(fs.readFileSync(f, "utf8"));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { p, nodes, parent };
}
const M = load(mf),
  A = load(af);
function groupOf(P, id) {
  const { nodes, parent } = P;
  const self = nodes.get(id).callFrame.functionName;
  if (self === "(idle)") return "idle";
  if (self === "(garbage collector)") return "gc";
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const u = nodes.get(x).callFrame.url;
    const fn = nodes.get(x).callFrame.functionName;
    if (/exceljs|pako|saxes|jszip|archiver|unzipper/.test(u)) return "xlsx";
    if (/@azure|@typespec/.test(u)) return "sdk";
    if (/\/functions\//.test(u)) return "host:" + fn;
    if (/\/core\/sync\/transport/.test(u)) return "transport";
    if (/\/(core|cli)\//.test(u)) return "engine";
  }
  return "node";
}
function bins(P) {
  const b = new Map();
  let t = P.p.wallStart;
  for (let i = 0; i < P.p.samples.length; i++) {
    t += P.p.timeDeltas[i] / 1000;
    if (t < +from || t > +to) continue;
    b.set(Math.floor(t), groupOf(P, P.p.samples[i]));
  }
  return b;
}
const mb = bins(M),
  ab = bins(A);
const out = new Map();
let both = 0,
  onlyA = 0,
  onlyM = 0,
  none = 0;
let lm = "idle",
  la = "idle";
for (let t = +from; t <= +to; t++) {
  const m = mb.get(t) ?? lm;
  const a = ab.get(t) ?? la;
  lm = m;
  la = a;
  const mbusy = m !== "idle",
    abusy = a !== "idle";
  if (mbusy && abusy) both++;
  else if (abusy) onlyA++;
  else if (mbusy) {
    onlyM++;
    out.set(m, (out.get(m) ?? 0) + 1);
  } else none++;
}
console.log({ both, onlyAzurite: onlyA, onlyOurs: onlyM, neither: none });
for (const [k, v] of [...out].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(v).padStart(6), k);
