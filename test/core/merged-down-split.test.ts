import { strict as assert } from "node:assert";
import fc from "fast-check";
import { mergedDownToSplit, type RowOp } from "../../core/sync";

const SHEET = "S";

/** Where each row as read ends up, by applying the ops one at a time to labelled rows. */
function positions(rows: number, ops: RowOp[]): Map<number, number> {
  const list: (number | undefined)[] = Array.from({ length: rows }, (_, i) => i);
  for (const op of ops)
    if (op.op === "delete") list.splice(op.row, op.count);
    else {
      while (list.length < op.row) list.push(undefined);
      list.splice(op.row, 0, ...op.values.map(() => undefined));
    }
  return new Map(list.flatMap((from, i) => (from === undefined ? [] : [[from, i] as [number, number]])));
}

describe("core: which cells merged down beside a group an edit must split first", () => {
  it("splits a group it writes into, or whose rows do not stay together in order (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 5 }), fc.nat(3)), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(40), fc.boolean(), fc.integer({ min: 1, max: 3 })), { maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(40), fc.nat(3)), { maxLength: 5 }),
        (groups, rawOps, writes) => {
          const merges = groups.map(([top, size, col]) => ({
            top,
            bottom: top + size,
            left: col,
            right: col,
          }));
          const ops: RowOp[] = rawOps.map(([row, del, count]) =>
            del
              ? { op: "delete", sheet: SHEET, row, count }
              : { op: "insert", sheet: SHEET, row, values: Array.from({ length: count }, () => []) },
          );
          const cells = writes.map(([row, col]) => ({ row, col }));
          const split = mergedDownToSplit(merges, cells, ops);
          const at = positions(50, ops);
          for (const m of merges) {
            const written = cells.some((w) => w.col === m.left && w.row >= m.top && w.row <= m.bottom);
            const rows = Array.from({ length: m.bottom - m.top + 1 }, (_, i) => at.get(m.top + i));
            const together = rows.every((p, i) => p !== undefined && p === rows[0]! + i);
            assert.equal(split.includes(m), written || !together, JSON.stringify({ m, ops, cells }));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves areas merged across (a header) and single cells alone", () => {
    const across = { top: 2, bottom: 2, left: 0, right: 3 };
    const block = { top: 4, bottom: 6, left: 1, right: 2 };
    const ops: RowOp[] = [{ op: "delete", sheet: SHEET, row: 5, count: 1 }];
    assert.deepEqual(mergedDownToSplit([across, block], [{ row: 2, col: 1 }], ops), []);
  });
});
