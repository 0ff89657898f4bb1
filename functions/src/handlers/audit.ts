import type { RecordKind } from "../../../core/sync";
import { redactPersonalData } from "../audit/personal-data";
import { problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import { yearParam } from "./stats";

function recordParams(q: URLSearchParams): { year: number; unit: string; kind: RecordKind; record: string } {
  const year = yearParam(q.get("year"));
  const unit = q.get("unit");
  const kind = q.get("kind");
  const record = q.get("record");
  if (!unit)
    throw problems.badRequest(
      { vi: "Thiếu tham số unit.", en: "Missing parameter unit." },
      { parameter: "unit" },
    );
  if (kind !== "task" && kind !== "dossier")
    throw problems.badRequest(
      { vi: 'Tham số kind là "task" hoặc "dossier".', en: 'Parameter kind must be "task" or "dossier".' },
      { parameter: "kind" },
    );
  if (!record)
    throw problems.badRequest(
      { vi: "Thiếu tham số record (mã bản ghi).", en: "Missing parameter record (the record's id)." },
      { parameter: "record" },
    );
  return { year, unit, kind, record };
}

/**
 * GET /api/audit?year=&unit=&kind=&record=: a record's history, oldest first, then its purges.
 * Personal-data fields show only that they changed (entries written before that rule included).
 */
export const auditHandler: Handler = async (request, ctx) => {
  const { year, unit, kind, record } = recordParams(request.query);
  const entries = await ctx.services.records.audit(year, unit, kind, record);
  const purges = await ctx.services.history.purges(year, unit, kind, record);
  return {
    status: 200,
    jsonBody: [...entries.map((e) => ({ ...e, changes: redactPersonalData(e.changes) })), ...purges],
  };
};

/**
 * DELETE /api/audit?year=&unit=&kind=&record= (admins): removes the record's history. The purge is
 * itself recorded (who, when, how many entries), without any of the removed data.
 */
export const purgeAuditHandler: Handler = async (request, ctx) => {
  const { year, unit, kind, record } = recordParams(request.query);
  const removed = await ctx.services.history.purge(year, unit, kind, record, ctx.caller!.name);
  return { status: 200, jsonBody: { removed } };
};
