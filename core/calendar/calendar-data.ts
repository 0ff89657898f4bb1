/**
 * Days off and Saturdays worked for public administration, per year, 2020–2027.
 *
 * The statutory holidays (Labour Code 2019, Art. 112; 2012 code for 2020) are the same every
 * year, but Tết's exact days, compensatory days off (nghỉ bù) and swapped working days (hoán đổi:
 * a weekday off in exchange for a Saturday worked) are fixed each year by a government notice.
 * So each year is data, with the notice behind it. `daysOff` lists weekdays only (weekends are off
 * anyway); `saturdaysWorked` lists Saturdays that are working days. Edit a year here, or pass a
 * replacement table to `Calendar` (the server keeps an editable copy per plan year).
 *
 * Where a year's notice was not yet published or could not be confirmed, `provisional` says so and
 * the rows are the statutory rule alone. Each day cites its own notice (`source`): a later notice
 * changes the days it names, so a year's rows may come from several notices.
 */
export interface DayOff {
  date: string; // YYYY-MM-DD, a weekday (a Saturday in saturdaysWorked)
  name: string;
  /** The notice or law that makes this day off (or worked), so each day can be checked on its own. */
  source?: string | undefined;
}
export interface CalendarYear {
  year: number;
  source: string;
  provisional?: string | undefined;
  daysOff: DayOff[];
  saturdaysWorked: DayOff[];
}

const range = (dates: string[], name: string, source: string): DayOff[] =>
  dates.map((date) => ({ date, name, source }));

/** Statutory holidays (Bộ luật Lao động 2019, Điều 112; compensatory days: Điều 111). */
const BLLD = "Bộ luật Lao động 2019, Điều 112";
const TB_9441 = "Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ: nghỉ Quốc khánh 2026 từ 29/8 đến 2/9)";
const BLLD_BU = "Bộ luật Lao động 2019, Điều 111 (nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần)";

/**
 * 24/11, Ngày Văn hóa Việt Nam: a paid day off in principle (Nghị quyết 80-NQ/TW, 01/2026), to be
 * added to Art. 112 of the Labour Code (Nghị quyết 30/NQ-CP, 02/2026). No act in force making
 * 24/11/2026 a day off was found, so it is a working day here (our choice, said in each year).
 */
export const CULTURE_DAY =
  "24/11 (Ngày Văn hóa Việt Nam, Nghị quyết 80-NQ/TW) is a working day here: no amendment of " +
  "Bộ luật Lao động Điều 112 in force was found (Nghị quyết 30/NQ-CP asks for one). A department " +
  "that had the day off stores it with PUT /api/reference/calendar?year=.";

export const CALENDAR_YEARS: CalendarYear[] = [
  {
    year: 2020,
    source:
      "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh năm 2020 (Thủ tướng đồng ý): Tết 23/1–29/1/2020; " +
      "Bộ luật Lao động 2012, Điều 115 (Quốc khánh 1 ngày). Reported e.g. socongthuong.daklak.gov.vn, 07/01/2020.",
    daysOff: [
      ...range(["2020-01-01"], "Tết Dương lịch", BLLD),
      ...range(
        ["2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"],
        "Tết Nguyên đán Canh Tý",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh năm 2020 (Thủ tướng đồng ý)",
      ),
      ...range(["2020-04-02"], "Giỗ Tổ Hùng Vương (10/3 âm lịch)", BLLD),
      ...range(["2020-04-30"], "Ngày Giải phóng miền Nam", BLLD),
      ...range(["2020-05-01"], "Quốc tế Lao động", BLLD),
      ...range(["2020-09-02"], "Quốc khánh", "Bộ luật Lao động 2012, Điều 115"),
    ],
    saturdaysWorked: [],
  },
  {
    year: 2021,
    source:
      "Thông báo 4875/TB-LĐTBXH (nghỉ Tết Âm lịch và Quốc khánh 2021): Tết 10/2–16/2/2021, Quốc khánh 2/9–3/9/2021; " +
      "Bộ luật Lao động 2019, Điều 111–112 (1/5 thứ Bảy → nghỉ bù thứ Hai 3/5).",
    daysOff: [
      ...range(["2021-01-01"], "Tết Dương lịch", BLLD),
      ...range(
        ["2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16"],
        "Tết Nguyên đán Tân Sửu",
        "Thông báo 4875/TB-LĐTBXH",
      ),
      ...range(["2021-04-21"], "Giỗ Tổ Hùng Vương (10/3 âm lịch)", BLLD),
      ...range(["2021-04-30"], "Ngày Giải phóng miền Nam", BLLD),
      ...range(["2021-05-03"], "Nghỉ bù Quốc tế Lao động (1/5 thứ Bảy)", BLLD_BU),
      ...range(["2021-09-02", "2021-09-03"], "Quốc khánh", "Thông báo 4875/TB-LĐTBXH"),
    ],
    saturdaysWorked: [],
  },
  {
    year: 2022,
    source:
      "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2022 (Thủ tướng đồng ý): Tết 29/1–6/2/2022, Quốc khánh 1/9–4/9/2022; " +
      "Bộ luật Lao động 2019, Điều 111 (nghỉ bù 3/1, 11/4, 2/5, 3/5).",
    daysOff: [
      ...range(["2022-01-03"], "Nghỉ bù Tết Dương lịch (1/1 thứ Bảy)", BLLD_BU),
      ...range(
        ["2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"],
        "Tết Nguyên đán Nhâm Dần",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2022 (Thủ tướng đồng ý)",
      ),
      ...range(["2022-04-11"], "Nghỉ bù Giỗ Tổ Hùng Vương (10/4 Chủ nhật)", BLLD_BU),
      ...range(["2022-05-02", "2022-05-03"], "Nghỉ bù 30/4 và 1/5 (thứ Bảy, Chủ nhật)", BLLD_BU),
      ...range(
        ["2022-09-01", "2022-09-02"],
        "Quốc khánh",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2022 (Thủ tướng đồng ý)",
      ),
    ],
    saturdaysWorked: [],
  },
  {
    year: 2023,
    source:
      "Công văn 8056/VPCP-KGVX ngày 01/12/2022 (Tết 20/1–26/1/2023; Quốc khánh 1/9–4/9/2023); " +
      "Bộ luật Lao động 2019, Điều 111 (nghỉ bù 2/1; 29/4 thứ Bảy và 30/4 Chủ nhật → 2/5, 3/5; 2/9 thứ Bảy → 4/9).",
    daysOff: [
      ...range(["2023-01-02"], "Nghỉ bù Tết Dương lịch (1/1 Chủ nhật)", BLLD_BU),
      ...range(
        ["2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"],
        "Tết Nguyên đán Quý Mão",
        "Công văn 8056/VPCP-KGVX ngày 01/12/2022",
      ),
      ...range(["2023-05-01"], "Quốc tế Lao động", BLLD),
      ...range(["2023-05-02", "2023-05-03"], "Nghỉ bù Giỗ Tổ (29/4 thứ Bảy) và 30/4 (Chủ nhật)", BLLD_BU),
      ...range(["2023-09-01"], "Quốc khánh (ngày liền kề)", "Công văn 8056/VPCP-KGVX ngày 01/12/2022"),
      ...range(["2023-09-04"], "Nghỉ bù Quốc khánh (2/9 thứ Bảy)", BLLD_BU),
    ],
    saturdaysWorked: [],
  },
  {
    year: 2024,
    source:
      "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2024 (Tết 8/2–14/2/2024; Quốc khánh 31/8–3/9/2024); " +
      "Công văn 2450/VPCP-KGVX ngày 12/4/2024 (nghỉ 27/4–1/5, hoán đổi thứ Hai 29/4 sang thứ Bảy 4/5/2024).",
    daysOff: [
      ...range(["2024-01-01"], "Tết Dương lịch", BLLD),
      ...range(
        ["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"],
        "Tết Nguyên đán Giáp Thìn",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2024",
      ),
      ...range(["2024-04-18"], "Giỗ Tổ Hùng Vương (10/3 âm lịch)", BLLD),
      ...range(
        ["2024-04-29"],
        "Hoán đổi ngày làm việc (làm bù thứ Bảy 4/5)",
        "Công văn 2450/VPCP-KGVX ngày 12/4/2024",
      ),
      ...range(["2024-04-30"], "Ngày Giải phóng miền Nam", BLLD),
      ...range(["2024-05-01"], "Quốc tế Lao động", BLLD),
      ...range(
        ["2024-09-02", "2024-09-03"],
        "Quốc khánh",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2024",
      ),
    ],
    saturdaysWorked: range(
      ["2024-05-04"],
      "Làm bù cho thứ Hai 29/4",
      "Công văn 2450/VPCP-KGVX ngày 12/4/2024",
    ),
  },
  {
    year: 2025,
    source:
      "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2025 (Tết 25/1–2/2/2025; Quốc khánh 30/8–2/9/2025); " +
      "Thủ tướng đồng ý hoán đổi thứ Sáu 2/5 sang thứ Bảy 26/4/2025 (nghỉ 30/4–4/5).",
    daysOff: [
      ...range(["2025-01-01"], "Tết Dương lịch", BLLD),
      ...range(
        ["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"],
        "Tết Nguyên đán Ất Tỵ",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2025",
      ),
      ...range(["2025-04-07"], "Giỗ Tổ Hùng Vương (10/3 âm lịch)", BLLD),
      ...range(["2025-04-30"], "Ngày Giải phóng miền Nam", BLLD),
      ...range(["2025-05-01"], "Quốc tế Lao động", BLLD),
      ...range(
        ["2025-05-02"],
        "Hoán đổi ngày làm việc (làm bù thứ Bảy 26/4)",
        "Thủ tướng đồng ý hoán đổi 2/5 ↔ 26/4/2025",
      ),
      ...range(
        ["2025-09-01", "2025-09-02"],
        "Quốc khánh",
        "Bộ LĐ-TB&XH, thông báo nghỉ Tết Âm lịch và Quốc khánh 2025",
      ),
    ],
    saturdaysWorked: range(
      ["2025-04-26"],
      "Làm bù cho thứ Sáu 2/5",
      "Thủ tướng đồng ý hoán đổi 2/5 ↔ 26/4/2025",
    ),
  },
  {
    year: 2026,
    source:
      "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 1/1–4/1/2026, hoán đổi thứ Sáu 2/1 sang thứ Bảy 10/1/2026); " +
      "phương án Tết Bính Ngọ được Thủ tướng chốt: 14/2–22/2/2026; Bộ luật Lao động 2019, Điều 111 (Giỗ Tổ 26/4 Chủ nhật → nghỉ bù 27/4); " +
      "Thông báo 9441/TB-BNV ngày 16/10/2025 (Quốc khánh 29/8–2/9/2026: nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8). " +
      CULTURE_DAY,
    daysOff: [
      ...range(["2026-01-01"], "Tết Dương lịch", BLLD),
      ...range(
        ["2026-01-02"],
        "Hoán đổi ngày làm việc (làm bù thứ Bảy 10/1)",
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
      ),
      ...range(
        ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"],
        "Tết Nguyên đán Bính Ngọ",
        "phương án Tết Bính Ngọ được Thủ tướng chốt (14/2–22/2/2026)",
      ),
      ...range(["2026-04-27"], "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 Chủ nhật)", BLLD_BU),
      ...range(["2026-04-30"], "Ngày Giải phóng miền Nam", BLLD),
      ...range(["2026-05-01"], "Quốc tế Lao động", BLLD),
      ...range(["2026-08-31"], "Hoán đổi ngày làm việc (làm bù thứ Bảy 22/8)", TB_9441),
      ...range(["2026-09-01", "2026-09-02"], "Quốc khánh", `${BLLD}; ${TB_9441}`),
    ],
    saturdaysWorked: [
      ...range(["2026-01-10"], "Làm bù cho thứ Sáu 2/1", "Công văn 12729/VPCP-KGVX ngày 25/12/2025"),
      ...range(["2026-08-22"], "Làm bù cho thứ Hai 31/8", TB_9441),
    ],
  },
  {
    year: 2027,
    source: "Bộ luật Lao động 2019, Điều 111–112 (statutory rule only).",
    provisional:
      "The 2027 notice (Tết Đinh Mùi, mùng 1 = 6/2/2027) is not in this table yet: Tết is taken as 29 Tết to mùng 4 " +
      "(5/2–9/2) with compensatory days for the weekend; replace these rows when the notice is published. " +
      CULTURE_DAY,
    daysOff: [
      ...range(["2027-01-01"], "Tết Dương lịch", BLLD),
      ...range(
        ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"],
        "Tết Nguyên đán Đinh Mùi (dự kiến)",
        "dự kiến theo Bộ luật Lao động 2019 (chưa có thông báo)",
      ),
      ...range(["2027-04-16"], "Giỗ Tổ Hùng Vương (10/3 âm lịch)", BLLD),
      ...range(["2027-04-30"], "Ngày Giải phóng miền Nam", BLLD),
      ...range(["2027-05-03"], "Nghỉ bù Quốc tế Lao động (1/5 thứ Bảy)", BLLD_BU),
      ...range(["2027-09-02", "2027-09-03"], "Quốc khánh", BLLD),
    ],
    saturdaysWorked: [],
  },
];
