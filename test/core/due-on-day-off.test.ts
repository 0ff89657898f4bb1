import { strict as assert } from "node:assert";
import type { DossierRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { d, xlsxBuffer } from "../helpers/workbooks";
import { writeFileSync } from "node:fs";
import type { StatsReport } from "../../core/stats/report";

/**
 * Civil Code 2015, Art. 148 (DOMAIN.md "Working days"): a deadline that lands on a day off moves to
 * the next working day. A register's appointment date written on a holiday (30/4/2021) or a
 * weekend is met by returning the result on the next working day (Tue 4/5/2021: 1/5 Saturday,
 * 2/5 Sunday, 3/5 the day off in lieu of 1/5).
 */
describe("a dossier due on a day off is due on the next working day (Civil Code Art. 148)", () => {
  const dossier = (over: Partial<DossierRecord>): DossierRecord => ({
    receivedOn: "2021-04-26",
    dueOn: "2021-04-30",
    dueFrom: "appointment",
    status: "resolved",
    resultOn: "2021-05-04",
    ...over,
  });
  const report = (dossiers: DossierRecord[], asOf: string) =>
    buildStatsReport({
      year: 2021,
      asOf,
      from: "2021-01-01",
      to: asOf,
      tasks: [],
      dossiers,
      fields: DEFAULT_FIELDS,
    });

  it("the leader sees 'none overdue' for a result returned on the first working day after a holiday due date", () => {
    const r = report(
      [
        dossier({ code: "on-time" }),
        dossier({ code: "ahead", resultOn: "2021-04-29" }),
        dossier({ code: "late", resultOn: "2021-05-05" }),
        // Due Saturday 8/5/2021 (no Saturday of 2021 was worked), returned Monday 10/5: on time.
        dossier({ code: "saturday", receivedOn: "2021-05-05", dueOn: "2021-05-08", resultOn: "2021-05-10" }),
      ],
      "2021-05-31",
    );
    assert.deepEqual(r.dossiers.resolved, { total: 4, ahead: 1, onTime: 2, overdue: 1 });
  });

  it("a dossier still processing on the day off in lieu is within deadline, not 'late by 1 working day'", () => {
    const { resultOn: _, ...processing } = dossier({ code: "H3", status: "processing" });
    const r = report([processing], "2021-05-03");
    assert.deepEqual(r.dossiers.processing, { total: 1, withinDeadline: 1, overdue: 0 });
    const [w] = r.warnings.dossiers;
    assert.ok(w, "still warned: due soon");
    assert.equal(w.state, "dueSoon");
    assert.equal(w.due, "2021-05-04");
    assert.equal(w.days, 1);
  });

  it("cchc stats on a register whose appointment date is 30/4/2021 counts the result of 4/5/2021 on time", async () => {
    const tmp = tempDir("due-day-off");
    try {
      const file = tmp.file("register.xlsx");
      writeFileSync(
        file,
        await xlsxBuffer([
          {
            name: "Sổ hồ sơ",
            rows: [
              ["SỔ THEO DÕI HỒ SƠ NĂM 2021"],
              ["Mã hồ sơ", "Lĩnh vực", "Ngày nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Trạng thái"],
              ["H1", "Việc làm", d(2021, 4, 26), d(2021, 4, 30), d(2021, 5, 4), "Đã giải quyết"],
              ["H2", "Việc làm", d(2021, 4, 26), d(2021, 4, 29), d(2021, 4, 29), "Đã giải quyết"],
            ],
          },
        ]),
      );
      const r = JSON.parse(
        (await cli(["stats", file, "--as-of", "2021-05-31", "--json"])).out,
      ) as StatsReport;
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.dossiers.resolved, { total: 2, ahead: 0, onTime: 2, overdue: 0 });
      assert.equal(r.dossiers.onTimeRate, 1);
    } finally {
      tmp.remove();
    }
  });
});
