import * as v from "valibot";
import type { Message } from "../model/records";

/**
 * Schema messages carry both languages in one string (valibot messages are strings): Vietnamese,
 * the separator, then English. `firstProblem` splits them back into a `Message`.
 */
const SEPARATOR = "\u241e";

export const bilingual = (vi: string, en: string): string => `${vi}${SEPARATOR}${en}`;

export type Checked<T> = { ok: true; value: T } | { ok: false; pointer: string; message: Message };

/** A JSON pointer (RFC 6901) from a valibot issue path: `/push/0/id`; "" for the whole body. */
export function issuePointer(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((item) => "/" + String(item.key).replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("");
}

/** The first issue, as a pointer and a message in both languages. */
export function firstProblem(issues: readonly v.BaseIssue<unknown>[]): { pointer: string; message: Message } {
  const issue = issues[0]!;
  const pointer = issuePointer(issue);
  const [vi, en] = issue.message.split(SEPARATOR);
  if (en !== undefined) return { pointer, message: { vi: vi!, en } };
  // A check without its own message (valibot's English one): name where, in both languages.
  const where = pointer || "/";
  return {
    pointer,
    message: { vi: `Giá trị không hợp lệ tại ${where}.`, en: `Invalid value at ${where}: ${issue.message}` },
  };
}

/** Validates `input`: the typed value, or the first problem with its pointer. */
export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  return result.success ? { ok: true, value: result.output } : { ok: false, ...firstProblem(result.issues) };
}

/** A schema whose every issue says `vi`/`en` (the field's one message, whatever the check that failed). */
export const said = <S extends v.GenericSchema>(schema: S, vi: string, en: string): S =>
  v.message(schema, bilingual(vi, en));

/**
 * valibot's object schemas take an array for an object (with missing keys): this one says what it is
 * first, so that `[]` for a body is "must be an object" at its own pointer.
 */
export const plainObject = <S extends v.GenericSchema>(schema: S, vi: string, en: string) =>
  v.pipe(
    v.unknown(),
    v.check((x) => typeof x === "object" && x !== null && !Array.isArray(x), bilingual(vi, en)),
    schema,
  );

/** JSON text parsed; not JSON (an HTML error page, a cut answer) is `ok: false`, never a throw. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** An RFC 9457 problem answer as the server writes it (functions/src/http/problem.ts). */
export const ProblemDocumentSchema = v.looseObject({
  title: v.optional(v.string()),
  status: v.optional(v.number()),
  vi: v.optional(v.string()),
  en: v.optional(v.string()),
  pointer: v.optional(v.string()),
});

/** The messages of a problem answer's text; none when the text is not one (a proxy's page, `null`). */
export function problemMessages(text: string): { vi?: string; en?: string } {
  const json = parseJsonText(text);
  const doc = json.ok ? v.safeParse(ProblemDocumentSchema, json.value) : undefined;
  if (!doc?.success) return {};
  return {
    ...(doc.output.vi !== undefined && { vi: doc.output.vi }),
    ...(doc.output.en !== undefined && { en: doc.output.en }),
  };
}
