import { strict as assert } from "node:assert";
import fc from "fast-check";
import { readWorkbook } from "../../core/layout/read-workbook";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { sameData, taskData } from "../../core/sync/record-data";
import { MemoryPort, MemoryServer, MemoryTransport } from "../helpers/fake-sync";

const SHEET = "Kế hoạch";
const SECTIONS: CellValue[][] = [
  ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
  ["II", "CẢI CÁCH THỂ CHẾ"],
  ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
];
/** A task's content names the section it was created in: "s<section>-<n>". */
const task = (section: number, n: number | string): CellValue[] => [
  null,
  `s${section + 1}-${n}`,
  "Văn phòng Sở",
  "Quý II",
  "Chưa thực hiện",
  null,
];

function workbook(tasksPerSection: number[]): MemoryPort {
  const rows: CellValue[][] = [
    ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
    ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ", "Ghi chú"],
  ];
  SECTIONS.forEach((section, s) => {
    rows.push(section.slice());
    for (let n = 0; n < (tasksPerSection[s] ?? 0); n++) rows.push(task(s, n));
  });
  return new MemoryPort([{ name: SHEET, rows }]);
}

const isTask = (r: CellValue[]) => typeof r[1] === "string" && /^s\d-/.test(r[1]);
const sectionRow = (rows: CellValue[][], s: number) => rows.findIndex((r) => r[0] === SECTIONS[s]![0]);

type Action =
  | { a: "edit"; copy: number; pick: number; text: string }
  | { a: "delete"; copy: number; pick: number }
  | { a: "insert"; copy: number; section: number }
  | { a: "sort"; copy: number; section: number }
  | { a: "copyOf"; copy: number; from: number }
  | { a: "blank"; copy: number }
  | { a: "sync"; copy: number };

const copyIx = fc.nat({ max: 2 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    a: fc.constant("edit" as const),
    copy: copyIx,
    pick: fc.nat(),
    text: fc.constantFrom("x", "y", "z"),
  }),
  fc.record({ a: fc.constant("delete" as const), copy: copyIx, pick: fc.nat() }),
  fc.record({ a: fc.constant("insert" as const), copy: copyIx, section: fc.nat({ max: 2 }) }),
  fc.record({ a: fc.constant("sort" as const), copy: copyIx, section: fc.nat({ max: 2 }) }),
  fc.record({ a: fc.constant("copyOf" as const), copy: copyIx, from: copyIx }),
  fc.record({ a: fc.constant("blank" as const), copy: copyIx }),
  fc.record({ a: fc.constant("sync" as const), copy: copyIx }),
  fc.record({ a: fc.constant("sync" as const), copy: copyIx }),
);

describe("sync engine model: three copies, random edits, copies and syncs converge (issue 7, defects 1 and 2)", function () {
  this.timeout(120_000); // 100 random histories: about 16 s alone, more on a loaded machine
  it("ends with the server and every copy holding the same records, each once, in its own section", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(action, { maxLength: 25 }),
        async (sizes, actions) => {
          const server = new MemoryServer();
          let made = 0;
          const sync = (port: MemoryPort, prefer?: "theirs") =>
            new SyncEngine(port, new MemoryTransport(server), {
              asOf: "2021-03-31",
              now: new Date("2021-03-31T03:00:00Z"),
              ...(prefer ? { prefer } : {}),
            }).run();
          const first = workbook(sizes);
          await sync(first);
          const copies = [first, first.copy(), workbook([0, 0, 0])];
          for (const act of actions) {
            const port = copies[act.copy]!;
            const rows = port.rows(SHEET);
            const tasks = rows.flatMap((r, i) => (isTask(r) ? [i] : []));
            if (act.a === "edit" && tasks.length > 0) rows[tasks[act.pick % tasks.length]!]![5] = act.text;
            else if (act.a === "delete" && tasks.length > 0) rows.splice(tasks[act.pick % tasks.length]!, 1);
            else if (act.a === "insert") {
              let at = sectionRow(rows, act.section) + 1;
              while (at < rows.length && isTask(rows[at]!)) at++;
              rows.splice(at, 0, task(act.section, `new${made++}`));
            } else if (act.a === "sort") {
              const start = sectionRow(rows, act.section) + 1;
              let end = start;
              while (end < rows.length && isTask(rows[end]!)) end++;
              rows.splice(start, end - start, ...rows.slice(start, end).reverse());
            } else if (act.a === "copyOf") {
              // A copy of a synced workbook (a row typed and copied before any sync has no id yet:
              // its two copies are two new records, which no engine can tell apart).
              await sync(copies[act.from]!);
              copies[act.copy] = copies[act.from]!.copy();
            } else if (act.a === "blank") copies[act.copy] = workbook([0, 0, 0]);
            else if (act.a === "sync") await sync(port);
          }
          for (let round = 0; round < 3; round++) for (const port of copies) await sync(port, "theirs");

          const live = new Map(server.live().map((r) => [r.id, r]));
          const contents = [...live.values()].map((r) => r.data.content);
          assert.equal(
            new Set(contents).size,
            contents.length,
            `no record twice on the server: ${contents.join(", ")}`,
          );
          for (const [c, port] of copies.entries()) {
            const read = readWorkbook([{ name: SHEET, rows: port.rows(SHEET), merges: [] }]);
            assert.deepEqual(read.errors, []);
            const ids = read.tasks.map((t) => t.syncId);
            assert.equal(new Set(ids).size, ids.length, `copy ${c}: each id once`);
            assert.deepEqual(new Set(ids), new Set(live.keys()), `copy ${c} holds the server's records`);
            for (const t of read.tasks) {
              assert.ok(
                sameData(taskData(t), live.get(t.syncId!)!.data),
                `copy ${c}: ${t.content} as on the server`,
              );
              assert.equal(
                `s${t.field}`,
                t.content.split("-")[0],
                `copy ${c}: ${t.content} in its own section`,
              );
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
