import { strict as assert } from "node:assert";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import type { DossierRecord, TaskRecord } from "../../core/model/records";

/**
 * Units numbered in their names (T6: "Trung tâm … số 1 … số 11", "Phòng LĐ-TB&XH quận 2 … quận 10")
 * are listed in their numbers' order: a leader looking for unit 2 finds it after unit 1, not
 * after unit 11.
 */
describe("units and sectors numbered in their names are listed in number order", () => {
  const units = ["Quận 10", "Quận 2", "Quận 1", "Quận 11"];
  const r = buildStatsReport({
    year: 2024,
    asOf: "2024-03-31",
    from: "2024-01-01",
    to: "2024-03-31",
    tasks: units.map(
      (u, i) =>
        ({
          id: `t${i}`,
          year: 2024,
          field: 1,
          content: "x",
          leadUnit: u,
          coordinatingUnits: [],
          deadline: { text: "Năm 2024", due: "2024-12-31", recurring: false, readAs: "year-of-plan" },
          status: "not-started",
        }) as unknown as TaskRecord,
    ),
    dossiers: units.map(
      (u, i) =>
        ({
          id: `d${i}`,
          code: `c${i}`,
          sector: `Lĩnh vực ${units[i]!.slice(5)}`,
          unit: u,
          channel: "online",
          receivedOn: "2024-02-01",
          dueOn: "2024-02-10",
          status: "processing",
        }) as unknown as DossierRecord,
    ),
    fields: DEFAULT_FIELDS,
  });

  it("tasks and dossiers by unit, dossiers by sector", () => {
    assert.deepEqual(
      r.tasks.byUnit.map((u) => u.name),
      ["Quận 1", "Quận 2", "Quận 10", "Quận 11"],
    );
    assert.deepEqual(
      r.dossiers.byUnit.map((u) => u.name),
      ["Quận 1", "Quận 2", "Quận 10", "Quận 11"],
    );
    assert.deepEqual(
      r.dossiers.bySector.map((s) => s.sector),
      ["Lĩnh vực 1", "Lĩnh vực 2", "Lĩnh vực 10", "Lĩnh vực 11"],
    );
  });
});
