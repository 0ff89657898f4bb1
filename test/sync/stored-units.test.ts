import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { call, serverWithCoordinator } from "../helpers/server";

const REGISTER: CellValue[][] = [
  ["SỔ THEO DÕI HỒ SƠ NĂM 2026"],
  ["Mã hồ sơ", "Lĩnh vực", "Cơ quan chủ trì giải quyết", "Ngày nhận", "Hẹn trả kết quả"],
  ["H1", "Người có công", "Phòng Người có công", "05/01/2026", "09/01/2026"],
];

/**
 * DOMAIN.md "Units": units are dated reference data kept per plan year; an admin stores the year's
 * list (PUT /api/reference/units?year=). A merger is said there: the old division's name among the
 * merged unit's aliases (t8-findings 8). `cchc sync` reads the workbook with the shipped default
 * list, never the stored one (it fetches only the calendar), so the record goes to the old name's
 * partition and the server's per-unit statistics show a unit the year's list does not have.
 */
describe("a year's stored unit list when a workbook is synced", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  let adminToken: string | undefined;
  const admin = async () =>
    (adminToken ??= (await suite.server.services.members.issue({ name: "Quản trị", role: "admin" })).token);

  // The engine asks the transport for the year's list (GET /api/reference/units?year=) and reads
  // the workbook again with it when it is not the shipped one (it read with the shipped list).
  it("counts a dossier naming the old division for the merged unit the list names", async () => {
    const put = await call(suite.server.url, "PUT", "/api/reference/units?year=2026", await admin(), [
      { code: "VP", name: "Văn phòng Sở", kind: "division", aliases: [], fromYear: 2020 },
      {
        code: "NCCBTXH",
        name: "Phòng Người có công và Bảo trợ xã hội",
        kind: "division",
        aliases: ["Phòng Người có công", "Phòng NCC"],
        fromYear: 2026,
      },
    ]);
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const port = new MemoryPort([{ name: "Sổ theo dõi hồ sơ", rows: REGISTER.map((r) => r.slice()) }]);
    const result = await new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2026-01-10",
    }).run();
    assert.equal(result.pushed, 1);
    const stats = await call(suite.server.url, "GET", "/api/stats?year=2026&asOf=2026-01-10", suite.token);
    const units = (stats.json.dossiers as { byUnit: { unit: string; name: string }[] }).byUnit;
    assert.deepEqual(
      units.map((u) => `${u.unit}: ${u.name}`),
      ["NCCBTXH: Phòng Người có công và Bảo trợ xã hội"],
    );
  });

  // functions/src/handlers/stats.ts named a unit by the year's current list only: a unit dropped
  // from it mid-year was shown by its bare code. It now falls back to core's DEFAULT_UNITS.
  it("keeps the old unit's name in the statistics after the year's list drops it mid-year", async () => {
    const port = new MemoryPort([
      {
        name: "Sổ theo dõi hồ sơ",
        rows: [
          ["SỔ THEO DÕI HỒ SƠ NĂM 2025"],
          ["Mã hồ sơ", "Lĩnh vực", "Cơ quan chủ trì giải quyết", "Ngày nhận", "Hẹn trả kết quả"],
          ["H25", "Người có công", "Phòng Người có công", "05/02/2025", "12/02/2025"],
        ],
      },
    ]);
    const sync = new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2025-03-01",
    });
    assert.equal((await sync.run()).pushed, 1);
    const put = await call(suite.server.url, "PUT", "/api/reference/units?year=2025", await admin(), [
      { code: "VP", name: "Văn phòng Sở", kind: "division", aliases: [], fromYear: 2020 },
    ]);
    assert.equal(put.status, 200, JSON.stringify(put.json));
    // Another as-of date than the sync's summary asked: no cached report (see the next test).
    const stats = await call(suite.server.url, "GET", "/api/stats?year=2025&asOf=2025-03-02", suite.token);
    const units = (stats.json.dossiers as { byUnit: { unit: string; name: string }[] }).byUnit;
    assert.deepEqual(
      units.map((u) => `${u.unit}: ${u.name}`),
      ["NCC: Phòng Người có công"],
    );
  });

  // The statistics cache key (functions/src/handlers/stats.ts statsReport) held the stored fields'
  // and settings' ETags but not the units': after an admin renamed a unit, every statistics query
  // already asked kept the old name until a record changed.
  it("names a unit as the year's list names it after an admin renames it", async () => {
    const port = new MemoryPort([
      {
        name: "Sổ theo dõi hồ sơ",
        rows: [
          ["SỔ THEO DÕI HỒ SƠ NĂM 2024"],
          ["Mã hồ sơ", "Lĩnh vực", "Cơ quan chủ trì giải quyết", "Ngày nhận", "Hẹn trả kết quả"],
          ["H24", "Việc làm", "Văn phòng Sở", "05/02/2024", "12/02/2024"],
        ],
      },
    ]);
    const sync = new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2024-03-01",
    });
    assert.equal((await sync.run()).pushed, 1); // its summary asked the statistics as of 01/03/2024
    const put = await call(suite.server.url, "PUT", "/api/reference/units?year=2024", await admin(), [
      { code: "VP", name: "Văn phòng Sở Nội vụ", kind: "division", aliases: [], fromYear: 2020 },
    ]);
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const stats = await call(suite.server.url, "GET", "/api/stats?year=2024&asOf=2024-03-01", suite.token);
    const units = (stats.json.dossiers as { byUnit: { unit: string; name: string }[] }).byUnit;
    assert.deepEqual(
      units.map((u) => `${u.unit}: ${u.name}`),
      ["VP: Văn phòng Sở Nội vụ"],
    );
  });
});
