import type { HttpRequest } from "@azure/functions";
import { LIMITS } from "../../../core/sync";
import { checkJsonLimits, JSON_LIMITS } from "./json-limits";
import { problems } from "./problem";
import { FAULT_MESSAGES, findBadText } from "../../../core/text";

/**
 * Reads a JSON body within the size limit: nesting depth and value count are checked on the text
 * before parsing, malformed JSON is a 400 naming the problem, and text that is not well-formed
 * Unicode or holds control characters is a 400 with its JSON pointer (before any handler sees it).
 */
export async function readJson(request: HttpRequest): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.maxBodyBytes) throw problems.tooLarge(LIMITS.maxBodyBytes);
  const text = await request.text();
  if (Buffer.byteLength(text) > LIMITS.maxBodyBytes) throw problems.tooLarge(LIMITS.maxBodyBytes);
  const limit = checkJsonLimits(text);
  if (limit?.problem === "depth")
    throw problems.badRequest(
      {
        vi: `JSON lồng quá ${JSON_LIMITS.maxDepth} cấp.`,
        en: `JSON nested deeper than ${JSON_LIMITS.maxDepth} levels.`,
      },
      { pointer: limit.pointer },
    );
  if (limit)
    throw problems.badRequest(
      {
        vi: `JSON có quá ${JSON_LIMITS.maxValues} giá trị.`,
        en: `JSON holds more than ${JSON_LIMITS.maxValues} values.`,
      },
      { pointer: limit.pointer },
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw problems.badRequest({
      vi: `JSON không hợp lệ: ${(e as Error).message}`,
      en: `Malformed JSON: ${(e as Error).message}`,
    });
  }
  const bad = findBadText(body);
  if (bad) throw problems.badRequest(FAULT_MESSAGES[bad.fault], { pointer: bad.pointer });
  return body;
}
