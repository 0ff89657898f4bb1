import * as v from "valibot";
import type { MappingOverrides } from "../../core/layout";
import { parseJsonText, plainObject } from "../../core/schemas";
import { heldCount, SyncEngine, type SyncReport } from "../../core/sync";
import { HttpTransport, serverCalendar, TransportError } from "../../core/sync";
import { withProgress, type ProgressOptions } from "./progress";
import type { Connection, KeyValueStore } from "./settings";
import type { WorkbookHost } from "./workbook-host";
import { readView, viewYear } from "./workbook-view";
import type { translator } from "./i18n";

export interface RunOptions extends ProgressOptions {
  /** "summary": a leader's read-only refresh of the summary sheet. */
  mode: "sync" | "summary";
  prefer?: "mine" | "theirs";
  choices?: Record<string, "mine" | "theirs">;
  /** Corrections of how the workbook is read, saved in its state by this sync. */
  mappingOverrides?: MappingOverrides;
  /** Held deletions the user confirmed (the records shown): sent by this sync. */
  confirmDeletes?: readonly string[];
  /** Held deletions whose rows the user wants back (the records shown). */
  restoreDeletes?: readonly string[];
}

/**
 * One sync of the workbook through the core engine, with the same options as `cchc sync`. A
 * summary refresh (a leader's or an admin's) takes the plan year from the workbook (its state, a
 * correction, else its title), as a full sync does: a copy never synced before has no year in its
 * state, and the engine's summary alone asks for one.
 */
export async function runSync(
  host: WorkbookHost,
  conn: Connection,
  options: RunOptions,
): Promise<SyncReport> {
  const year = options.mode === "summary" ? viewYear(await readView(host.port())) : undefined;
  // Due dates from processing times use the server's calendar (an admin may have corrected a year).
  const calendar =
    options.mode === "sync" ? await serverCalendar(new HttpTransport(conn.server, conn.token)) : undefined;
  const workbook = host.port();
  const { port, transport } = withProgress(workbook, new HttpTransport(conn.server, conn.token), options);
  const report = await new SyncEngine(port, transport, {
    server: conn.server,
    ...(calendar ? { calendar } : {}),
    summaryOnly: options.mode === "summary",
    ...(year !== undefined ? { year } : {}),
    ...(options.prefer ? { prefer: options.prefer } : {}),
    ...(options.choices ? { choices: options.choices } : {}),
    ...(options.mappingOverrides ? { mappingOverrides: options.mappingOverrides } : {}),
    ...(options.confirmDeletes ? { confirmDeletes: options.confirmDeletes } : {}),
    ...(options.restoreDeletes ? { restoreDeletes: options.restoreDeletes } : {}),
  }).run();
  // What the workbook adapter could not do as `cchc sync` does (a filter it could not widen…).
  report.notices.push(...((workbook as { notices?: SyncReport["notices"] }).notices ?? []));
  return report;
}

export function resultLine(report: SyncReport, t: ReturnType<typeof translator>): string {
  if (report.summary && report.pushed === 0 && report.pulled === 0 && report.mapping.length === 0)
    return t("summaryDone");
  const held = heldCount(report.heldDeletions);
  const heldNote = held > 0 ? t("heldInResult", held) : "";
  if (report.unchanged) return t("unchanged") + heldNote;
  return (
    t(
      "result",
      report.pushed,
      report.pulled,
      report.merged,
      report.inserted,
      report.deleted,
      report.conflicts.length,
      report.rejected.length,
    ) + heldNote
  );
}

/**
 * What "Đồng bộ" does for a member: leaders and admins write no records (an admin's pushes are all
 * refused), so they refresh the summary only; everyone else syncs.
 */
export function syncModeFor(me: Me | "unknown"): "sync" | "summary" {
  return me !== "unknown" && (me.role === "leader" || me.role === "admin") ? "summary" : "sync";
}

export interface Me {
  id?: string;
  name?: string;
  role?: string;
  unit?: string;
}

/**
 * Who the token belongs to (`GET /api/me`). A server without that route yet (404) still lets the
 * user sync: the role is shown as unknown. A 401/403 means the token is wrong or revoked.
 */
export async function fetchMe(conn: Connection): Promise<Me | "unknown"> {
  const api = `${conn.server.replace(/\/+$/, "")}/api`;
  let res: Response;
  try {
    res = await fetch(`${api}/me`, { headers: { authorization: `Bearer ${conn.token}` } });
  } catch (e) {
    // A server without the route answers its preflight without CORS headers, which a browser
    // reports as a network error: if the server's health answers, it is that.
    if (
      await fetch(`${api}/health`).then(
        (h) => h.ok,
        () => false,
      )
    )
      return "unknown";
    throw new TransportError("unreachable", {
      vi: `Không kết nối được máy chủ ${conn.server} (${(e as Error).message}).`,
      en: `Cannot reach the server ${conn.server} (${(e as Error).message}).`,
    });
  }
  if (res.status === 404) return "unknown";
  if (!res.ok)
    throw new TransportError(res.status, {
      vi: `Máy chủ trả lời ${res.status}.`,
      en: `The server answered ${res.status}.`,
    });
  const json = parseJsonText(await res.text());
  const me = json.ok ? v.safeParse(MeAnswerSchema, json.value) : undefined;
  if (!me?.success)
    throw new TransportError("unreachable", {
      vi: `Máy chủ ${conn.server} trả lời /api/me không đúng hợp đồng (không phải một đối tượng JSON).`,
      en: `The server ${conn.server} answered /api/me off the contract (not a JSON object).`,
    });
  const { id, name, role, unit } = me.output;
  return { ...(id && { id }), ...(name && { name }), ...(role && { role }), ...(unit && { unit }) };
}

/** GET /api/me as far as the pane shows it: a field that is not text (a unit of null) is left out. */
const shown = v.fallback(v.optional(v.string()), undefined);
const MeAnswerSchema = plainObject(
  v.object({ id: shown, name: shown, role: shown, unit: shown }),
  "/api/me phải là một đối tượng JSON.",
  "/api/me must be a JSON object.",
);

/** How often a running sync renews its lock, and how old a lock must be to be taken as a closed pane's. */
export const LOCK_HEARTBEAT_MS = 5_000;
export const LOCK_STALE_MS = 120_000;

/**
 * One sync at a time per computer, also between the pane and the ribbon command (separate pages
 * of one origin share localStorage). The page running a sync renews the lock every 5 s; a lock not
 * renewed for 2 minutes is a closed pane's (a hidden page's timers may be throttled to once a
 * minute, so less could take a running ribbon sync for a dead one). A page that goes away releases
 * its lock at once (`releaseOnPageHide`): a pane reloaded mid-sync said "a sync is running" for 10
 * minutes.
 */
export class SyncGate {
  private running = false;
  private beat: ReturnType<typeof setInterval> | undefined;
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
    private readonly heartbeatMs = LOCK_HEARTBEAT_MS,
  ) {}

  tryEnter(): boolean {
    const held = Number(this.store.getItem("cchc.syncLock") ?? 0);
    if (this.running || (held && this.now() - held < LOCK_STALE_MS)) return false;
    this.running = true;
    this.touch();
    this.beat = setInterval(() => this.touch(), this.heartbeatMs);
    (this.beat as { unref?: () => void }).unref?.(); // in Node (tests), a renewal keeps no process alive
    return true;
  }

  private touch(): void {
    this.store.setItem("cchc.syncLock", String(this.now()));
  }

  leave(): void {
    if (this.beat !== undefined) clearInterval(this.beat);
    this.beat = undefined;
    this.running = false;
    this.store.removeItem("cchc.syncLock");
  }

  /** The page is unloading (pane closed or reloaded): its sync stops with it, so does its lock. */
  releaseOnPageHide(target: Pick<Window, "addEventListener">): void {
    target.addEventListener("pagehide", (e) => {
      if (this.running && !(e as PageTransitionEvent).persisted) this.leave();
    });
  }

  get busy(): boolean {
    return this.running;
  }
}
