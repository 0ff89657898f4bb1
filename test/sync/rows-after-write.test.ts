import { strict as assert } from "node:assert";
import fc from "fast-check";
import { applyRowOps, planRowOps, rowsAfterWrite, type RowInsert } from "../../core/sync/row-plan";

/**
 * The summary names each warning's row as the sheet is after the sync (T6: rows pulled in above a
 * task moved it down, and the summary pointed at the task above it). `rowsAfterWrite` must agree
 * with what the planned row ops do to the sheet, for any deletes and inserts.
 */
describe("rowsAfterWrite: where rows are once a sync's deletes and inserts are applied", () => {
  it("agrees with applying the planned row ops, for kept rows and inserted records", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat(40)),
        fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 12 }),
        (n, del, ins) => {
          const deletes = [...new Set(del.filter((r) => r < n))].map((row) => ({ sheet: "S", row }));
          const inserts: RowInsert[] = ins
            .map((a) => Math.min(a, n - 1))
            .map((after, k) => ({ sheet: "S", after, values: [`new${k}`], id: `new${k}` }));
          const rows = Array.from({ length: n }, (_, r) => `old${r}`);
          const written = applyRowOps(rows, planRowOps(deletes, inserts), (v) => String(v[0]));
          const after = rowsAfterWrite(deletes, inserts);
          for (let r = 0; r < n; r++) {
            const at = written.indexOf(`old${r}`);
            assert.equal(after.kept("S", r), at < 0 ? undefined : at, `row ${r}`);
          }
          for (const i of inserts)
            assert.deepEqual(after.inserted(i.id!), { sheet: "S", row: written.indexOf(i.id!) }, i.id);
        },
      ),
      { numRuns: 500 },
    );
  });
});
