// node bench/profile-groups.cjs <profile> <from wall ms> <to wall ms>: where a process's samples in
// that window went, by group (exceljs, Azure SDK, Azurite/Loki, host, engine, GC, Node internals).
const fs = require("node:fs");

const [file, from, to] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The first frame up the stack that names a group decides the sample's group. */
function groupOf(id) {
  const self = nodes.get(id).callFrame.functionName;
  if (self === "(idle)") return "idle";
  if (self === "(garbage collector)") return "garbage collection";
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const url = nodes.get(x).callFrame.url;
    if (/exceljs|pako|saxes|jszip|archiver|unzipper/.test(url)) return "xlsx (exceljs, zip)";
    if (/lokijs/.test(url)) return "Azurite: Loki store";
    if (/azurite/.test(url)) return "Azurite: its own code";
    if (/@azure|@typespec/.test(url)) return "Azure SDK (host's storage client)";
    if (/\/functions\//.test(url)) return "host (functions/)";
    if (/\/core\/sync\/transport/.test(url)) return "client transport";
    if (/\/(core|cli)\//.test(url)) return "engine and reader (core/, cli/)";
  }
  return "Node internals (http, streams)";
}

let t = profile.wallStart;
const spent = new Map();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] / 1000;
  if (t < Number(from) || t > Number(to)) continue;
  const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const group = groupOf(profile.samples[i]);
  spent.set(group, (spent.get(group) ?? 0) + ms);
  if (group !== "idle") busy += ms;
}
for (const [group, ms] of [...spent].sort((a, b) => b[1] - a[1]))
  console.log(
    `${ms.toFixed(0).padStart(8)} ms ${group === "idle" ? "    " : `${((ms / busy) * 100).toFixed(0).padStart(3)}%`} ${group}`,
  );
