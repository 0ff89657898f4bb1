import type { Caller } from "../auth/tokens";
import type { PartitionInfo, RecordsRepository } from "../storage/records-repository";
import { partitionOf, RECORDS_PER_TRANSACTION } from "../storage/partition-entities";
import {
  cursorEntry,
  parseCursorEntry,
  type Cursor,
  type MemberInfo,
  type PushResult,
  type PushedRecord,
  type StoredRecord,
  type SyncRequest,
  type SyncResponse,
} from "../../../core/sync";
import { NO_UNIT_KEY } from "../../../core/sync";
import { mayWriteUnit } from "../../../core/model";

/** The caller as the sync answer and GET /api/me name it. */
export const memberInfo = (caller: Caller): MemberInfo => ({
  id: caller.tokenId,
  role: caller.role,
  unit: caller.unit ?? null,
});

/** Staff read the whole plan (every unit's tasks) and their own unit's dossiers; others read all. */
function readScope(caller: Caller, unit: string): "all" | "tasks" {
  return caller.role === "staff" && caller.unit !== unit ? "tasks" : "all";
}

/** At most this many changes in one answer; `more` says to ask again with the new cursor. */
export const PULL_PAGE = 5000;
/**
 * A pull page also stops after about this many bytes of records (UTF-8 JSON): 5,000 tasks with long
 * notes made one answer of 88.6 MB, which the task pane in Excel on the web holds at once. The
 * client asks again while `more` says so; a page always carries at least one change.
 */
export const PULL_PAGE_BYTES = 3_000_000;
/**
 * A chunk's records hold at most this many characters of data, so that the record entities, the
 * audit entity (each change from → to, ≤ 1 MiB) and the transaction (≤ 4 MiB) stay in bounds.
 */
const CHUNK_DATA_CHARS = 150_000;

const rejected = (r: PushedRecord, httpStatus: number, vi: string, en: string): PushResult => ({
  kind: r.kind,
  id: r.id,
  status: "rejected",
  httpStatus,
  reason: { vi, en },
});

const forbidden = (r: PushedRecord, unit = r.unit): PushResult =>
  rejected(
    r,
    403,
    `Bạn không có quyền ghi bản ghi của đơn vị "${unit}".`,
    `You may not write records of unit "${unit}".`,
  );

/**
 * The unit inside the data (a dossier's unit, a task's lead unit; "-" when blank) must be the unit
 * of the partition the record goes to: nobody counts a record for a unit they may not write.
 */
function dataUnit(r: PushedRecord): string {
  const u = r.kind === "task" ? r.data.leadUnit : r.data.unit;
  return typeof u === "string" && u !== "" ? u : NO_UNIT_KEY;
}

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

/** Refusals decided before anything is written: rights, the unit in the data, the cursor's epoch. */
function precheck(
  caller: Caller,
  r: PushedRecord,
  epochs: Map<string, string>,
  year: number,
  cursor: Cursor,
): PushResult | "stale-epoch" | undefined {
  if (!mayWriteUnit(caller, r.unit)) return forbidden(r);
  if (r.fromUnit !== undefined && !mayWriteUnit(caller, r.fromUnit)) return forbidden(r, r.fromUnit);
  // Data naming no unit is derived: it counts for the partition's unit (the statistics cache says so).
  if (!r.deleted && dataUnit(r) !== NO_UNIT_KEY && dataUnit(r) !== r.unit)
    return rejected(
      r,
      422,
      `Đơn vị trong dữ liệu ("${dataUnit(r)}") khác đơn vị của bản ghi ("${r.unit}").`,
      `The unit in the data ("${dataUnit(r)}") is not the record's unit ("${r.unit}").`,
    );
  // A base version is a version of the epoch the client last saw: under another epoch it means nothing.
  const partition = partitionOf(year, r.fromUnit ?? r.unit);
  const epoch = epochs.get(partition);
  if (r.baseVersion !== null && epoch !== undefined && partition in cursor) {
    if (parseCursorEntry(cursor[partition]).epoch !== epoch) return "stale-epoch";
  }
  return undefined;
}

/** Claims the ids of the new records: identity is (kind, id) in the whole year, so an id another unit holds is refused (409). */
async function claimFresh(
  repo: RecordsRepository,
  year: number,
  unit: string,
  records: PushedRecord[],
  results: Map<PushedRecord, PushResult>,
): Promise<void> {
  const fresh = records.filter((r) => r.baseVersion === null);
  const held = await repo.claimIds(year, unit, fresh);
  fresh.forEach((r, i) => {
    const other = held[i];
    if (other !== undefined)
      results.set(
        r,
        rejected(
          r,
          409,
          `Mã bản ghi "${r.id}" đã thuộc đơn vị khác ("${other}") trong năm ${year}.`,
          `Record id "${r.id}" already belongs to another unit ("${other}") in ${year}.`,
        ),
      );
  });
}

/**
 * One sync round trip: the push applied per partition in transactions (each carrying the operation
 * id, so a retry applies once), moves one by one, then the changes after the client's cursor, a
 * page at a time. Changes are read in windows of sequence numbers, so a page reads about what it
 * returns. A partition whose epoch is not the cursor's is resent from the start (`resets`).
 */
export async function sync(
  repo: RecordsRepository,
  caller: Caller,
  req: SyncRequest,
  page = PULL_PAGE,
): Promise<SyncResponse> {
  const results = new Map<PushedRecord, PushResult>();
  const byUnit = new Map<string, PushedRecord[]>();
  const moves: PushedRecord[] = [];
  const before = req.push.some((r) => r.baseVersion !== null) ? await repo.partitions(req.year) : [];
  const epochs = new Map(before.map((p) => [p.partition, p.epoch]));
  for (const r of req.push) {
    const refused = precheck(caller, r, epochs, req.year, req.cursor);
    if (refused === "stale-epoch") {
      // Answered as a conflict with today's copy: the client merges against it and pushes again.
      const server = await repo.record(req.year, r.fromUnit ?? r.unit, r.kind, r.id);
      results.set(r, { kind: r.kind, id: r.id, status: "conflict", server: server ?? null });
    } else if (refused) results.set(r, refused);
    else if (r.fromUnit !== undefined) moves.push(r);
    else {
      const list = byUnit.get(r.unit) ?? [];
      list.push(r);
      byUnit.set(r.unit, list);
    }
  }
  const ownSeqs = new Map<string, Set<number>>();
  const own = (unit: string, seqs: number[]) => {
    const set = ownSeqs.get(unit) ?? new Set<number>();
    for (const seq of seqs) set.add(seq);
    ownSeqs.set(unit, set);
  };
  const ownWrites = new Set<string>();
  for (const [unit, records] of byUnit) {
    const parts = chunks(records);
    // Ids are claimed two chunks ahead of the records written: storage answers one request at a
    // time, so while it works on chunk n + 2's claims this process plans and serializes chunk
    // n + 1, whose claims are done by then; storage is never left waiting for us between chunks.
    const claims: Promise<void>[] = [];
    const claimAhead = (n: number) => {
      if (n >= parts.length || claims[n]) return;
      claims[n] = claimFresh(repo, req.year, unit, parts[n]!, results);
      claims[n].catch(() => undefined); // awaited with its chunk: a failure fails the push there
    };
    claimAhead(0);
    claimAhead(1);
    for (const [n, part] of parts.entries()) {
      await claims[n];
      const chunk = part.filter((r) => !results.has(r));
      const pushing =
        chunk.length > 0
          ? repo.pushChunk(req.year, unit, chunk, `~op_${req.operationId}_${n}`, caller.name)
          : Promise.resolve({ results: [], seqs: [] });
      pushing.catch(() => undefined); // awaited below, after a turn of the event loop
      // Once this chunk's transaction is on its way, storage gets the claims after the next one.
      await new Promise((resolve) => setImmediate(resolve));
      claimAhead(n + 2);
      const { results: applied, seqs } = await pushing;
      own(unit, seqs);
      chunk.forEach((r, j) => results.set(r, applied[j]!));
    }
  }
  for (const [n, r] of moves.entries()) {
    const { result, seqs } = await move(repo, caller, req, r, n);
    results.set(r, result);
    for (const [unit, list] of seqs) own(unit, list);
    if (result.status === "applied") ownWrites.add(`${r.fromUnit}|${r.kind}|${r.id}|${r.baseVersion! + 1}`);
  }
  for (const r of req.push) {
    const result = results.get(r);
    if (result?.status === "applied") ownWrites.add(`${r.unit}|${r.kind}|${r.id}|${result.version}`);
  }
  return {
    operationId: req.operationId,
    member: memberInfo(caller),
    results: req.push.map((r) => results.get(r)!),
    ...(await pull(repo, caller, req, page, ownSeqs, ownWrites)),
  };
}

/**
 * A move to another unit is one decision, applied whole or refused whole. The two partitions
 * cannot share a transaction, so: the new copy first, then the tombstone of the old one (a failure
 * in between leaves the record live in both, never in neither); each step has its own operation
 * key, so a retry of the same push redoes only what is missing and gives the same answer. If the
 * old copy changed meanwhile, the new copy is withdrawn again and the answer is a conflict.
 */
async function move(
  repo: RecordsRepository,
  caller: Caller,
  req: SyncRequest,
  r: PushedRecord,
  n: number,
): Promise<{ result: PushResult; seqs: [string, number[]][] }> {
  const from = r.fromUnit!;
  const newKey = `~op_${req.operationId}_m${n}new`;
  const oldKey = `~op_${req.operationId}_m${n}old`;
  const retried = await repo.operationDone(req.year, from, oldKey);
  const old = await repo.record(req.year, from, r.kind, r.id);
  if (!retried && (!old || old.deleted || old.version !== r.baseVersion))
    return { result: { kind: r.kind, id: r.id, status: "conflict", server: old ?? null }, seqs: [] };
  const target = await repo.record(req.year, r.unit, r.kind, r.id);
  const placed = await repo.pushChunk(
    req.year,
    r.unit,
    [{ kind: r.kind, id: r.id, unit: r.unit, baseVersion: target?.version ?? null, data: r.data }],
    newKey,
    caller.name,
  );
  const copy = placed.results[0]!;
  if (copy.status !== "applied")
    return {
      result: { kind: r.kind, id: r.id, status: "conflict", server: target ?? null },
      seqs: [],
    };
  await repo.moveId(req.year, r.kind, r.id, r.unit);
  const tomb = await repo.pushChunk(
    req.year,
    from,
    [
      {
        kind: r.kind,
        id: r.id,
        unit: from,
        baseVersion: r.baseVersion,
        deleted: true,
        data: old?.data ?? {},
      },
    ],
    oldKey,
    caller.name,
  );
  if (tomb.results[0]!.status !== "applied") {
    // The old copy changed meanwhile: withdraw the new one, give the id back, answer the conflict.
    const undo = await repo.pushChunk(
      req.year,
      r.unit,
      [{ kind: r.kind, id: r.id, unit: r.unit, baseVersion: copy.version, deleted: true, data: r.data }],
      `${newKey}_undo`,
      caller.name,
    );
    await repo.moveId(req.year, r.kind, r.id, from);
    const now = await repo.record(req.year, from, r.kind, r.id);
    return {
      result: { kind: r.kind, id: r.id, status: "conflict", server: now ?? null },
      seqs: [[r.unit, [...placed.seqs, ...undo.seqs]]],
    };
  }
  return {
    result: copy,
    seqs: [
      [r.unit, placed.seqs],
      [from, tomb.seqs],
    ],
  };
}

/** The mark of the write that ended exactly at `seq`, when the meta row still keeps it. */
const markAt = (p: PartitionInfo, seq: number): string | undefined => p.marks.find(([s]) => s === seq)?.[1];

/**
 * Whether a cursor's place fits the partition's kept history: a write ending at its sequence with
 * its mark. Where the kept marks cover that sequence but show another mark, or no write ending
 * there, the store's history is not the one the client saw. Older than the kept marks: unknown, trusted.
 */
function sameHistory(entry: { seq: number; mark?: string }, p: PartitionInfo): boolean {
  if (entry.mark === undefined || p.marks.length === 0 || entry.seq < p.marks[0]![0]) return true;
  return markAt(p, entry.seq) === entry.mark;
}

/**
 * The changes (in sequence order) that fit `room` bytes of JSON, and their bytes; the first one
 * always when `first` (a page carries at least one change, however large).
 */
function changesWithin(
  found: StoredRecord[],
  room: number,
  first: boolean,
): { changes: StoredRecord[]; bytes: number } {
  let bytes = 0;
  let n = 0;
  for (const c of found) {
    const size = Buffer.byteLength(JSON.stringify(c));
    if (bytes + size > room && !(first && n === 0)) break;
    bytes += size;
    n++;
  }
  return { changes: n === found.length ? found : found.slice(0, n), bytes };
}

/** The partition a cursor key names in a plan year, when it is one. */
function unitOfPartition(year: number, partition: string): string | undefined {
  if (!partition.startsWith(`${year}_`)) return undefined;
  try {
    return decodeURIComponent(partition.slice(String(year).length + 1));
  } catch {
    return undefined;
  }
}

async function pull(
  repo: RecordsRepository,
  caller: Caller,
  req: SyncRequest,
  page: number,
  ownSeqs: Map<string, Set<number>>,
  ownWrites: Set<string>,
): Promise<Pick<SyncResponse, "changes" | "cursor" | "resets" | "more">> {
  const changes: StoredRecord[] = [];
  const cursor: Cursor = {};
  const resets: string[] = [];
  let more = false;
  let bytes = 0;
  const partitions: PartitionInfo[] = await repo.partitions(req.year);
  const live = new Set(partitions.map((p) => p.partition));
  for (const key of Object.keys(req.cursor)) {
    // A partition the client has seen is gone (a store that lost it): what the client holds of it is unknown here.
    const unit = unitOfPartition(req.year, key);
    if (!live.has(key) && unit !== undefined) resets.push(unit);
  }
  for (const p of partitions) {
    const seen = req.cursor[p.partition];
    const entry = parseCursorEntry(seen);
    // Another epoch, a cursor past the partition's last sequence, or one whose write the store does
    // not know (a store rolled back under the same epoch): what the client holds is unknown.
    const reset =
      seen !== undefined && (entry.epoch !== p.epoch || entry.seq > p.lastSeq || !sameHistory(entry, p));
    if (reset) resets.push(p.unit);
    const after = reset ? 0 : entry.seq;
    if (p.lastSeq <= after) {
      cursor[p.partition] = cursorEntry(p.epoch, p.lastSeq, markAt(p, p.lastSeq));
      continue;
    }
    if (changes.length >= page || bytes >= PULL_PAGE_BYTES) {
      more = true;
      if (seen !== undefined && !reset) cursor[p.partition] = seen;
      else if (reset) cursor[p.partition] = cursorEntry(p.epoch, 0);
      continue;
    }
    // Every change up to lastSeq had committed when lastSeq was read, so a window ending there is complete.
    const upTo = Math.min(p.lastSeq, after + page - changes.length);
    const mine = ownSeqs.get(p.unit);
    if (
      mine &&
      mine.size >= upTo - after &&
      [...Array(upTo - after).keys()].every((i) => mine.has(after + 1 + i))
    ) {
      // Everything in the window is this request's own writes, already in its results: nothing to read.
      cursor[p.partition] = cursorEntry(p.epoch, upTo, markAt(p, upTo));
      if (upTo < p.lastSeq) more = true;
      continue;
    }
    const found = await repo.changesSince(
      p.partition,
      after,
      readScope(caller, p.unit) === "tasks" ? "task" : undefined,
      upTo,
      p.marks,
    );
    // The caller's own changes of this request are in its results already: not sent back.
    const theirs = found.filter((c) => !ownWrites.has(`${c.unit}|${c.kind}|${c.id}|${c.version}`));
    const taken = changesWithin(theirs, PULL_PAGE_BYTES - bytes, changes.length === 0);
    for (const c of taken.changes) changes.push(c);
    bytes += taken.bytes;
    if (taken.changes.length < theirs.length) {
      // Cut by size: the next page goes on after the last change sent (found is in sequence order).
      const last = taken.changes.at(-1)?.seq ?? after;
      cursor[p.partition] = cursorEntry(p.epoch, last, markAt(p, last));
      more = true;
      continue;
    }
    cursor[p.partition] = cursorEntry(p.epoch, upTo, markAt(p, upTo));
    if (upTo < p.lastSeq) more = true;
  }
  return { changes, cursor, more, ...(resets.length > 0 ? { resets } : {}) };
}
