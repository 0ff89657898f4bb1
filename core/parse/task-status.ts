import { fold } from "../text/normalize";

export type TaskStatus = "done" | "in-progress" | "not-started";

/**
 * Status words of task workbooks, Vietnamese with or without diacritics, or English. Blank means
 * nothing was reported: our choice is to count it as not started (and say so in `mapping`).
 * Rules are tried in order; "chưa hoàn thành" must hit the "chưa" rule before "hoàn thành".
 */
const RULES: [RegExp, TaskStatus][] = [
  [/^(chua|khong) (thuc hien|trien khai|bat dau|lam)\b/, "not-started"],
  [/^(not started|not yet started|to do|todo|pending|planned)$/, "not-started"],
  [
    /^(chua hoan thanh|dang (thuc hien|trien khai|lam|xu ly|tien hanh|hoan thien)|chua xong|qua han|tre han|cham)\b/,
    "in-progress",
  ],
  [/^(in progress|ongoing|on going|started|overdue|doing|underway|under way)$/, "in-progress"],
  // Done only as a whole phrase: "Hoàn thành 80%" is not done, and is reported rather than guessed.
  [
    /^(da )?(hoan thanh|xong|thuc hien xong|hoan tat)( (dung han|qua han|tre han|cham|truoc han|som|dung tien do))?( ngay [0-9/ ]+)?$/,
    "done",
  ],
  [/^(done|completed?|finished|closed)( (on time|late|early))?$/, "done"],
];

export function parseTaskStatus(text: string): TaskStatus | "blank" | undefined {
  const folded = fold(text);
  if (text.trim() === "") return "blank";
  for (const [re, status] of RULES) if (re.test(folded)) return status;
  return undefined;
}
