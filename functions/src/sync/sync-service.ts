import type { Caller } from "../auth/tokens";
import { RECORDS_PER_TRANSACTION, type RecordsRepository } from "../storage/records-repository";
import type {
  PushResult,
  PushedRecord,
  StoredRecord,
  SyncRequest,
  SyncResponse,
} from "../../../core/sync/protocol";

/** Who may write a record: staff their own unit's, coordinators every unit's; leaders and admins none. */
export function mayWrite(caller: Caller, unit: string): boolean {
  if (caller.role === "coordinator") return true;
  return caller.role === "staff" && caller.unit === unit;
}

/** Staff read the whole plan (every unit's tasks) and their own unit's dossiers; others read all. */
function readScope(caller: Caller, unit: string): "all" | "tasks" {
  return caller.role === "staff" && caller.unit !== unit ? "tasks" : "all";
}

/** At most this many changes in one answer; `more` says to ask again with the new cursor. */
export const PULL_PAGE = 5000;
/**
 * A chunk's records hold at most this many characters of data, so that the record entities, the
 * audit entity (each change from → to, ≤ 1 MiB) and the transaction (≤ 4 MiB) stay in bounds.
 */
const CHUNK_DATA_CHARS = 150_000;

const forbidden = (r: PushedRecord): PushResult => ({
  kind: r.kind,
  id: r.id,
  status: "rejected",
  httpStatus: 403,
  reason: {
    vi: `Bạn không có quyền ghi bản ghi của đơn vị "${r.unit}".`,
    en: `You may not write records of unit "${r.unit}".`,
  },
});

/** Splits one unit's records into transactions by count and by size. */
function chunks(records: PushedRecord[]): PushedRecord[][] {
  const out: PushedRecord[][] = [];
  let current: PushedRecord[] = [];
  let chars = 0;
  for (const r of records) {
    const size = JSON.stringify(r.data).length;
    if (
      current.length > 0 &&
      (current.length === RECORDS_PER_TRANSACTION || chars + size > CHUNK_DATA_CHARS)
    ) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(r);
    chars += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * One sync round trip: the push applied per partition in transactions (each carrying the operation
 * id, so a retry applies once), then the changes after the client's cursor, a page at a time.
 * Changes are read in windows of sequence numbers, so a page reads about what it returns.
 */
export async function sync(
  repo: RecordsRepository,
  caller: Caller,
  req: SyncRequest,
  page = PULL_PAGE,
): Promise<SyncResponse> {
  const results = new Map<PushedRecord, PushResult>();
  const byUnit = new Map<string, PushedRecord[]>();
  for (const r of req.push) {
    if (!mayWrite(caller, r.unit)) results.set(r, forbidden(r));
    else byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  }
  const ownSeqs = new Map<string, Set<number>>();
  for (const [unit, records] of byUnit) {
    for (const [n, chunk] of chunks(records).entries()) {
      const { results: applied, seqs } = await repo.pushChunk(
        req.year,
        unit,
        chunk,
        `~op_${req.operationId}_${n}`,
        caller.name,
      );
      const own = ownSeqs.get(unit) ?? new Set<number>();
      for (const seq of seqs) own.add(seq);
      ownSeqs.set(unit, own);
      chunk.forEach((r, j) => results.set(r, applied[j]!));
    }
  }
  const ownWrites = new Set(
    req.push.flatMap((r) => {
      const result = results.get(r);
      return result?.status === "applied" ? [`${r.unit}|${r.kind}|${r.id}|${result.version}`] : [];
    }),
  );
  const changes: StoredRecord[] = [];
  const cursor: Record<string, number> = { ...req.cursor };
  let more = false;
  for (const p of await repo.partitions(req.year)) {
    const after = req.cursor[p.partition] ?? 0;
    if (p.lastSeq <= after) continue;
    if (changes.length >= page) {
      more = true;
      continue;
    }
    // Every change up to lastSeq had committed when lastSeq was read, so a window ending there is complete.
    const upTo = Math.min(p.lastSeq, after + page - changes.length);
    const own = ownSeqs.get(p.unit);
    if (
      own &&
      own.size >= upTo - after &&
      [...Array(upTo - after).keys()].every((i) => own.has(after + 1 + i))
    ) {
      // Everything in the window is this request's own writes, already in its results: nothing to read.
      cursor[p.partition] = upTo;
      if (upTo < p.lastSeq) more = true;
      continue;
    }
    const found = await repo.changesSince(
      p.partition,
      after,
      readScope(caller, p.unit) === "tasks" ? "task" : undefined,
      upTo,
    );
    // The caller's own changes of this request are in its results already: not sent back.
    changes.push(...found.filter((c) => !ownWrites.has(`${c.unit}|${c.kind}|${c.id}|${c.version}`)));
    cursor[p.partition] = upTo;
    if (upTo < p.lastSeq) more = true;
  }
  return {
    operationId: req.operationId,
    results: req.push.map((r) => results.get(r)!),
    changes,
    cursor,
    more,
  };
}
