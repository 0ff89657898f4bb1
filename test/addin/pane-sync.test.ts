import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { SyncCancelled, type SyncStage } from "../../addin/shared/progress";
import { runSync, SyncGate } from "../../addin/shared/sync-runner";
import type { WorkbookHost } from "../../addin/shared/workbook-host";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { ExcelPort } from "../../addin/excel";
import { FakeExcel } from "./fake-excel/fake-excel";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";

const PLAN = "Kế hoạch CCHC 2021";
const CONTENT = 2;
const NOTES = 9;

async function edit(file: string, change: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = await open(file);
  change(wb.getWorksheet(PLAN)!);
  await wb.xlsx.writeFile(file);
}

const fileHost = (file: string): WorkbookHost => ({
  port: () => new XlsxPort(file),
  selectCell: async () => {},
});

describe("the add-in's sync runner (pane and ribbon) on the core engine", function () {
  this.timeout(120_000);
  let s: TestServer;
  let token: string;
  const tmp = tempDir("pane-sync");
  const A = tmp.file("a.xlsx");
  const B = tmp.file("b.xlsx");
  const conn = () => ({ server: s.url, token });

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    await writeDemo(A);
    const first = await cli(["sync", A, "--server", s.url, "--token", token, "--as-of", "2021-03-31"]);
    assert.equal(first.code, 0, first.out + first.err);
    copy(A, B);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("applies one answer per conflict (keep mine here, keep theirs there) and leaves none decided silently", async () => {
    await edit(A, (ws) => {
      ws.getCell(8, CONTENT).value = "Nội dung sửa ở A";
      ws.getCell(8, NOTES).value = "Ghi chú A";
    });
    assert.equal((await cli(["sync", A, "--server", s.url, "--token", token])).code, 0);
    await edit(B, (ws) => {
      ws.getCell(8, CONTENT).value = "Nội dung sửa ở B";
      ws.getCell(8, NOTES).value = "Ghi chú B";
    });

    const first = await runSync(fileHost(B), conn(), { mode: "sync" });
    assert.equal(first.conflicts.length, 2, "content and notes changed on both sides");
    const [content, notes] = ["content", "notes"].map((f) => first.conflicts.find((c) => c.field === f)!);
    assert.ok(content && notes);

    const half = await runSync(fileHost(B), conn(), {
      mode: "sync",
      choices: { [`${content.id}/content`]: "mine" },
    });
    assert.equal(half.conflicts.length, 2, "one answer of two: the record stays open");

    const both = await runSync(fileHost(B), conn(), {
      mode: "sync",
      choices: { [`${content.id}/content`]: "mine", [`${notes.id}/notes`]: "theirs" },
    });
    assert.equal(both.conflicts.length, 0);
    const b = (await open(B)).getWorksheet(PLAN)!;
    assert.equal(b.getCell(8, CONTENT).value, "Nội dung sửa ở B");
    assert.equal(b.getCell(8, NOTES).value, "Ghi chú A");

    assert.equal((await cli(["sync", A, "--server", s.url, "--token", token])).code, 0);
    const a = (await open(A)).getWorksheet(PLAN)!;
    assert.equal(a.getCell(8, CONTENT).value, "Nội dung sửa ở B", "mine went to the server");
    assert.equal(a.getCell(8, NOTES).value, "Ghi chú A");
  });

  it("reports the stages in order and cancels before the write, leaving the file as it was", async () => {
    await edit(B, (ws) => (ws.getCell(9, NOTES).value = "Sửa rồi hủy"));
    const before = readFileSync(B);
    const controller = new AbortController();
    const stages: SyncStage[] = [];
    await assert.rejects(
      runSync(fileHost(B), conn(), {
        mode: "sync",
        signal: controller.signal,
        onProgress: (stage) => {
          stages.push(stage);
          if (stage === "receive") controller.abort();
        },
      }),
      SyncCancelled,
    );
    assert.deepEqual([...new Set(stages)], ["read", "send", "receive"]);
    assert.ok(readFileSync(B).equals(before), "nothing written");

    const seen: SyncStage[] = [];
    const done = await runSync(fileHost(B), conn(), { mode: "sync", onProgress: (st) => seen.push(st) });
    assert.equal(done.conflicts.length, 0);
    assert.deepEqual([...new Set(seen)], ["read", "send", "receive", "write"]);
    assert.equal((await open(B)).getWorksheet(PLAN)!.getCell(9, NOTES).value, "Sửa rồi hủy");
  });

  it("a cancel after new rows got their hidden ids says so: the ids stay, and the task is on the server once", async () => {
    const tasks = async () =>
      (await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", token)).json.tasks as {
        total: number;
      };
    const before = (await tasks()).total;
    // A new task row: the engine writes its id before talking to the server.
    await edit(B, (ws) => {
      const row = ws.getRow(ws.actualRowCount + 5);
      row.getCell(CONTENT).value = "Nhiệm vụ thêm rồi hủy";
      row.getCell(3).value = "Văn phòng Sở";
    });
    const controller = new AbortController();
    const cancelled = await runSync(fileHost(B), conn(), {
      mode: "sync",
      signal: controller.signal,
      onProgress: (stage) => {
        if (stage === "receive") controller.abort();
      },
    }).catch((e: unknown) => e);
    assert.ok(cancelled instanceof SyncCancelled);
    assert.equal(cancelled.idsWritten, true, "the pane must not say the workbook was not changed");
    // The push had reached the server before the cancel: the row's kept id links it, nothing twice.
    await runSync(fileHost(B), conn(), { mode: "sync" });
    assert.equal((await runSync(fileHost(B), conn(), { mode: "sync" })).pushed, 0);
    assert.equal((await tasks()).total, before + 1);
  });

  it("saves the pane's correction with the sync that reads by it; cchc stats on the file then reads by it too; {} removes it", async () => {
    const overrides = { sheets: { [PLAN]: { columns: { I: "none" } } } };
    const report = await runSync(fileHost(B), conn(), { mode: "sync", mappingOverrides: overrides });
    const notes = report.mapping.find((m) => m.sheet === PLAN)!.columns.find((c) => c.column === "I")!;
    assert.deepEqual([notes.field, notes.byHand], ["ignored", true]);
    const stats = await cli(["stats", B, "--as-of", "2021-03-31", "--json"]);
    assert.equal(stats.code, 0, stats.err);
    const mapping = (
      JSON.parse(stats.out) as {
        mapping: { sheet: string; columns?: { column: string; byHand?: boolean }[] }[];
      }
    ).mapping;
    assert.ok(mapping.find((m) => m.sheet === PLAN)!.columns!.find((c) => c.column === "I")!.byHand);

    const back = await runSync(fileHost(B), conn(), { mode: "sync", mappingOverrides: {} });
    const again = back.mapping.find((m) => m.sheet === PLAN)!.columns.find((c) => c.column === "I")!;
    assert.deepEqual([again.field, again.byHand], ["notes", undefined]);
  });

  it("shows what the Excel adapter could not do as cchc does: a filtered register's filter not widened over the id column", async () => {
    const file = tmp.file("filtered.xlsx");
    await writeDemo(file);
    const excel = new FakeExcel(fakeFromExceljs(await open(file)));
    const plan = excel.workbook.get(PLAN);
    const header = plan.rows.findIndex((r) => r?.[0]?.v === "STT");
    const box = { top: header, left: 0, bottom: plan.rows.length - 1, right: 8 };
    plan.autoFilter = { box, criteria: new Map([[4, { filterOn: "Values", values: ["Đang thực hiện"] }]]) };
    const host: WorkbookHost = {
      port: () => new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }),
      selectCell: async () => {},
    };
    const report = await runSync(host, conn(), { mode: "sync" });
    assert.ok(
      report.notices.some((n) => /has criteria, so it was not widened/.test(n.en)),
      JSON.stringify(report.notices),
    );
    assert.equal(plan.autoFilter!.box.right, 8, "the user's filter is left as it was");
    assert.equal(plan.autoFilter!.criteria.size, 1);
  });

  it("refuses a second sync while one runs, also from another page of the add-in", () => {
    const store = new Map<string, string>();
    const kv = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    let now = 1_000_000;
    const pane = new SyncGate(kv, () => now);
    const ribbon = new SyncGate(kv, () => now);
    assert.ok(pane.tryEnter());
    assert.ok(!pane.tryEnter());
    assert.ok(!ribbon.tryEnter(), "the ribbon command sees the pane's sync");
    pane.leave();
    assert.ok(ribbon.tryEnter());
    now += 11 * 60_000; // a pane closed mid-sync leaves a stale lock
    assert.ok(new SyncGate(kv, () => now).tryEnter());
  });
});
