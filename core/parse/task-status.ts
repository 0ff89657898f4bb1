import { fold } from "../text/normalize";
import { matchWord, TASK_STATUS_RULES, type TaskStatus } from "./words";

export type { TaskStatus } from "./words";

/**
 * A task status cell, by the words of words.ts. Blank means nothing was reported: our choice is to
 * count it as not started (and say so in `mapping`).
 */
export function parseTaskStatus(text: string): TaskStatus | "blank" | undefined {
  if (text.trim() === "") return "blank";
  return matchWord(TASK_STATUS_RULES, fold(text));
}

/** What a blank status cell says: a completion date means done, none means not started. */
export const taskStatusWhenBlank = (completedOn: unknown): TaskStatus =>
  completedOn ? "done" : "not-started";
