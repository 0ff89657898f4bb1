import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { HttpTransport } from "../../core/sync/transport";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";

const SHEET = REGISTER_SHEET;
const HEADER: CellValue[] = [...REGISTER_HEADER];
const ROW: CellValue[] = [
  1,
  "DUP-1",
  "Cấp giấy phép",
  "Việc làm",
  "VP",
  new Date(Date.UTC(2021, 2, 15)),
  new Date(Date.UTC(2021, 2, 22)),
];

/**
 * Found by hand (/work/notes/t1-findings.md, D8): two staff of a unit enter the same dossier (same
 * code) in their own copies before either pulls the other's. Each push created a record (random
 * ids), so the server counted the dossier twice, and each copy then held two rows with one code, the
 * pulled one a row error the user could not resolve. A new dossier's id is now its code.
 */
describe("the same dossier entered in two copies", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("is one record: counted once, and neither copy gets a duplicate-code row error", async () => {
    const lan = new MemoryPort([
      { name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, ROW.slice()] },
    ]);
    const minh = new MemoryPort([
      { name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, ROW.slice()] },
    ]);
    await sync(lan);
    await sync(minh);
    await sync(lan);
    for (const port of [lan, minh]) {
      const again = await sync(port);
      assert.deepEqual(
        again.errors.map((e) => e.message.en),
        [],
      );
      assert.equal(port.rows(SHEET).filter((r) => r[1] === "DUP-1").length, 1);
    }
    const stats = await new HttpTransport(suite.server.url, suite.token).stats({
      year: 2021,
      asOf: "2021-03-31",
    });
    assert.equal(stats.dossiers.received.total, 1);
  });

  it("entered with a different appointment date, is one record with a conflict on that field", async () => {
    const row = (due: number) => {
      const r = ROW.slice();
      r[1] = "DUP-2";
      r[6] = new Date(Date.UTC(2021, 2, due));
      return r;
    };
    const lan = new MemoryPort([{ name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, row(22)] }]);
    const minh = new MemoryPort([{ name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, row(23)] }]);
    assert.equal((await sync(lan)).pushed, 1);
    const second = await sync(minh);
    assert.deepEqual(
      second.conflicts.map((c) => c.field),
      ["dueOn"],
    );
    assert.equal(minh.rows(SHEET).filter((r) => r[1] === "DUP-2").length, 1);
  });

  it("entered once with an invisible character copied from a web page in its code, is still one record", async () => {
    const row = (code: string) => {
      const r = ROW.slice();
      r[1] = code;
      return r;
    };
    // A zero-width space (U+200B) and a BOM (U+FEFF), as pasting from a portal or a PDF leaves them.
    const lan = new MemoryPort([
      { name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, row("ZW-1")] },
    ]);
    const minh = new MemoryPort([
      { name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, row("ZW\u200B-1\uFEFF")] },
    ]);
    await sync(lan);
    const second = await sync(minh);
    assert.deepEqual(second.conflicts, []);
    assert.equal(minh.rows(SHEET).filter((r) => typeof r[1] === "string" && r[1].includes("ZW")).length, 1);
    const stats = await new HttpTransport(suite.server.url, suite.token).stats({
      year: 2021,
      asOf: "2021-03-31",
    });
    assert.equal(stats.dossiers.received.total, 3, "DUP-1, DUP-2 (above) and ZW-1: no fourth");
  });

  it("a dossier whose code was changed after it synced keeps its record; a new row with the old code is a new dossier", async () => {
    const first = ROW.slice();
    first[1] = "OLD-1";
    const lan = new MemoryPort([{ name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER, first] }]);
    assert.equal((await sync(lan)).pushed, 1);
    const rows = lan.rows(SHEET);
    const synced = rows[2]!;
    synced[1] = "NEW-1";
    // The new row comes first, above the renamed one: the renamed row's id is still its own.
    const again = ROW.slice();
    again[1] = "OLD-1";
    again[0] = 2;
    rows.splice(2, 0, again);
    const report = await sync(lan);
    assert.equal(report.pushed, 2, "the renamed dossier's edit and the new one");
    assert.deepEqual(report.errors, []);
    assert.equal((await sync(lan)).pushed, 0);
    // A blank copy gets each dossier once.
    const copy = new MemoryPort([{ name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER] }]);
    await sync(copy);
    const codes = copy.rows(SHEET).map((r) => r[1]);
    for (const code of ["NEW-1", "OLD-1"]) assert.equal(codes.filter((c) => c === code).length, 1, code);
  });
});
