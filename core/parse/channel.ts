import { fold } from "../text/normalize";

export type Channel = "online" | "in-person" | "post";

/** trực tuyến / online / dịch vụ công trực tuyến; trực tiếp / in person; bưu chính / by post. */
export function parseChannel(text: string): Channel | "blank" | undefined {
  const f = fold(text);
  if (text.trim() === "") return "blank";
  if (/\b(truc tuyen|online|dvc( truc tuyen)?|dich vu cong|qua mang|internet|e ?service)\b/.test(f))
    return "online";
  if (/\b(buu chinh|buu dien|by post|post|mail|vnpost)\b/.test(f)) return "post";
  if (/\b(truc tiep|tai (quay|bo phan)|mot cua|in person|in-person|counter|walk ?in)\b/.test(f))
    return "in-person";
  return undefined;
}
