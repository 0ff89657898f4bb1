import { createHash } from "node:crypto";
import { readJson } from "../http/body";
import { oneAtATime } from "../http/one-at-a-time";
import { Problem, problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import { parseSyncRequest, type SyncRequest } from "../../../core/sync";
import { PartitionBusyError } from "../storage/records-repository";
import { memberInfo, sync } from "../sync/sync-service";

/** Seconds a client waits before retrying a push that met a partition too busy to take it. */
export const BUSY_RETRY_AFTER_S = 2;

/**
 * The key a push is applied once under: the client's operation id bound to what it pushes. The id
 * alone is the client's to choose and predictable (the engine derives it from the push): a colleague
 * who sent other records under it first made a member's push answer "applied" with nothing stored
 * (T9 finding S3). The same push retried keeps its key; other records under the same id get theirs.
 */
export function operationKey(req: SyncRequest): string {
  if (req.push.length === 0) return req.operationId;
  // The push as sent (a retry sends the same text): JSON.stringify is 3× faster than stableJson here.
  const digest = createHash("sha256").update(req.operationId).update("\n").update(JSON.stringify(req.push));
  return `p-${digest.digest("base64url").slice(0, 40)}`;
}

/**
 * The most partitions a cursor may name. A cursor names one partition per unit of the plan year (a
 * department has tens, a province a few hundred); 170,000 made names cost the host 2.1 s of its one
 * thread per request and a 1.6 MB answer (T9 finding S8).
 */
export const MAX_CURSOR_PARTITIONS = 5000;

function checkCursorSize(body: unknown): void {
  const cursor = (body as { cursor?: unknown } | null)?.cursor;
  if (cursor === null || typeof cursor !== "object") return;
  const count = Object.keys(cursor).length;
  if (count > MAX_CURSOR_PARTITIONS)
    throw problems.badRequest(
      {
        vi: `cursor nêu ${count} phân vùng, quá ${MAX_CURSOR_PARTITIONS}.`,
        en: `The cursor names ${count} partitions, more than ${MAX_CURSOR_PARTITIONS}.`,
      },
      { pointer: "/cursor" },
    );
}

/** POST /api/sync: push with base versions, per-record results, and the changes since the cursor. */
export const syncHandler: Handler = async (request, ctx) => {
  const body = await readJson(request);
  checkCursorSize(body);
  const parsed = parseSyncRequest(body);
  if (!parsed.ok) throw problems.badRequest(parsed.message, { pointer: parsed.pointer });
  const req = { ...parsed.value, operationId: operationKey(parsed.value) };
  try {
    // A member's pulls (no push) one after another: a page of 5,000 changes costs the host's one
    // thread, and 16 at once held a colleague's push up 4.8 s (T9 S9). Pushes stay concurrent.
    const run = () => sync(ctx.services.records, ctx.caller!, req);
    const answer = await (req.push.length === 0 ? oneAtATime(`pull:${ctx.caller!.tokenId}`, run) : run());
    return { status: 200, jsonBody: { ...answer, operationId: parsed.value.operationId } };
  } catch (e) {
    if (!(e instanceof PartitionBusyError)) throw e;
    // What was applied stays applied (operation ids): the same push, retried, completes the rest.
    const answer = new Problem(503, "Service Unavailable", {
      vi: `Phân vùng ${e.partition} đang bận; gửi lại sau ${BUSY_RETRY_AFTER_S} giây.`,
      en: `Partition ${e.partition} is busy; send again after ${BUSY_RETRY_AFTER_S} seconds.`,
    }).toResponse();
    return {
      ...answer,
      headers: { ...(answer.headers as object), "retry-after": String(BUSY_RETRY_AFTER_S) },
    };
  }
};

/** GET /api/me: who the token belongs to (the add-in shows it; a refusal names it). */
export const meHandler: Handler = async (_request, ctx) => ({
  status: 200,
  jsonBody: { ...memberInfo(ctx.caller!), name: ctx.caller!.name },
});
