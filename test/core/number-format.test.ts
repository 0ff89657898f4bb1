/**
 * What an Excel number format shows of a date (core/parse/number-format.ts, T17): a deadline typed
 * "6/2026" is stored as 1/6/2026 with a format that shows no day, and core reads it as the month's
 * last day. A format with a day is a day, whatever else it holds; quoted literals ("Tháng "), escapes,
 * colours and locale prefixes ([$-42A]) name no part of a date.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { dateShownBy, periodShownBy } from "../../core/parse/number-format";
import { parseDeadline, shownPeriodEnd } from "../../core/parse/deadline";

const anyCase = (token: string) =>
  fc
    .array(fc.boolean(), { minLength: token.length, maxLength: token.length })
    .map((upper) => [...token].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(""));
const oneOf = (...tokens: string[]) => fc.constantFrom(...tokens).chain(anyCase);

const day = oneOf("d", "dd", "ddd", "dddd");
const month = oneOf("m", "mm", "mmm", "mmmm", "mmmmm");
const year = oneOf("yy", "yyyy");
const time = fc.constantFrom("", " h:mm", " hh:mm:ss", " h:mm AM/PM", " [h]:mm", " H:MM:SS");
/** Text letters a format may quote or escape: among them every date code's letter. */
const literalText = fc.string({
  unit: fc.constantFrom(..."dmyhsDMYHSeE Tháng năm ngày:/.-,0#?".split("")),
  maxLength: 8,
});
const literal = fc.oneof(
  literalText.map((t) => `"${t.replace(/"/g, "")}"`),
  fc.constantFrom(..."dmyhsDMYe ".split("")).map((ch) => `\\${ch}`),
);
const separator = fc.oneof(fc.constantFrom("/", "-", " ", ".", ", ", "\\-", "\\ "), literal);
const prefix = fc.constantFrom(
  "",
  "[$-42A]",
  "[$-409]",
  "[$-F800]",
  "[$-1010000]",
  "[Red]",
  "[Color10]",
  "[$-42A][Blue]",
  "[>=0]",
);

/** Date codes joined by separators (and literals), in the order given. */
function joined(parts: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return parts.chain((ps) =>
    fc
      .tuple(fc.array(separator, { minLength: ps.length, maxLength: ps.length }), fc.option(literal))
      .map(([seps, lead]) => (lead ?? "") + ps.map((p, i) => (i === 0 ? p : seps[i]! + p)).join("")),
  );
}

describe("number formats: what a date cell shows (T17)", () => {
  it("every format with a day code is a day, whatever its order, literals, prefixes and time", () => {
    fc.assert(
      fc.property(
        prefix,
        joined(
          fc
            .tuple(day, month, year)
            .chain(([d, m, y]) =>
              fc
                .subarray([m, y])
                .chain((rest) => fc.shuffledSubarray([d, ...rest], { minLength: rest.length + 1 })),
            ),
        ),
        time,
        (pre, body, t) => assert.equal(dateShownBy(pre + body + t), "day", pre + body + t),
      ),
    );
  });

  it("a month with or without a year, and no day, is month-only; a year alone is year-only", () => {
    fc.assert(
      fc.property(
        prefix,
        joined(
          fc
            .tuple(month, fc.option(year))
            .chain(([m, y]) => fc.shuffledSubarray(y ? [m, y] : [m], { minLength: y ? 2 : 1 })),
        ),
        (pre, body) => {
          assert.equal(dateShownBy(pre + body), "month", pre + body);
          assert.equal(periodShownBy(pre + body), "month");
        },
      ),
    );
    fc.assert(
      fc.property(prefix, year, fc.option(literal), (pre, y, lit) => {
        const format = pre + (lit ?? "") + y + (lit ?? "");
        assert.equal(dateShownBy(format), "year", format);
      }),
    );
  });

  it("formats of numbers, text and times show no date; their letters in literals never make one", () => {
    fc.assert(
      fc.property(
        prefix,
        fc.constantFrom("0", "#,##0", "#,##0.00", "0.00E+00", "0%", "General", "@", "# ?/?", "#,##0 ₫"),
        fc.option(literal),
        (pre, body, lit) => {
          const format = pre + body + (lit ?? "");
          assert.equal(dateShownBy(format), undefined, format);
          assert.equal(periodShownBy(format), undefined);
        },
      ),
    );
    for (const f of ["h:mm", "hh:mm:ss", "[h]:mm:ss", "mm:ss", "[mm]:ss", "h:mm AM/PM", "mm:ss.0"])
      assert.equal(dateShownBy(f), "time", f);
  });

  it("reads the formats Excel, LibreOffice and openpyxl write", () => {
    const cases: [string, string | undefined][] = [
      ["mm/yyyy", "month"],
      ["m/yyyy", "month"],
      ["mmm-yy", "month"], // built-in 17, what an en-US Excel gives "6/2026"
      ["mmmm yyyy", "month"],
      ["[$-42A]mmmm yyyy", "month"],
      ['"Tháng "m/yyyy', "month"],
      ['"Tháng "mm" năm "yyyy', "month"],
      ["mmm\\-yy", "month"], // LibreOffice
      ["[$-42A]mmmm\\ yyyy", "month"],
      ["MM/YYYY", "month"],
      ["yyyy", "year"],
      ["dd/mm/yyyy", "day"],
      ["d-mmm-yy", "day"], // built-in 15
      ["mm-dd-yy", "day"], // built-in 14 as exceljs names it
      ["m/d/yy h:mm", "day"], // built-in 22
      ['m/d/yy "h":mm', "day"],
      ["[$-42A]dd/mm/yyyy", "day"],
      ["[$-F800]dddd, mmmm dd, yyyy", "day"],
      ['"Ngày "dd" tháng "mm" năm "yyyy', "day"],
      ["General", undefined],
      ["", undefined],
    ];
    for (const [format, shown] of cases) assert.equal(dateShownBy(format), shown, format);
  });

  it("a date cell shown as a month is the month's last day when it holds the 1st; any other day is kept", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          const cell = new Date(Date.UTC(y, m - 1, d));
          const reading = parseDeadline(cell, undefined, "month");
          assert.ok(reading?.ok);
          const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
          const iso = cell.toISOString().slice(0, 10);
          assert.equal(reading.deadline.due, d === 1 ? last : iso);
          // Its text is its date: written back as a date, it reads the same in a cell of either format.
          assert.equal(reading.deadline.text, reading.deadline.due);
          const again = parseDeadline(new Date(`${reading.deadline.due}T00:00:00Z`), undefined, "month");
          assert.deepEqual(again, { ok: true, deadline: reading.deadline });
          const asDay = parseDeadline(new Date(`${reading.deadline.due}T00:00:00Z`));
          assert.deepEqual(asDay, { ok: true, deadline: reading.deadline });
        },
      ),
    );
    assert.equal(shownPeriodEnd("2026-01-01", "year"), "2026-12-31");
    assert.equal(shownPeriodEnd("2026-06-01", "year"), undefined, "a year cell on another day keeps it");
    assert.equal(shownPeriodEnd("2026-06-01", undefined), undefined);
  });
});
