import { strict as assert } from "node:assert";
import type ExcelJS from "exceljs";
import { readWorkbook } from "../../core/layout/read-workbook";
import type { Cursor, StoredRecord } from "../../core/sync/protocol";
import { HttpTransport } from "../../core/sync/transport";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { seededRandom, startFaultyProxy, type FaultyProxy } from "../helpers/faulty-proxy";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";
const COL = { stt: 0, content: 1, lead: 2, deadline: 4, status: 6, notes: 8 } as const; // 0-based columns of the plan sheet
/** 200 syncs in the long job (`LONG_TESTS=1`), a short run in `npm test`. */
const SYNCS = process.env.LONG_TESTS ? 200 : 24;
const SEED = Number(process.env.FAULT_SEED ?? 20261128);

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

interface Member {
  name: string;
  index: number;
  file: string;
  token: string;
}

/** What the members wrote, by task content (content is never edited): the truth at the end. */
interface Expected {
  notes: Map<string, string>;
  deleted: Set<string>;
  created: Set<string>;
}

/** 1-based rows of the plan sheet holding a task. */
function taskRows(ws: ExcelJS.Worksheet): number[] {
  const rows: number[] = [];
  ws.eachRow((row, r) => {
    const stt = row.getCell(COL.stt + 1).value;
    const content = row.getCell(COL.content + 1).value;
    if (typeof stt === "number" && typeof content === "string" && content.trim() !== "") rows.push(r);
  });
  return rows;
}

/** One ordinary edit by a member, on tasks only it edits (so that no conflict is expected). */
async function editAsMember(m: Member, n: number, random: () => number, expected: Expected): Promise<void> {
  const wb = await open(m.file);
  const ws = wb.getWorksheet(PLAN)!;
  const mine = taskRows(ws).filter((r) => hash(String(ws.getCell(r, COL.content + 1).value)) % 3 === m.index);
  const pick = random();
  if (pick < 0.15 && mine.length > 3) {
    // Empty a row: the record is deleted.
    const r = mine[Math.floor(random() * mine.length)]!;
    expected.deleted.add(String(ws.getCell(r, COL.content + 1).value));
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => (cell.value = null));
  } else if (pick < 0.35) {
    // A new task below the last one of the plan.
    const last = Math.max(...taskRows(ws));
    const content = `Nhiệm vụ mới của ${m.name} số ${n}`;
    const row = ws.getRow(last + 1);
    if ([...Array(10).keys()].some((c) => row.getCell(c + 1).value !== null)) return;
    row.getCell(COL.stt + 1).value = 100 + n;
    row.getCell(COL.content + 1).value = content;
    row.getCell(COL.lead + 1).value = "Văn phòng Sở";
    row.getCell(COL.deadline + 1).value = "Quý IV";
    row.getCell(COL.status + 1).value = "Chưa thực hiện";
    expected.created.add(content);
  } else if (mine.length > 0) {
    const r = mine[Math.floor(random() * mine.length)]!;
    const note = `${m.name} sửa lần ${n}`;
    ws.getCell(r, COL.notes + 1).value = note;
    expected.notes.set(String(ws.getCell(r, COL.content + 1).value), note);
  }
  await wb.xlsx.writeFile(m.file);
}

/** Every live record on the server, read by a full pull. */
async function serverRecords(url: string, token: string): Promise<Map<string, StoredRecord>> {
  const t = new HttpTransport(url, token);
  const live = new Map<string, StoredRecord>();
  let cursor: Cursor = {};
  for (let page = 0; page < 100; page++) {
    const res = await t.sync({ year: 2021, operationId: `pull-check-${page}`, cursor, push: [] });
    for (const c of res.changes) {
      if (c.deleted) live.delete(`${c.kind}|${c.id}`);
      else live.set(`${c.kind}|${c.id}`, c);
    }
    cursor = res.cursor;
    if (!res.more) break;
  }
  return live;
}

describe("cchc sync through a bad connection: drops, delays, truncation, duplicates (3 members)", function () {
  this.timeout(SYNCS * 8_000 + 120_000);
  let s: TestServer;
  let proxy: FaultyProxy;
  const tmp = tempDir("proxy-faults");
  const members: Member[] = [];

  before(async () => {
    s = await startTestServer();
    proxy = await startFaultyProxy(s.url, SEED);
    const first = tmp.file("m0.xlsx");
    await writeDemo(first);
    for (let i = 0; i < 3; i++) {
      const token = (await s.services.members.issue({ name: `Điều phối ${i}`, role: "coordinator" })).token;
      members.push({ name: `TV${i}`, index: i, file: i === 0 ? first : tmp.file(`m${i}.xlsx`), token });
    }
    proxy.enabled = false;
    const sync0 = await cli([
      "sync",
      first,
      "--server",
      proxy.url,
      "--token",
      members[0]!.token,
      "--as-of",
      "2021-03-31",
    ]);
    assert.equal(sync0.code, 0, sync0.out + sync0.err);
    copy(first, members[1]!.file); // copies e-mailed after the first sync
    copy(first, members[2]!.file);
    proxy.enabled = true;
  });
  after(async () => {
    await proxy?.stop();
    await s?.stop();
    tmp.remove();
  });

  it(`${SYNCS} syncs with faults, then one clean round: copies and server agree, nothing lost or repeated`, async () => {
    const random = seededRandom(SEED + 1);
    const expected: Expected = { notes: new Map(), deleted: new Set(), created: new Set() };
    const codes = new Map<number, number>();
    const sync = (m: Member) =>
      cli(["sync", m.file, "--server", proxy.url, "--token", m.token, "--as-of", "2021-03-31"]);

    for (let n = 0; n < SYNCS; n++) {
      const m = members[Math.floor(random() * 3)]!;
      if (random() < 0.7) await editAsMember(m, n, random, expected);
      const r = await sync(m);
      codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
      // 0: synced; 3: the connection failed (the workbook is untouched and the next sync completes it).
      assert.ok(r.code === 0 || r.code === 3, `sync ${n} by ${m.name}: exit ${r.code}\n${r.out}\n${r.err}`);
    }
    proxy.enabled = false;
    for (let round = 0; round < 2; round++)
      for (const m of members) {
        const r = await sync(m);
        assert.equal(r.code, 0, `clean sync by ${m.name}: ${r.out}\n${r.err}`);
      }

    const server = await serverRecords(s.url, members[0]!.token);
    const serverTasks = [...server.values()].filter((r) => r.kind === "task");
    const contents = serverTasks.map((t) => String(t.data.content));
    assert.equal(new Set(contents).size, contents.length, "no task is duplicated on the server");
    for (const c of expected.created)
      assert.equal(contents.includes(c), !expected.deleted.has(c), `created task "${c}" is on the server`);
    for (const c of expected.deleted) assert.ok(!contents.includes(c), `deleted task "${c}" is gone`);
    for (const [content, note] of expected.notes) {
      if (expected.deleted.has(content)) continue;
      const t = serverTasks.find((x) => x.data.content === content);
      assert.equal(t?.data.notes, note, `the last note written on "${content}" reached the server`);
    }
    for (const m of members) {
      const read = readWorkbook((await new XlsxPort(m.file).read()).sheets, { year: 2021 });
      const local = new Map(read.tasks.map((t) => [t.syncId, t]));
      assert.equal(local.size, serverTasks.length, `${m.name}'s copy holds as many tasks as the server`);
      for (const t of serverTasks) {
        const row = local.get(t.id);
        assert.ok(row, `${m.name}'s copy has task ${String(t.data.content)}`);
        assert.equal(row.notes ?? null, (t.data.notes as string | undefined) ?? null);
      }
      const dossiers = new Set(read.dossiers.map((d) => d.syncId));
      const serverDossiers = [...server.values()].filter((r) => r.kind === "dossier");
      assert.equal(
        dossiers.size,
        serverDossiers.length,
        `${m.name}'s copy holds as many dossiers as the server`,
      );
    }
    const faults = Object.entries(proxy.counts)
      .map(([f, c]) => `${f} ${c}`)
      .join(", ");
    console.log(`      faults: ${faults}; exit codes: ${[...codes].map(([c, k]) => `${c}×${k}`).join(", ")}`);
  });
});
