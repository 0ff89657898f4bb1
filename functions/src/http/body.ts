import type { HttpRequest } from "@azure/functions";
import { LIMITS } from "../../../core/sync/protocol";
import { problems } from "./problem";

/** Reads a JSON body within the size limit; malformed JSON is a 400 naming the problem. */
export async function readJson(request: HttpRequest): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.maxBodyBytes) throw problems.tooLarge(LIMITS.maxBodyBytes);
  const text = await request.text();
  if (Buffer.byteLength(text) > LIMITS.maxBodyBytes) throw problems.tooLarge(LIMITS.maxBodyBytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw problems.badRequest({
      vi: `JSON không hợp lệ: ${(e as Error).message}`,
      en: `Malformed JSON: ${(e as Error).message}`,
    });
  }
}
