import { getDefaultCalendar, type Calendar } from "../calendar/working-days";
import { addDays, type IsoDate } from "../dates/local-date";
import type { Channel } from "../parse/channel";

/** A procedure of the department, with its sector and processing time in working days. */
export interface SampleProcedure {
  name: string;
  sector: string;
  days: number;
  unit: string;
}

export const SAMPLE_PROCEDURES: SampleProcedure[] = [
  { name: "Cấp giấy phép lao động cho người lao động nước ngoài", sector: "Việc làm", days: 5, unit: "LDVL" },
  {
    name: "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động",
    sector: "Việc làm",
    days: 3,
    unit: "LDVL",
  },
  { name: "Giải quyết hưởng trợ cấp thất nghiệp", sector: "Việc làm", days: 15, unit: "TTDVVL" },
  { name: "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", sector: "Người có công", days: 10, unit: "NCC" },
  { name: "Cấp lại Bằng Tổ quốc ghi công", sector: "Người có công", days: 12, unit: "NCC" },
  {
    name: "Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp",
    sector: "Giáo dục nghề nghiệp",
    days: 10,
    unit: "LDVL",
  },
  {
    name: "Đăng ký nội quy lao động của doanh nghiệp",
    sector: "Lao động - Tiền lương",
    days: 7,
    unit: "LDVL",
  },
  { name: "Cấp giấy phép thành lập cơ sở trợ giúp xã hội", sector: "Bảo trợ xã hội", days: 15, unit: "VP" },
];

export interface SampleDossier {
  code: string;
  procedure: SampleProcedure;
  applicant: string;
  address: string;
  channel: Channel;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  resultOn?: IsoDate;
}

/** A small deterministic generator (mulberry32), so the demo workbook is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
const GIVEN = [
  "Văn An",
  "Thị Bình",
  "Minh Châu",
  "Quốc Dũng",
  "Thị Hoa",
  "Văn Hùng",
  "Thu Lan",
  "Đức Minh",
  "Thị Nga",
  "Thanh Sơn",
  "Ngọc Trâm",
  "Văn Tú",
];
const COMPANIES = [
  "Công ty TNHH May Hòa Bình",
  "Công ty CP Xây dựng Nam Phát",
  "Công ty TNHH Điện tử Sao Việt",
  "Hợp tác xã Dịch vụ Tân Tiến",
];

/**
 * The seed's first quarter of 2021: 339 dossiers received from 04/01 to 31/03/2021, of which 330
 * were resolved ahead of their appointment date and 9 are still being processed, not yet due, on
 * 31/03/2021. Due dates follow each procedure's processing time in working days.
 */
export function seedDossiersQ1_2021(calendar: Calendar = getDefaultCalendar()): SampleDossier[] {
  const random = seededRandom(2021);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const out: SampleDossier[] = [];
  const cutOff = "2021-03-31";
  let day = "2021-01-04";
  const workingDays: IsoDate[] = [];
  while (day <= cutOff) {
    if (calendar.isWorkingDay(day)) workingDays.push(day);
    day = addDays(day, 1);
  }
  const person = () => (random() < 0.2 ? pick(COMPANIES) : `${pick(FAMILY)} ${pick(GIVEN)}`);
  const code = (received: IsoDate, n: number) =>
    `000.25.40.H40-${received.slice(2, 4)}${received.slice(5, 7)}${received.slice(8, 10)}-${String(n).padStart(4, "0")}`;

  for (let n = 1; out.length < 330; n++) {
    const procedure = pick(SAMPLE_PROCEDURES);
    const receivedOn = workingDays[Math.floor(random() * (workingDays.length - 8))]!;
    const dueOn = calendar.addWorkingDays(receivedOn, procedure.days);
    const early = 1 + Math.floor(random() * Math.max(1, procedure.days - 1));
    const resultOn = calendar.addWorkingDays(receivedOn, Math.max(0, procedure.days - early));
    if (resultOn >= dueOn || resultOn > cutOff) continue;
    out.push({
      code: code(receivedOn, n),
      procedure,
      applicant: person(),
      address: `Phường ${1 + Math.floor(random() * 9)}, TP. Tây Ninh; 09${Math.floor(10_000_000 + random() * 89_999_999)}`,
      channel: random() < 0.35 ? "online" : random() < 0.9 ? "in-person" : "post",
      receivedOn,
      dueOn,
      resultOn,
    });
  }
  const lateMarch = workingDays.filter((d) => d >= "2021-03-24");
  for (let i = 0; i < 9; i++) {
    const procedure = SAMPLE_PROCEDURES[i % SAMPLE_PROCEDURES.length]!;
    const receivedOn = lateMarch[i % lateMarch.length]!;
    out.push({
      code: code(receivedOn, 900 + i),
      procedure,
      applicant: person(),
      address: `Xã Tân Bình, huyện A; 09${12_345_670 + i}`,
      channel: i % 3 === 0 ? "online" : "in-person",
      receivedOn,
      dueOn: calendar.addWorkingDays(receivedOn, Math.max(procedure.days, 5)),
    });
  }
  return out.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
}
