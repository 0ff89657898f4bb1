import { problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import { yearParam } from "./stats";

/** GET /api/audit?year=&unit=&kind=&record=: a record's history, oldest first. */
export const auditHandler: Handler = async (request, ctx) => {
  const q = request.query;
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
  return { status: 200, jsonBody: await ctx.services.records.audit(year, unit, kind, record) };
};
