import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * A process using the command line's Ctrl-C handler that is inside a step that must not be cut in
 * two (the sync's keeping of the .bak and rename) for `holdMs`.
 */
function holdingProcess(holdMs: number) {
  const script = `
    require("tsx/cjs/api").register();
    const i = require("./cli/interrupt.ts");
    i.installInterruptHandler((t) => process.stderr.write(t + "\\n"));
    i.watchInterrupts({ describe: () => ({ vi: "đã làm gì", en: "what was done" }), cleanup: () => process.stderr.write("cleaned up\\n") });
    i.uninterrupted(() => new Promise((r) => { process.stdout.write("holding\\n"); setTimeout(r, ${holdMs}); }))
      .then(() => { process.stdout.write("step done\\n"); setTimeout(() => process.exit(0), 20000); });`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const holding = new Promise<void>((resolve) =>
    child.stdout.on("data", (d: Buffer) => ((out += d), /holding/.test(out) && resolve())),
  );
  child.stderr.on("data", (d: Buffer) => (out += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once("exit", (code) => resolve({ code, at: Date.now() })),
  );
  return { child, holding, exited, output: () => out };
}

describe("Ctrl-C in the command line (a real signal)", function () {
  this.timeout(60_000);

  it("a first Ctrl-C during the save waits for it to end, says so, then stops with 130 and says what was done", async () => {
    const p = holdingProcess(2000);
    await p.holding;
    const sent = Date.now();
    p.child.kill("SIGINT");
    const { code, at } = await p.exited;
    assert.equal(code, 130, p.output());
    assert.match(
      p.output(),
      /Saving the workbook: stopping right after this step \(Ctrl-C again to stop at once\)/,
    );
    assert.match(p.output(), /cleaned up\nđã làm gì\nwhat was done/);
    assert.ok(at - sent > 1000, "it waited for the step");
    assert.doesNotMatch(p.output(), /step done/, "and stopped right after it");
  });

  it("a second Ctrl-C stops at once", async () => {
    const p = holdingProcess(30_000);
    await p.holding;
    p.child.kill("SIGINT");
    await new Promise<void>((resolve) => p.child.stderr.once("data", () => resolve()));
    const sent = Date.now();
    p.child.kill("SIGINT");
    const { code, at } = await p.exited;
    assert.equal(code, 130, p.output());
    assert.ok(at - sent < 5000, `stopped ${at - sent} ms after the second Ctrl-C`);
    assert.match(p.output(), /what was done/);
  });
});
