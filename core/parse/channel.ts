import { fold } from "../text/normalize";
import { CHANNEL_RULES, matchWord, type Channel } from "./words";

export type { Channel } from "./words";

/** A channel cell (trực tuyến / trực tiếp / bưu chính, or English), by words.ts. */
export function parseChannel(text: string): Channel | "blank" | undefined {
  if (text.trim() === "") return "blank";
  return matchWord(CHANNEL_RULES, fold(text));
}
