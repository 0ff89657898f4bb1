import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";

const SHEET = REGISTER_SHEET;
const HEADER: CellValue[] = [...REGISTER_HEADER];
const day = (d: number) => new Date(Date.UTC(2021, 2, d));
const dossier = (n: number, code: string): CellValue[] => [
  n,
  code,
  "Cấp giấy phép",
  "Việc làm",
  "VP",
  day(n),
  day(n + 7),
];

/**
 * Found by hand (/work/notes/t1-findings.md, D6): a register ending in a total row ("Tổng cộng") with
 * the count of codes under "Mã hồ sơ" was read as a dossier (a row error: no received date), and the
 * dossiers pulled into the register were inserted below it, after the total.
 */
describe("a register with an empty row in the middle and a total row at the bottom", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("gets the dossiers it pulls above its total row, and reads them back unchanged", async () => {
    const colleague = new MemoryPort([
      { name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, dossier(1, "TR-1")] },
    ]);
    assert.equal((await sync(colleague)).pushed, 1);
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["SỔ THEO DÕI HỒ SƠ - NĂM 2021"],
          HEADER,
          dossier(2, "TR-2"),
          [],
          dossier(4, "TR-4"),
          ["Tổng cộng", 2],
          [],
          ["Người lập biểu"],
        ],
      },
    ]);
    const first = await sync(owner);
    assert.equal(first.pulled, 1);
    assert.deepEqual(
      first.errors.map((e) => e.message.en),
      [],
      "the total row was read as a dossier",
    );
    const rows = owner.rows(SHEET);
    const at = (text: string, col = 1) => rows.findIndex((r) => r[col] === text);
    assert.ok(
      at("TR-1") < at("Tổng cộng", 0),
      `TR-1 on row ${at("TR-1") + 1}, the total on ${at("Tổng cộng", 0) + 1}`,
    );
    const again = await sync(owner);
    assert.equal(again.pushed, 0);
    assert.deepEqual(again.errors, []);
  });
});
