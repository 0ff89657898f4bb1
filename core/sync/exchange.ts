/**
 * The exchange of one sync: rounds of push requests (chunks sized by how long the server takes),
 * each answer's pages of pulled changes, and what the answers call for pushed in the next round.
 */
import { holdFormulaFields } from "./formula-conflicts";
import { releaseHeldBack } from "./held-back";
import { initialPushes } from "./initial-pushes";
import type { PushedRecord, StoredRecord, SyncResponse } from "./protocol";
import { applyChanges } from "./pulled-changes";
import { applyResults } from "./push-results";
import { MAX_PUSH, nextPushSize, requestLength } from "./push-size";
import { fingerprint, stableJson } from "./record-data";
import { newRecordId } from "./record-ids";
import { reconcileResets } from "./server-resets";
import type { SyncState } from "./sync-state";
import type { SyncRun } from "./sync-run";
import type { SyncTransport } from "./transport";
import { freshHeldCount, pushFreshNotMatched, pushUnlinkedNotPulled } from "./waiting-rows";

const MAX_ROUNDS = 4;

/** Pushes this workbook's changes and pulls the others' until nothing is left to push (or MAX_ROUNDS). */
export async function exchange(run: SyncRun, transport: SyncTransport): Promise<void> {
  holdFormulaFields(run);
  let queue = initialPushes(run);
  // Rows with ids the state does not know: pull everything once, so that each is matched with
  // the server's copy wherever it lives before any is pushed as new.
  if (run.waiting.unlinked.size > 0) run.state.cursor = {};
  if (run.plan.report.dryRun) {
    run.plan.report.pushed = queue.length + freshHeldCount(run);
    queue = [];
  }
  const requests = new Requests(run, transport);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next: PushedRecord[] = [];
    const changes = await requests.pushAll(queue, next);
    if (round === 0) releaseHeldBack(run, next);
    applyChanges(run, changes, next);
    if (round === 0) pushUnlinkedNotPulled(run, next);
    if (round === 0) pushFreshNotMatched(run, next);
    reconcileResets(run, next);
    if (next.length === 0 || run.plan.report.dryRun) return;
    queue = next;
  }
}

/** The requests of one sync: the cursor they carry on, and how many records each push may hold. */
class Requests {
  /** The cursor of this sync's next request. */
  private cursor: SyncState["cursor"] | undefined;
  /** Records per push request: fewer when the server is slow (push-size.ts). */
  private pushSize = MAX_PUSH;

  constructor(
    private readonly run: SyncRun,
    private readonly transport: SyncTransport,
  ) {}

  /**
   * Sends `queue` in chunks (one request, the pull alone, when it is empty), applying each answer's
   * results at once; answers every change pulled along, all pages of each.
   */
  async pushAll(queue: PushedRecord[], next: PushedRecord[]): Promise<StoredRecord[]> {
    const changes: StoredRecord[] = [];
    for (let i = 0, chunk: PushedRecord[] = []; i === 0 || i < queue.length; i += chunk.length) {
      chunk = queue.slice(i, i + requestLength(queue, i, this.pushSize));
      const started = this.clock();
      const res = await this.send(chunk);
      this.pushSize = nextPushSize(this.pushSize, chunk.length, this.clock() - started);
      applyResults(this.run, chunk, res, next);
      changes.push(...res.changes);
      let more = res.more === true;
      while (more) {
        const page = await this.send([]);
        changes.push(...page.changes);
        more = page.more === true;
      }
      if (chunk.length === 0) break; // nothing to push: the one request was the pull
    }
    return changes;
  }

  private clock(): number {
    return this.run.options.clock?.() ?? performance.now();
  }

  private async send(push: PushedRecord[]): Promise<SyncResponse> {
    const { state, plan } = this.run;
    const operationId =
      push.length > 0
        ? `op-${fingerprint(stableJson(push))}${fingerprint(push.map((p) => p.id).join("|"))}`
        : `pull-${newRecordId()}`;
    const res = await this.transport.sync({
      year: state.year!,
      operationId,
      cursor: this.cursor ?? state.cursor,
      push,
    });
    // A dry run pages on with its own cursor (else `more` would ask for the same page forever).
    this.cursor = res.cursor;
    if (!plan.report.dryRun) state.cursor = res.cursor;
    plan.report.pushed += push.length;
    this.run.server.member = res.member;
    plan.report.member = res.member;
    for (const unit of res.resets ?? []) this.run.server.resetUnits.add(unit);
    return res;
  }
}
