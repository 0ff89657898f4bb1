/**
 * The one list of status and channel words: for each value, the word written into cells (the
 * template's drop-down lists and the row writer), its English label, and the variants the parsers
 * accept (folded text: no case, diacritics or punctuation, see text/normalize.ts). Variants are
 * tried in the order given here; the first that matches decides.
 */
/** The values themselves, in the order the template's lists offer them (schemas pick from these). */
export const TASK_STATUSES = ["done", "in-progress", "not-started"] as const;
export const DOSSIER_STATUSES = [
  "processing",
  "resolved",
  "returned",
  "withdrawn",
  "awaiting-supplement",
] as const;
export const CHANNELS = ["online", "in-person", "post"] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export type Channel = (typeof CHANNELS)[number];

export interface Word {
  /** Written into cells. */
  vi: string;
  en: string;
}

/** A parser's rule: a folded text that matches `re` means `value`. */
export type WordRule<T extends string> = readonly [re: RegExp, value: T];

export const TASK_STATUS_WORDS: Readonly<Record<TaskStatus, Word>> = {
  done: { vi: "Đã hoàn thành", en: "Done" },
  "in-progress": { vi: "Đang thực hiện", en: "In progress" },
  "not-started": { vi: "Chưa thực hiện", en: "Not started" },
};

export const DOSSIER_STATUS_WORDS: Readonly<Record<DossierStatus, Word>> = {
  processing: { vi: "Đang giải quyết", en: "Processing" },
  resolved: { vi: "Đã giải quyết", en: "Resolved" },
  returned: { vi: "Trả lại", en: "Returned" },
  withdrawn: { vi: "Rút hồ sơ", en: "Withdrawn" },
  "awaiting-supplement": { vi: "Chờ bổ sung", en: "Awaiting supplement" },
};

export const CHANNEL_WORDS: Readonly<Record<Channel, Word>> = {
  online: { vi: "Trực tuyến", en: "Online" },
  "in-person": { vi: "Trực tiếp", en: "In person" },
  post: { vi: "Bưu chính", en: "By post" },
};

/**
 * Task status variants, Vietnamese with or without diacritics, or English. "chưa hoàn thành" must
 * hit the "chưa" rule before "hoàn thành"; done only as a whole phrase ("Hoàn thành 80%" is not done,
 * and is reported rather than guessed).
 */
export const TASK_STATUS_RULES: readonly WordRule<TaskStatus>[] = [
  [/^(chua|khong) (thuc hien|trien khai|bat dau|lam)\b/, "not-started"],
  [/^(not started|not yet started|to do|todo|pending|planned)$/, "not-started"],
  [
    /^(chua hoan thanh|dang (thuc hien|trien khai|lam|xu ly|tien hanh|hoan thien)|chua xong|qua han|tre han|cham)\b/,
    "in-progress",
  ],
  [/^(in progress|ongoing|on going|started|overdue|doing|underway|under way)$/, "in-progress"],
  // A date after the word needs its year ("Đã hoàn thành 15/9/2026") or "ngày": a bare "1/2" or
  // "17/38" is the share of the work done ("đã hoàn thành 1/2 nội dung"), reported as before.
  [
    /^(da )?(hoan thanh|xong|thuc hien xong|hoan tat)( (dung han|qua han|tre han|cham|truoc han|som|dung tien do))?( ngay [0-9/ ]+| \d{1,2}\/\d{1,2}\/\d{2,4}| 100)?$/,
    "done",
  ],
  // "100%" in a progress column ("Hoàn thành 100%" above); any other percentage is reported.
  [/^100$/, "done"],
  [/^(done|completed?|finished|closed)( (on time|late|early))?$/, "done"],
];

/** "Chờ bổ sung" (waiting for the applicant to complete the file) is still being processed. */
export const DOSSIER_STATUS_RULES: readonly WordRule<DossierStatus>[] = [
  [/^(da )?rut( ho so)?\b|^(cong dan|nguoi nop|to chuc|ca nhan) (xin )?rut\b|^withdrawn?$/, "withdrawn"],
  // The one-stop portal's "Dừng xử lý" (stopped, the file handed back with a notice) and "Không giải quyết".
  [
    /^(da )?tra lai( ho so)?\b|^(ho so )?khong du dieu kien\b|^tu choi\b|^(da )?dung (xu ly|giai quyet)\b|^khong giai quyet\b|^returned?$|^rejected$/,
    "returned",
  ],
  [/^(cho|dang cho|yeu cau) bo sung\b|^awaiting supplement|^pending supplement/, "awaiting-supplement"],
  [
    /^(dang (giai quyet|xu ly|thu ly|tham dinh)|chua giai quyet|chua tra( ket qua)?|tiep nhan|da tiep nhan|moi tiep nhan)\b|^(processing|in progress|received|pending)$/,
    "processing",
  ],
  [
    /^((da )?(giai quyet|tra ket qua|hoan thanh|co ket qua|xong|xu ly xong))\b|^(dang )?cho tra ket qua\b|^(resolved|done|completed?|finished)$/,
    "resolved",
  ],
];

/** A note such as "Trả lại hồ sơ do thiếu giấy tờ" or "Công dân rút hồ sơ" marks the outcome. */
export const NOTE_OUTCOME_RULES: readonly WordRule<"returned" | "withdrawn">[] = [
  [/\brut ho so\b|\bxin rut\b|\bwithdrawn\b/, "withdrawn"],
  [/\btra lai ho so\b|^tra lai\b|\breturned\b/, "returned"],
];

/** trực tuyến / online / dịch vụ công trực tuyến; bưu chính / by post; trực tiếp / in person. */
export const CHANNEL_RULES: readonly WordRule<Channel>[] = [
  [/\b(truc tuyen|online|dvc( truc tuyen)?|dich vu cong|qua mang|internet|e ?service)\b/, "online"],
  [/\b(buu chinh|buu dien|by post|post|mail|vnpost|bcci)\b/, "post"],
  [/\b(truc tiep|tai (quay|bo phan)|mot cua|in person|in-person|counter|walk ?in)\b/, "in-person"],
];

/** The first rule that matches a folded text. */
export function matchWord<T extends string>(rules: readonly WordRule<T>[], folded: string): T | undefined {
  for (const [re, value] of rules) if (re.test(folded)) return value;
  return undefined;
}

/** The words written into cells, in list order (the template's drop-down lists). */
export function cellWords(words: Readonly<Record<string, Word>>): string[] {
  return Object.values(words).map((w) => w.vi);
}

/** value → the word written into cells (the row writer's lookup). */
export function viByValue(words: Readonly<Record<string, Word>>): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(words).map(([k, w]) => [k, w.vi]));
}
