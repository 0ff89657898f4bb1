import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";
import { REGISTER_HEADER } from "../helpers/register";
import { tableWithContinuations } from "../helpers/sync";
import { countVi } from "../../core/format/numbers";

const OVERDUE = 1_200;
const SHEET = "Sổ hồ sơ";

/** A register of dossiers all still processing and long past due at the end of 2021. */
function overdueRegister(): MemoryPort {
  const rows: CellValue[][] = [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...REGISTER_HEADER]];
  for (let n = 1; n <= OVERDUE; n++) {
    const month = String(1 + (n % 9)).padStart(2, "0");
    rows.push([
      n,
      `H40-${n}`,
      "Cấp giấy phép",
      "Việc làm",
      "Văn phòng Sở",
      `02/${month}/2021`,
      `20/${month}/2021`,
    ]);
  }
  return new MemoryPort([{ name: SHEET, rows }]);
}

describe("a no-change sync receives little, whatever the number of warnings (issue 12)", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();

  it(`receives under 20 kB with ${OVERDUE} overdue dossiers, and the summary still counts them all`, async () => {
    const port = overdueRegister();
    const options = { asOf: "2021-12-31", now: new Date("2021-12-31T03:00:00Z") };
    const first = await new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), options).run();
    assert.equal(first.pushed, OVERDUE);
    const transport = new HttpTransport(suite.server.url, suite.token);
    const again = await new SyncEngine(port, transport, options).run();
    assert.equal(again.pushed, 0);
    assert.ok(again.bytesReceived < 20_000, `received ${again.bytesReceived} B`);
    const summary = port.writes.at(-1)!.summary!;
    const warnings = tableWithContinuations(summary.tables, "warnings");
    // Counts as a Vietnamese report writes them: 1.200.
    assert.match(warnings.title, new RegExp(`— ${countVi(OVERDUE)} quá hạn, 0 sắp đến hạn`));
    assert.equal(warnings.rows.length, 25);
    assert.match(warnings.note ?? "", new RegExp(`… và ${countVi(OVERDUE - 25)} mục khác`));
  });
});
