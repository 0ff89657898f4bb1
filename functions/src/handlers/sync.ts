import { readJson } from "../http/body";
import { problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import { parseSyncRequest } from "../../../core/sync/protocol";
import { sync } from "../sync/sync-service";

/** POST /api/sync: push with base versions, per-record results, and the changes since the cursor. */
export const syncHandler: Handler = async (request, ctx) => {
  const parsed = parseSyncRequest(await readJson(request));
  if (!parsed.ok) throw problems.badRequest(parsed.message, { pointer: parsed.pointer });
  return { status: 200, jsonBody: await sync(ctx.services.records, ctx.caller!, parsed.value) };
};
