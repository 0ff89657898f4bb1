/**
 * Units (đơn vị) are dated reference data: organisations change (in 2025 ministries merged and
 * the district level was abolished), so each unit lists the plan years it exists in. This default
 * list is the seed department's shape: 4 divisions, 3 affiliated units, 4 district offices.
 * A workbook may name units not listed here: they are kept as written and reported in `mapping`.
 */
export type UnitKind = "division" | "affiliated" | "district";

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  aliases: string[];
  fromYear: number;
  toYear?: number | undefined; // last plan year the unit exists in
}

export const DEFAULT_UNITS: Unit[] = [
  { code: "VP", name: "Văn phòng Sở", kind: "division", aliases: ["Văn phòng"], fromYear: 2020 },
  {
    code: "KHTC",
    name: "Phòng Kế hoạch - Tài chính",
    kind: "division",
    aliases: ["Phòng KH-TC", "Kế hoạch - Tài chính"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "LDVL",
    name: "Phòng Lao động - Việc làm",
    kind: "division",
    aliases: ["Phòng LĐ-VL", "Lao động - Việc làm", "Phòng Lao động, Việc làm và Giáo dục nghề nghiệp"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "NCC",
    name: "Phòng Người có công",
    kind: "division",
    aliases: ["Người có công", "Phòng NCC"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "TTDVVL",
    name: "Trung tâm Dịch vụ việc làm",
    kind: "affiliated",
    aliases: ["TT DVVL", "TTDVVL", "Trung tâm DVVL"],
    fromYear: 2020,
  },
  {
    code: "BTXH",
    name: "Cơ sở Bảo trợ xã hội tổng hợp",
    kind: "affiliated",
    aliases: ["Trung tâm Bảo trợ xã hội", "Cơ sở BTXH"],
    fromYear: 2020,
  },
  {
    code: "DDNCC",
    name: "Trung tâm Điều dưỡng người có công",
    kind: "affiliated",
    aliases: ["TT Điều dưỡng NCC", "Trung tâm Điều dưỡng"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "HTP",
    name: "Phòng LĐ-TB&XH thành phố",
    kind: "district",
    aliases: ["Phòng Lao động - Thương binh và Xã hội thành phố", "Phòng LĐTBXH thành phố"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "HA",
    name: "Phòng LĐ-TB&XH huyện A",
    kind: "district",
    aliases: ["Phòng Lao động - Thương binh và Xã hội huyện A", "Phòng LĐTBXH huyện A"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "HB",
    name: "Phòng LĐ-TB&XH huyện B",
    kind: "district",
    aliases: ["Phòng Lao động - Thương binh và Xã hội huyện B", "Phòng LĐTBXH huyện B"],
    fromYear: 2020,
    toYear: 2025,
  },
  {
    code: "HC",
    name: "Phòng LĐ-TB&XH huyện C",
    kind: "district",
    aliases: ["Phòng Lao động - Thương binh và Xã hội huyện C", "Phòng LĐTBXH huyện C"],
    fromYear: 2020,
    toYear: 2025,
  },
];

export function unitsForYear(year: number, units: readonly Unit[] = DEFAULT_UNITS): Unit[] {
  return units.filter((u) => u.fromYear <= year && (u.toYear === undefined || year <= u.toYear));
}
