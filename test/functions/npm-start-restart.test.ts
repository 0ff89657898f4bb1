import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { freePort } from "../../functions/src/dev/azurite";
import { call } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

const ROOT = path.resolve(__dirname, "../..");
/** Tries in a row; `CCHC_RESTART_TRIES=20` for the long run (issue 7: 20 in a row). */
const TRIES = Number(process.env.CCHC_RESTART_TRIES ?? 3);

interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `npm start` as a terminal runs it: npm and everything it starts in one process group of their
 * own (detached), the store in a fresh folder (AZURITE_LOCATION), on free ports. Resolves once it
 * says it is ready.
 */
async function startStack(
  store: string,
  ports: { api: number; table: number; addin: number },
): Promise<Stack> {
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // Every port free (the add-in's dev server, when npm start runs it, too): never the fixed ones.
    env: {
      ...process.env,
      PORT: String(ports.api),
      AZURITE_TABLE_PORT: String(ports.table),
      ADDIN_PORT: String(ports.addin),
      AZURITE_LOCATION: store,
    },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const check = () => (/ready in/.test(output) ? resolve() : undefined);
    child.stdout!.on("data", check);
    void exited.then(() => reject(new Error(`npm start exited early:\n${output}`)));
  });
  return { child, output: () => output, exited };
}

/** Ctrl-C in a terminal: SIGINT to the whole process group; resolves when `npm start` has exited. */
async function ctrlC(stack: Stack): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  process.kill(-stack.child.pid!, "SIGINT");
  return stack.exited;
}

describe("npm start: Ctrl-C keeps every acknowledged write (issue 7, defect 4)", function () {
  this.timeout(60_000 + TRIES * 20_000);
  const tmp = tempDir("npm-start");
  after(() => tmp.remove());

  it(`restarts ${TRIES} times in a row with every member and record written just before Ctrl-C`, async () => {
    const ports = { api: await freePort(), table: await freePort(), addin: await freePort() };
    let stack = await startStack(tmp.dir, ports);
    const api = `http://127.0.0.1:${ports.api}`;
    const admin = /cchc_\S+/.exec(stack.output())?.[0];
    assert.ok(admin, `the first run prints an admin token:\n${stack.output()}`);
    const coordinator = await call(api, "POST", "/api/members", admin, {
      name: "Điều phối",
      role: "coordinator",
    });
    assert.equal(coordinator.status, 201);
    const writer = String(coordinator.json.token);
    const members = ["Điều phối"];
    const tasks: string[] = [];
    let cursor = {};
    try {
      for (let i = 0; i < TRIES; i++) {
        const name = `Thành viên ${i}`;
        const added = await call(api, "POST", "/api/members", admin, { name, role: "staff", unit: "VP" });
        assert.equal(added.status, 201);
        members.push(name);
        const id = `t${i}`;
        const pushed = await call(api, "POST", "/api/sync", writer, {
          year: 2026,
          operationId: randomUUID(),
          cursor,
          push: [{ kind: "task", id, unit: "VP", baseVersion: null, data: { content: id, status: "done" } }],
        });
        assert.equal(pushed.status, 200, JSON.stringify(pushed.json));
        tasks.push(id);
        cursor = pushed.json.cursor as object;
        // Ctrl-C right after the acknowledgement: well inside Azurite's 5 s autosave interval.
        // npm waits for the stack to stop, then ends itself by the same signal (exit 130 in a shell).
        const { code, signal } = await ctrlC(stack);
        assert.ok(code === 0 || signal === "SIGINT", `exit ${code} ${signal}:\n${stack.output()}`);
        stack = await startStack(tmp.dir, ports);
        assert.doesNotMatch(stack.output(), /First run/, `try ${i}: the store was not reset`);
        const list = await call(api, "GET", "/api/members", admin);
        assert.equal(list.status, 200, `try ${i}: the admin token survived`);
        const names = (list.json as unknown as { name: string }[]).map((m) => m.name);
        for (const m of members) assert.ok(names.includes(m), `try ${i}: member "${m}" survived`);
        const all = await call(api, "POST", "/api/sync", writer, {
          year: 2026,
          operationId: randomUUID(),
          cursor: {},
          push: [],
        });
        const ids = (all.json.changes as { id: string }[]).map((c) => c.id).sort();
        assert.deepEqual(ids, [...tasks].sort(), `try ${i}: every pushed record survived`);
      }
    } finally {
      if (stack.child.exitCode === null && stack.child.signalCode === null) await ctrlC(stack);
    }
  });
});
