import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { freePort, startAzurite, type RunningAzurite } from "../../functions/src/dev/azurite";
import { servicesFor } from "../../functions/src/services";
import { call } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { xlsxBuffer, type Row } from "../helpers/workbooks";
import { cli } from "../helpers/sync";

/** Kills in a row: `CCHC_KILL_ROUNDS=20` in `npm run test:long` (issue 12), 3 in `npm test`. */
const ROUNDS = Number(process.env.CCHC_KILL_ROUNDS ?? 3);
/** Records in the workbook: enough that a sync is several round trips in flight. */
const ROWS = Number(process.env.CCHC_KILL_ROWS ?? 1000);
const HOST = path.resolve(__dirname, "../helpers/host-process.ts");
const SHEET = "Kế hoạch";
const HEADER: Row = ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tình trạng", "Ghi chú"];

/** A small deterministic generator, so a failing run can be replayed (CCHC_KILL_SEED). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** What the running host printed (its logged server errors). */
let hostLog = () => "";

/** The host as its own process on `port`; resolves once it answers /api/health. */
async function startHost(port: number, connection: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", HOST], {
    env: { ...process.env, PORT: String(port), STORAGE_CONNECTION_STRING: connection },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  hostLog = () => output;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => ((output += d), /ready/.test(output) && resolve()));
    child.stderr!.on("data", (d: Buffer) => (output += d));
    child.once("exit", (code) =>
      reject(new Error(`the host exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  return exited;
}

/** The task rows of a workbook file: content → { id, note }; fails on a content seen twice. */
async function rowsOf(file: string): Promise<Map<string, { id: string; note: string }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET)!;
  const header = ws.getRow(2).values as unknown[];
  const idCol = header.findIndex(
    (v) => typeof v === "string" && /^(cchc_id|Mã bản ghi|.*record id)/i.test(v),
  );
  const rows = new Map<string, { id: string; note: string }>();
  for (let r = 3; r <= ws.rowCount; r++) {
    const content = ws.getCell(r, 2).value;
    if (typeof content !== "string") continue;
    assert.ok(!rows.has(content), `${file}: row "${content}" appears twice`);
    rows.set(content, {
      id: idCol > 0 ? String(ws.getCell(r, idCol).value ?? "") : "",
      note: String(ws.getCell(r, 6).value ?? ""),
    });
  }
  return rows;
}

/** Every live task on the server, paging through the changes from the start. */
async function serverTasks(
  url: string,
  token: string,
): Promise<Map<string, { content: string; notes: string }>> {
  const live = new Map<string, { content: string; notes: string }>();
  let cursor = {};
  for (let page = 0; page < 1000; page++) {
    const res = await call(url, "POST", "/api/sync", token, {
      year: 2021,
      operationId: `pull-${Date.now()}-${page}`,
      cursor,
      push: [],
    });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    for (const ch of res.json.changes as { id: string; deleted: boolean; data: Record<string, unknown> }[])
      if (ch.deleted) live.delete(ch.id);
      else live.set(ch.id, { content: String(ch.data.content), notes: String(ch.data.notes ?? "") });
    cursor = res.json.cursor as object;
    if (res.json.more !== true) return live;
  }
  throw new Error("the pull never ended");
}

describe("the host killed (SIGKILL) at random points of a large sync (issue 12)", function () {
  this.timeout(120_000 + ROUNDS * 90_000);
  const tmp = tempDir("host-kill");
  let azurite: RunningAzurite;
  let host: ChildProcess | undefined;
  after(async () => {
    if (host) await kill(host);
    await azurite?.stop();
    tmp.remove();
  });

  it(`loses and duplicates nothing, keeps the workbook whole and its .bak valid, over ${ROUNDS} kills of a ${ROWS}-record sync`, async () => {
    const seed = Number(process.env.CCHC_KILL_SEED ?? 20210331);
    const rnd = random(seed);
    // The store outlives the host, and keeps its data on disk as `npm start` does.
    azurite = await startAzurite({ port: await freePort(), location: tmp.file("store") });
    const token = (
      await servicesFor(azurite.connectionString).members.issue({ name: "Điều phối", role: "coordinator" })
    ).token;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    host = await startHost(port, azurite.connectionString);

    const file = tmp.file("plan.xlsx");
    const task = (n: number, note: string): Row => [
      n,
      `Nhiệm vụ ${n}`,
      "VP",
      "Quý II",
      "Đang thực hiện",
      note,
    ];
    writeFileSync(
      file,
      await xlsxBuffer([
        {
          name: SHEET,
          rows: [
            ["KẾ HOẠCH CCHC NĂM 2021"],
            HEADER,
            ...Array.from({ length: ROWS }, (_, i) => task(i + 1, "r0")),
          ],
        },
      ]),
    );
    let rows = ROWS;
    let lastSync = 3000;
    const kills: { delayMs: number; exit: number; fileChanged: boolean }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        // Every record changes and a few are new, so the next sync pushes thousands of records.
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        const ws = wb.getWorksheet(SHEET)!;
        for (let r = 3; r < 3 + rows; r++) ws.getCell(r, 6).value = `r${round}`;
        // New rows on even rounds only: on odd ones a killed sync must leave the file byte for byte as it was.
        for (let k = 0; k < (round % 2 === 0 ? 25 : 0); k++) {
          rows++;
          ws.getRow(2 + rows).values = task(rows, `r${round}`) as ExcelJS.CellValue[];
        }
        await wb.xlsx.writeFile(file);
      }
      const before = readFileSync(file);
      const delayMs = Math.floor(rnd() * lastSync);
      const syncing = cli(["sync", file, "--server", url, "--token", token]);
      const killed = new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => kill(host!));
      const [first] = await Promise.all([syncing, killed]);
      const after = readFileSync(file);
      const fileChanged = !after.equals(before);
      kills.push({ delayMs, exit: first.code, fileChanged });
      assert.ok([0, 3].includes(first.code), `round ${round}: exit ${first.code}\n${first.err}`);
      if (first.code === 3)
        assert.match(first.err, /Lỗi: .*\n.*Error: /s, "the failure is told in both languages");
      if (fileChanged) {
        // The new version is complete (it opens, every row has an id) and the .bak is the version before.
        const now = await rowsOf(file);
        assert.equal(now.size, rows, `round ${round}: every row is in the new version`);
        for (const [content, r] of now) assert.ok(r.id, `round ${round}: "${content}" has its id`);
        // The .bak is the version before the last write: the file before the sync, or (when the sync
        // got as far as its second write) the one its first write gave the new rows' ids in.
        if (!readFileSync(`${file}.bak`).equals(before)) {
          const bak = await rowsOf(`${file}.bak`);
          assert.equal(bak.size, rows, `round ${round}: the .bak is a whole version`);
          for (const [content, r] of bak)
            assert.ok(r.id, `round ${round}: "${content}" has its id in the .bak`);
        }
      }

      host = await startHost(port, azurite.connectionString);
      const t0 = Date.now();
      const again = await cli(["sync", file, "--server", url, "--token", token]);
      lastSync = Math.max(1000, Date.now() - t0);
      assert.equal(
        again.code,
        0,
        `round ${round}: the sync after the restart\n${again.err}${again.out}\nhost:\n${hostLog().slice(-3000)}`,
      );
      assert.ok(existsSync(`${file}.bak`));
      const bak = await rowsOf(`${file}.bak`);
      assert.ok(
        bak.size >= rows - 25 && bak.size <= rows,
        `round ${round}: the .bak opens and holds the previous version`,
      );

      const book = await rowsOf(file);
      const server = await serverTasks(url, token);
      assert.equal(book.size, rows, `round ${round}: no row lost from the workbook`);
      assert.equal(
        server.size,
        rows,
        `round ${round}: the server holds each record once (${server.size} for ${rows} rows)`,
      );
      const contents = new Set([...server.values()].map((t) => t.content));
      assert.equal(contents.size, rows, `round ${round}: no record duplicated on the server`);
      for (const [content, r] of book) {
        const stored = server.get(r.id);
        assert.ok(stored, `round ${round}: "${content}" (${r.id}) is on the server`);
        assert.equal(stored.content, content);
        assert.equal(stored.notes, `r${round}`, `round ${round}: "${content}" has its last note`);
        assert.equal(r.note, `r${round}`);
      }
    }
    console.log(`      kills: ${JSON.stringify(kills)}`);
  });
});
