// CPU profile of every Node process started with NODE_OPTIONS="--require ./bench/profile-preload.cjs"
// (the bench and the Azurite it spawns: --cpu-prof is refused in NODE_OPTIONS). Written at exit to
// $PROF_DIR/<main|azurite>-<pid>.cpuprofile with `wallStart` (Date.now() at start), so that a
// window of wall-clock time (the marks of BENCH_MARKS=1) can be cut out: bench/profile-groups.cjs.
const inspector = require("node:inspector");
const fs = require("node:fs");
const { isMainThread } = require("node:worker_threads");

if (isMainThread) {
  const tag = process.argv.some((a) => a.includes("table") && a.endsWith("main.js")) ? "azurite" : "main";
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  const wallStart = Date.now();
  session.post("Profiler.start");
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    session.post("Profiler.stop", (err, result) => {
      if (err) return;
      const file = `${process.env.PROF_DIR ?? "."}/${tag}-${process.pid}.cpuprofile`;
      fs.writeFileSync(file, JSON.stringify({ ...result.profile, wallStart }));
    });
  };
  process.on("exit", save);
  // Azurite stops on one SIGINT: save first (its in-memory store has nothing to lose).
  if (tag === "azurite")
    process.on("SIGINT", () => {
      save();
      process.exit(0);
    });
}
