import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseDateCell, parseDateText } from "../../core/dates/parse-date";
import { formatVi, fromExcelSerial, isoDate, toExcelSerial } from "../../core/dates/local-date";

const anyDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe("dates", () => {
  it("reads day-first dates in every separator and padding", () => {
    for (const text of [
      "5/1/2021",
      "05/01/2021",
      "05-01-2021",
      "05.01.2021",
      " 5 / 1 / 2021 ",
      "ngày 5 tháng 1 năm 2021",
      "2021-01-05",
    ]) {
      assert.deepEqual(parseDateText(text), { ok: true, date: "2021-01-05" }, text);
    }
  });

  it("keeps the date part of date-times from the one-stop system", () => {
    assert.deepEqual(parseDateText("05/01/2021 08:30"), { ok: true, date: "2021-01-05" });
    assert.deepEqual(parseDateText("05/01/2021 16:45:10"), { ok: true, date: "2021-01-05" });
    assert.deepEqual(parseDateCell(new Date(Date.UTC(2021, 0, 5, 23, 59))), { ok: true, date: "2021-01-05" });
    assert.deepEqual(parseDateCell(44201.75), { ok: true, date: "2021-01-05" });
  });

  it("never reads month first, and rejects impossible dates", () => {
    assert.deepEqual(parseDateText("12/31/2021"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("31/02/2021"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("29/02/2021"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("29/02/2024"), { ok: true, date: "2024-02-29" });
    assert.deepEqual(parseDateText("05/01/2021 25:00"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("mùng 5 Tết"), { ok: false, reason: "unparseable" });
  });

  it("says when a two-digit year was read as 20yy", () => {
    assert.deepEqual(parseDateText("31/3/21"), { ok: true, date: "2021-03-31", note: "two-digit-year" });
  });

  it("reads Excel serials only in a plausible range, skipping the phantom 29/02/1900", () => {
    assert.equal(fromExcelSerial(44197), "2021-01-01");
    assert.equal(fromExcelSerial(1), "1900-01-01");
    assert.equal(fromExcelSerial(61), "1900-03-01");
    assert.equal(fromExcelSerial(60), undefined);
    assert.deepEqual(parseDateCell(12), { ok: false, reason: "unparseable" });
  });

  it("round-trips any date through every written form (property)", () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.constantFrom("/", "-", "."),
        fc.boolean(),
        fc.boolean(),
        (iso, sep, pad, withTime) => {
          const [y, m, dd] = iso.split("-");
          const day = pad ? dd! : String(Number(dd));
          const month = pad ? m! : String(Number(m));
          const text = `${day}${sep}${month}${sep}${y}${withTime ? " 08:30" : ""}`;
          assert.deepEqual(parseDateText(text), { ok: true, date: iso });
          assert.deepEqual(parseDateText(formatVi(iso)), { ok: true, date: iso });
          assert.equal(fromExcelSerial(toExcelSerial(iso)), iso);
        },
      ),
    );
  });

  it("rejects every day past the month's end (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        assert.equal(parseDateText(`${last + 1}/${m}/${y}`).ok, false);
        assert.equal(parseDateText(`${last}/${m}/${y}`).ok, true);
      }),
    );
  });
});
