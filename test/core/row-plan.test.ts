import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { CellValue } from "../../core/parse/cell";
import { anchorRow, applyRowOps, planRowOps, type RowOp } from "../../core/sync/row-plan";

type Line =
  | { kind: "header" | "footer" }
  | { kind: "section"; field: number }
  | { kind: "task"; field: number; id: string };

const SHEET = "Kế hoạch";

/** A tasks sheet: a header, sections 1..k each with its tasks, a footer (signature) row. */
function sheetOf(sizes: number[]): Line[] {
  const lines: Line[] = [{ kind: "header" }];
  sizes.forEach((size, s) => {
    lines.push({ kind: "section", field: s + 1 });
    for (let t = 0; t < size; t++) lines.push({ kind: "task", field: s + 1, id: `t${s + 1}.${t}` });
  });
  lines.push({ kind: "footer" });
  return lines;
}

/** Where the engine puts a new task of `field`: after the last task row of its section, as read. */
function anchorFor(lines: Line[], field: number): number {
  const start = lines.findIndex((l) => l.kind === "section" && l.field === field);
  let end = lines.findIndex((l, i) => i > start && l.kind === "section");
  if (end < 0) end = Infinity;
  const taskRows = lines.flatMap((l, i) => (l.kind === "task" ? [i] : []));
  return anchorRow(taskRows, 0, { start, end });
}

const decode = (values: CellValue[]): Line => JSON.parse(String(values[0])) as Line;

const scenario = fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 6 }).chain((sizes) => {
  const total = sizes.reduce((a, b) => a + b, 0);
  return fc.record({
    sizes: fc.constant(sizes),
    deleted: fc.uniqueArray(fc.nat({ max: Math.max(0, total - 1) }), { maxLength: total }),
    inserts: fc.array(fc.integer({ min: 1, max: sizes.length }), { maxLength: 12 }),
  });
});

describe("row plan: deletes and inserts as one ordered list of blocks (issue 7, defect 2)", () => {
  it("puts every record under its own section, new ones in order, and moves nothing else", () => {
    fc.assert(
      fc.property(scenario, ({ sizes, deleted, inserts }) => {
        const lines = sheetOf(sizes);
        const taskRows = lines.flatMap((l, i) => (l.kind === "task" ? [i] : []));
        const deletedRows = new Set(deleted.filter((d) => d < taskRows.length).map((d) => taskRows[d]!));
        const added = inserts.map((field, n) => ({ kind: "task" as const, field, id: `new${n}` }));
        const ops = planRowOps(
          [...deletedRows].map((row) => ({ sheet: SHEET, row })),
          added.map((line) => ({
            sheet: SHEET,
            after: anchorFor(lines, line.field),
            values: [JSON.stringify(line)],
          })),
        );
        const after = applyRowOps(lines, ops, decode);

        assert.equal(after.length, lines.length - deletedRows.size + added.length);
        const isNew = (l: Line) => l.kind === "task" && l.id.startsWith("new");
        assert.deepEqual(
          after.filter((l) => !isNew(l)),
          lines.filter((_, i) => !deletedRows.has(i)),
          "kept rows keep their order",
        );
        let section: number | undefined;
        for (const l of after) {
          if (l.kind === "section") section = l.field;
          if (l.kind === "task") assert.equal(l.field, section, `${l.id} is under section ${l.field}`);
        }
        for (const field of new Set(inserts)) {
          const mine = after.filter((l) => l.kind === "task" && l.field === field);
          const news = mine.filter(isNew);
          assert.deepEqual(
            news,
            added.filter((a) => a.field === field),
            "new rows in their order",
          );
          assert.deepEqual(mine.slice(mine.length - news.length), news, "new rows close their section");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("makes consecutive rows one block: one delete and one insert per gap between kept rows", () => {
    const ops = planRowOps(
      [5, 6, 7, 9].map((row) => ({ sheet: SHEET, row })),
      [
        { sheet: SHEET, after: 7, values: ["a"] },
        { sheet: SHEET, after: 7, values: ["b"] },
        { sheet: SHEET, after: 6, values: ["c"] },
        { sheet: SHEET, after: 20, values: ["z"] },
      ],
    );
    assert.deepEqual(ops, [
      { op: "insert", sheet: SHEET, row: 21, values: [["z"]] },
      { op: "delete", sheet: SHEET, row: 9, count: 1 },
      { op: "delete", sheet: SHEET, row: 5, count: 3 },
      { op: "insert", sheet: SHEET, row: 5, values: [["c"], ["a"], ["b"]] },
    ] satisfies RowOp[]);
  });

  it("applies any ops the same in one pass as one splice at a time", () => {
    const op: fc.Arbitrary<RowOp> = fc.oneof(
      fc.record({
        op: fc.constant("delete" as const),
        sheet: fc.constant(SHEET),
        row: fc.nat({ max: 30 }),
        count: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({
        op: fc.constant("insert" as const),
        sheet: fc.constant(SHEET),
        row: fc.nat({ max: 30 }),
        values: fc.array(fc.array(fc.string(), { maxLength: 1 }), { minLength: 1, maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 25 }), fc.array(op, { maxLength: 8 }), (rows, ops) => {
        const slow = rows.slice();
        for (const o of ops) {
          if (o.op === "delete") slow.splice(o.row, o.count);
          else {
            while (slow.length < o.row) slow.push("");
            slow.splice(o.row, 0, ...o.values.map((v) => String(v[0] ?? "")));
          }
        }
        assert.deepEqual(
          applyRowOps(rows, ops, (v) => String(v[0] ?? "")),
          slow,
        );
      }),
      { numRuns: 500 },
    );
  });
});
