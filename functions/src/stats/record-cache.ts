import { dossierFromJson, taskFromJson } from "../../../core/model";
import type { DossierRecord, TaskRecord } from "../../../core/model";
import type { PartitionInfo, PartitionWrite, RecordsRepository } from "../storage/records-repository";
import { NO_UNIT_KEY, type StoredRecord } from "../../../core/sync";
import type { StatsReport } from "../../../core/stats";

/** How many computed reports one host keeps (queries differ by cut-off, period and unit). */
const REPORT_CACHE_LIMIT = 200;
/**
 * How many deadline warnings the kept reports hold together (about 125 bytes each in memory). Any
 * member chooses the cut-off: 200 reports of 100,000 overdue dossiers each would be 2.5 GB (T9 S5).
 */
const REPORT_CACHE_WARNINGS = 400_000;

const weightOf = (r: StatsReport) => 1 + r.warnings.tasks.length + r.warnings.dossiers.length;

interface CachedPartition {
  seq: number;
  epoch: string;
  unit: string;
  tasks: Map<string, TaskRecord>;
  dossiers: Map<string, DossierRecord>;
}

/**
 * The records statistics need, kept in memory per partition and brought up to date from each
 * partition's sequence: a change costs reading that change, not the partition again. Stored records
 * that are not well formed are skipped (the core readers accept only what statistics can use).
 */
export class RecordCache {
  private readonly partitions = new Map<string, CachedPartition>();
  /**
   * Reports computed from these records, by query and the partitions' histories (any change makes
   * a new key). Kept with the records, per host: a fresh host starts cold.
   */
  private readonly reports = new Map<string, StatsReport>();
  /** The warnings the kept reports hold (weightOf). */
  private reportWeight = 0;

  constructor(private readonly repo: RecordsRepository) {
    // After the write's caller goes on (its next transaction is on its way to storage): a big
    // push's chunks then do not wait for the cache. A statistics request that comes before it
    // finds a gap and reads it, as for another host's write (follow ignores a write it passed).
    repo.onWrite((w) => setImmediate(() => this.follow(w)));
  }

  report(key: string): StatsReport | undefined {
    return this.reports.get(key);
  }

  /** Keeps a report; the oldest go first past the count or the warnings' bound (one report over it is kept alone). */
  keepReport(key: string, report: StatsReport): void {
    this.dropReport(key);
    const weight = weightOf(report);
    while (
      this.reports.size > 0 &&
      (this.reports.size >= REPORT_CACHE_LIMIT || this.reportWeight + weight > REPORT_CACHE_WARNINGS)
    )
      this.dropReport(this.reports.keys().next().value!);
    this.reports.set(key, report);
    this.reportWeight += weight;
  }

  private dropReport(key: string): void {
    const old = this.reports.get(key);
    if (!old) return;
    this.reports.delete(key);
    this.reportWeight -= weightOf(old);
  }

  async refresh(year: number, infos: PartitionInfo[]): Promise<void> {
    await Promise.all(
      infos.map(async (p) => {
        let cached = this.partitions.get(p.partition);
        // Another epoch (a restored store) or a sequence that went back: read the partition again.
        if (!cached || cached.epoch !== p.epoch || cached.seq > p.lastSeq)
          this.partitions.set(p.partition, (cached = emptyPartition(p.unit, p.epoch)));
        if (cached.seq >= p.lastSeq) return;
        // Up to the sequence read with the marks: a few changes are read through the change log.
        const changes = await this.repo.changesSince(p.partition, cached.seq, undefined, p.lastSeq, p.marks);
        for (const r of changes) applyRecord(cached, r, year);
      }),
    );
  }

  /**
   * A write this host committed, applied without reading it back — when it continues the partition
   * exactly where the cache stands (or starts an empty one): a first sync's statistics then cost no
   * read of the records it has just pushed. Any gap (another host's write, a write during a
   * refresh) leaves the cache as it is, and the next refresh reads what is missing.
   */
  private follow(w: PartitionWrite): void {
    let cached = this.partitions.get(w.partition);
    if (w.fromSeq === 0 && (!cached || cached.epoch !== w.epoch))
      this.partitions.set(w.partition, (cached = emptyPartition(w.unit, w.epoch)));
    if (!cached || cached.epoch !== w.epoch || cached.seq !== w.fromSeq) return;
    for (const r of w.records) applyRecord(cached, r, w.year);
  }

  records(infos: PartitionInfo[]): { tasks: TaskRecord[]; dossiers: DossierRecord[] } {
    const tasks: TaskRecord[] = [];
    const dossiers: DossierRecord[] = [];
    for (const p of infos) {
      const cached = this.partitions.get(p.partition);
      if (!cached) continue;
      for (const t of cached.tasks.values()) tasks.push(t);
      for (const d of cached.dossiers.values()) dossiers.push(d);
    }
    return { tasks, dossiers };
  }
}

const emptyPartition = (unit: string, epoch: string): CachedPartition => ({
  seq: 0,
  epoch,
  unit,
  tasks: new Map(),
  dossiers: new Map(),
});

/** One stored record into the cache: it counts for the unit whose partition holds it. */
function applyRecord(cached: CachedPartition, r: StoredRecord, year: number): void {
  const unit = cached.unit === NO_UNIT_KEY ? undefined : cached.unit;
  const key = r.id;
  if (r.kind === "task") {
    // The partition's unit is the record's unit; its id names it in deadline warnings.
    const t = r.deleted ? undefined : taskFromJson({ ...r.data, leadUnit: unit }, year);
    if (t) cached.tasks.set(key, { ...t, syncId: key });
    else cached.tasks.delete(key);
  } else {
    const d = r.deleted ? undefined : dossierFromJson({ ...r.data, unit });
    if (d) cached.dossiers.set(key, { ...d, syncId: key });
    else cached.dossiers.delete(key);
  }
  cached.seq = Math.max(cached.seq, r.seq);
}
