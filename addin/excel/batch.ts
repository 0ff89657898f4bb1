/// <reference types="office-js" />
import { CELL_BUDGET, PAYLOAD_BUDGET } from "./office";

/**
 * Packs queued commands into syncs: before a command is queued, the batch is synced if the
 * command's request or response bytes or cells would take it over the budget. Bulk writes suspend
 * calculation and screen updating for each batch (they apply until the next sync).
 */
export class Batch {
  private request = 0;
  private response = 0;
  private cells = 0;
  private queued = false;
  syncs = 0;

  constructor(
    readonly ctx: Excel.RequestContext,
    private readonly options: { bulk: boolean; budget?: number } = { bulk: false },
  ) {}

  private get budget(): number {
    return this.options.budget ?? PAYLOAD_BUDGET;
  }

  /** Makes room for a command of this size (syncing what is queued if needed), then counts it. */
  async room(request: number, response: number, cells = 0): Promise<void> {
    const over =
      this.request + request > this.budget ||
      this.response + response > this.budget ||
      this.cells + cells > CELL_BUDGET;
    if (this.queued && over) await this.sync();
    if (!this.queued && this.options.bulk) {
      this.ctx.application.suspendApiCalculationUntilNextSync();
      this.ctx.application.suspendScreenUpdatingUntilNextSync();
    }
    this.queued = true;
    this.request += request;
    this.response += response;
    this.cells += cells;
  }

  /** Sends what is queued (nothing if nothing is). */
  async sync(): Promise<void> {
    if (!this.queued) return;
    this.request = this.response = this.cells = 0;
    this.queued = false;
    this.syncs++;
    await this.ctx.sync();
  }
}
