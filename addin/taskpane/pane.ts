import type { ConflictReport, SyncReport } from "../../core/sync";
import { TransportError } from "../../core/sync";
import type { RowError } from "../../core/model";
import type { MappingOverrides } from "../../core/layout";
import { fieldName } from "../shared/field-names";
import { roleName, translator, type Lang } from "../shared/i18n";
import { progressFraction, SyncCancelled, type SyncStage } from "../shared/progress";
import {
  checkServer,
  forgetToken,
  lastServer,
  loadConnection,
  loadLastCommand,
  saveConnection,
  serverBase,
  type Connection,
  type KeyValueStore,
} from "../shared/settings";
import { fetchMe, resultLine, runSync, SyncGate, syncModeFor, type Me } from "../shared/sync-runner";
import type { WorkbookHost } from "../shared/workbook-host";
import { readView, type WorkbookView } from "../shared/workbook-view";
import { userMessage } from "../shared/user-message";
import { columnIndex, columnLetter, el, fill } from "./dom";
import { renderHeldDeletions } from "./held-section";
import { historySection } from "./history-section";
import { mappingSection } from "./mapping-section";
import { templateSection } from "./template-section";
import type { PaneTools } from "./pane-tools";
import { warningsSection } from "./warnings-section";

export interface PaneEnv {
  root: HTMLElement;
  lang: Lang;
  /** null outside Excel (the page opened in a plain browser), or when office.js did not load. */
  host: WorkbookHost | null;
  /** office.js did not load (offline, or a plain browser that cannot reach Microsoft's CDN). */
  officeMissing?: boolean;
  store: KeyValueStore;
  partitionKey: string | undefined;
  /** Origins the page's Content-Security-Policy lets it call (API_ORIGINS at build time). */
  apiOrigins: string[];
  /** The clock (tests fix it); warnings count days from today in Vietnam. */
  now?: () => Date;
}

type Choice = "mine" | "theirs";
/** What the user answered in the pane, applied by the sync that follows: conflicts, held deletions. */
type Answer = { prefer?: Choice; confirmDeletes?: string[]; restoreDeletes?: string[] };

/**
 * The task pane: connect, sync with progress, conflicts, errors, deadline warnings, a row's
 * history, and how the workbook was read (with corrections).
 */
export function startPane(env: PaneEnv): void {
  const t = translator(env.lang);
  const { root, store, partitionKey } = env;
  document.documentElement.lang = env.lang;
  fill(root, el("h1", { text: t("title") }));
  if (!env.host) {
    root.append(
      el("p", {
        class: "notice",
        attrs: { role: "status", id: "outside" },
        text: t(env.officeMissing ? "officeNotLoaded" : "outsideExcel"),
      }),
    );
    return;
  }
  const host = env.host;
  const gate = new SyncGate(store);
  gate.releaseOnPageHide(window);
  let conn = loadConnection(store, partitionKey);
  let me: Me | "unknown" | undefined;
  let abort: AbortController | undefined;
  let report: SyncReport | undefined;
  const choices = new Map<string, Choice>();
  let again: Answer | undefined;

  const connectSection = el("section", { attrs: { id: "connect", "aria-labelledby": "connect-title" } });
  const accountSection = el("section", { attrs: { id: "account" } });
  const syncSection = el("section", { attrs: { id: "sync" } });
  const conflictSection = el("section", { attrs: { id: "conflicts", "aria-labelledby": "conflicts-title" } });
  const problemSection = el("section", { attrs: { id: "problems", "aria-labelledby": "problems-title" } });
  const heldSection = el("section", { attrs: { id: "held", "aria-labelledby": "held-title" } });
  const warningsEl = el("section", { attrs: { id: "warnings", "aria-labelledby": "warnings-title" } });
  const historyEl = el("section", { attrs: { id: "history", "aria-labelledby": "history-title" } });
  const mappingEl = el("section", { attrs: { id: "mapping" } });
  const templateEl = el("section", { attrs: { id: "template", "aria-labelledby": "template-title" } });
  const footer = el("p", { class: "muted", attrs: { id: "last-command" } });
  root.append(
    connectSection,
    accountSection,
    syncSection,
    heldSection,
    conflictSection,
    problemSection,
    warningsEl,
    historyEl,
    mappingEl,
    templateEl,
    footer,
  );

  const select = (sheet: string, row: number, col: number) => {
    host.selectCell(sheet, row, col).catch((e: Error) => showResult(t("failed", e.message), true));
  };
  const tools: PaneTools = {
    lang: env.lang,
    t,
    host,
    connection: () => conn,
    select,
    messageOf: (e) => userMessage(e, env.lang),
    now: env.now ?? (() => new Date()),
  };
  const warnings = warningsSection(warningsEl, tools);
  templateSection(templateEl, tools);
  const history = historySection(historyEl, tools);
  const mapping = mappingSection(mappingEl, tools, {
    canCorrect: () => !readsOnly(),
    syncWith: (overrides) => startSync({ mode: "sync", mappingOverrides: overrides }),
    preview: () => void preview(),
    readsMerges: () => host.readsMerges?.() !== false,
  });

  // --- connect -------------------------------------------------------------------------------
  const serverInput = el("input", {
    attrs: { id: "server", type: "url", autocomplete: "url", spellcheck: "false" },
  });
  serverInput.value = lastServer(store, partitionKey) ?? env.apiOrigins[0] ?? "";
  const tokenInput = el("input", {
    attrs: { id: "token", type: "password", autocomplete: "off", spellcheck: "false" },
  });
  const connectError = el("p", { class: "error", attrs: { role: "alert", id: "connect-error" } });
  const connectForm = el(
    "form",
    {
      on: {
        submit: (e) => {
          e.preventDefault();
          void connect();
        },
      },
    },
    el("label", { attrs: { for: "server" }, text: t("server") }),
    serverInput,
    el("label", { attrs: { for: "token" }, text: t("token") }),
    tokenInput,
    el("button", { class: "primary", attrs: { type: "submit", id: "connect-button" }, text: t("connect") }),
    connectError,
  );
  connectSection.append(connectForm);

  async function connect(): Promise<void> {
    connectError.textContent = "";
    const server = serverBase(serverInput.value);
    const token = tokenInput.value.trim();
    if (!server || !token) return void (connectError.textContent = t("needBoth"));
    const checked = checkServer(server, env.apiOrigins);
    if ("error" in checked)
      return void (connectError.textContent =
        checked.error === "bad"
          ? t("badServer")
          : t("notAllowed", new URL(server).origin, env.apiOrigins.join(", ")));
    const candidate: Connection = { server, token };
    try {
      me = await fetchMe(candidate);
    } catch (e) {
      connectError.textContent =
        e instanceof TransportError && (e.status === 401 || e.status === 403)
          ? t("badToken")
          : userMessage(e, env.lang);
      return;
    }
    conn = candidate;
    saveConnection(store, partitionKey, conn);
    tokenInput.value = "";
    render();
  }

  /** Back to the connect form; `why` says what was wrong with the token (the address stays). */
  function signOut(why?: string): void {
    forgetToken(store, partitionKey);
    conn = undefined;
    me = undefined;
    render();
    connectError.textContent = why ?? "";
    tokenInput.focus();
  }

  /** A 401: the saved token is wrong, revoked or expired, so it is of no use: ask for a new one. */
  const tokenRefused = (e: unknown) => e instanceof TransportError && e.status === 401;

  // --- account and sync ----------------------------------------------------------------------
  /** An admin writes no records (every row would be refused): the pane only refreshes the summary. */
  const isAdmin = () => me !== undefined && me !== "unknown" && me.role === "admin";
  const readsOnly = () => me !== undefined && syncModeFor(me) === "summary";
  const syncButton = el("button", {
    class: "primary",
    attrs: { type: "button", id: "sync-button" },
    on: { click: () => void startSync({ mode: readsOnly() ? "summary" : "sync" }) },
  });
  const cancelButton = el("button", {
    attrs: { type: "button", id: "cancel-button", disabled: "" },
    text: t("cancel"),
    on: { click: () => abort?.abort() },
  });
  const bar = el("progress", { attrs: { id: "progress", max: "100", value: "0", "aria-label": t("sync") } });
  const stage = el("p", { class: "stage", attrs: { id: "stage", "aria-live": "polite" } });
  const result = el("p", { attrs: { id: "result", role: "status" } });
  const busyNote = el("p", { class: "muted", attrs: { id: "busy", "aria-live": "polite" } });
  // What the user must know about the last sync (ids re-linked, text typed into the summary replaced…).
  const notices = el("ul", { class: "notices", attrs: { id: "notices" } });
  syncSection.append(
    el("div", { class: "row" }, syncButton, cancelButton),
    bar,
    stage,
    result,
    notices,
    busyNote,
  );

  function showResult(text: string, error = false): void {
    result.textContent = text;
    result.className = error ? "error" : "";
  }

  function onProgress(s: SyncStage, done: number, total: number): void {
    bar.value = Math.round(100 * progressFraction(s, done, total));
    stage.textContent =
      s === "read"
        ? t("stageRead")
        : s === "send"
          ? t("stageSend", done)
          : s === "receive"
            ? t("stageReceive", done)
            : t("stageWrite");
    if (s === "write") cancelButton.disabled = true; // the write runs to its end
  }

  /** A sync; true when it finished. */
  async function startSync(options: {
    mode: "sync" | "summary";
    prefer?: Choice;
    mappingOverrides?: MappingOverrides;
    confirmDeletes?: string[];
    restoreDeletes?: string[];
  }): Promise<boolean> {
    if (!conn) return false;
    if (!gate.tryEnter()) {
      busyNote.textContent = t("busy");
      return false;
    }
    let done = false;
    busyNote.textContent = "";
    abort = new AbortController();
    cancelButton.disabled = false;
    syncButton.setAttribute("aria-busy", "true");
    bar.value = 0;
    showResult("");
    fill(notices);
    try {
      report = await runSync(host, conn, {
        mode: options.mode,
        ...(options.prefer ? { prefer: options.prefer } : {}),
        ...(options.mappingOverrides ? { mappingOverrides: options.mappingOverrides } : {}),
        ...(options.confirmDeletes ? { confirmDeletes: options.confirmDeletes } : {}),
        ...(options.restoreDeletes ? { restoreDeletes: options.restoreDeletes } : {}),
        choices: Object.fromEntries(choices),
        onProgress,
        signal: abort.signal,
      });
      bar.value = 100;
      stage.textContent = "";
      showResult(resultLine(report, t));
      const open = new Set(report.conflicts.map(conflictKey));
      for (const k of [...choices.keys()]) if (!open.has(k)) choices.delete(k);
      renderReport();
      done = true;
    } catch (e) {
      stage.textContent = "";
      bar.value = 0;
      if (e instanceof SyncCancelled) showResult(t(e.idsWritten ? "cancelledIdsWritten" : "cancelled"));
      else if (tokenRefused(e)) signOut(t("badToken"));
      else showResult(t("failed", userMessage(e, env.lang)), true);
    } finally {
      gate.leave();
      busyNote.textContent = ""; // a click refused meanwhile: nothing runs any more
      cancelButton.disabled = true;
      syncButton.removeAttribute("aria-busy");
      abort = undefined;
    }
    if (again) {
      const next = again;
      again = undefined;
      return startSync({ mode: "sync", ...next });
    }
    if (done) await afterSync(options.mappingOverrides ? t("mappingSaved") : undefined);
    return done;
  }

  /** After a sync: how the workbook is read now (with its saved corrections), and the warnings. */
  async function afterSync(message?: string): Promise<void> {
    let view: WorkbookView;
    try {
      view = await readView(host.port());
    } catch (e) {
      return showResult(t("failed", userMessage(e, env.lang)), true);
    }
    if (view.read.mapping.some((m) => m.kind === "tasks" || m.kind === "dossiers" || m.kind === "ignored"))
      mapping.render(view, message !== undefined, message);
    await warnings.load(view);
  }

  /** A conflict answer is applied by the next sync, which starts by itself (or right after the running one). */
  function choose(next: Answer): void {
    renderReport();
    if (gate.busy) again = next;
    else void startSync({ mode: "sync", ...next });
  }

  // --- conflicts, problems ----------------------------------------------------------------------
  function renderReport(): void {
    fill(notices, ...(report?.notices ?? []).map((n) => el("li", { text: n[env.lang] })));
    renderHeldDeletions(heldSection, report?.heldDeletions ?? [], tools, choose);
    renderConflicts(report?.conflicts ?? []);
    renderProblems(report?.errors ?? [], report?.rejected ?? []);
  }

  function renderConflicts(conflicts: ConflictReport[]): void {
    if (conflicts.length === 0) return fill(conflictSection);
    const chooseAll = (c: Choice) => () => {
      for (const x of conflicts) choices.set(conflictKey(x), c);
      choose({ prefer: c });
    };
    fill(
      conflictSection,
      el("h2", { attrs: { id: "conflicts-title" }, text: `${t("conflicts")} (${conflicts.length})` }),
      el(
        "div",
        { class: "row" },
        el("button", {
          attrs: { type: "button", id: "all-mine" },
          text: t("allMine"),
          on: { click: chooseAll("mine") },
        }),
        el("button", {
          attrs: { type: "button", id: "all-theirs" },
          text: t("allTheirs"),
          on: { click: chooseAll("theirs") },
        }),
      ),
      el("ul", { class: "list" }, ...conflicts.map(conflictItem)),
    );
  }

  function conflictItem(c: ConflictReport): HTMLLIElement {
    const key = conflictKey(c);
    const field = c.field === "deleted" ? t("deletedField") : fieldName(c.field, env.lang);
    const chosen = choices.get(key);
    const pick = (choice: Choice) => () => {
      choices.set(key, choice);
      choose({});
    };
    // The cell when the sheet has a column for the field ("… ô I8 · ghi chú"), else the row.
    const where =
      c.col !== undefined && c.row > 0
        ? `${t("cellAt", c.sheet, columnLetter(c.col), c.row)} · ${field}`
        : t("conflictLine", c.sheet, c.row, field);
    return el(
      "li",
      { class: "conflict", attrs: { "data-key": key } },
      c.row > 0
        ? el("button", {
            class: "link",
            attrs: { type: "button" },
            text: where,
            on: { click: () => select(c.sheet, c.row - 1, c.col ?? 0) },
          })
        : el("span", { text: where }),
      el(
        "dl",
        {},
        el("dt", { text: t("mine") }),
        el("dd", { class: "mine", text: shown(c.mine) }),
        el("dt", { text: t("theirs") }),
        el("dd", { class: "theirs", text: shown(c.theirs) }),
      ),
      el("p", { class: "muted", text: t("byWhom", c.who, when(c.at, env.lang)) }),
      chosen
        ? el("p", { class: "chosen", text: t("chosen", chosen === "mine" ? t("keepMine") : t("keepTheirs")) })
        : el(
            "div",
            { class: "row" },
            el("button", {
              class: "keep-mine",
              attrs: { type: "button" },
              text: t("keepMine"),
              on: { click: pick("mine") },
            }),
            el("button", {
              class: "keep-theirs",
              attrs: { type: "button" },
              text: t("keepTheirs"),
              on: { click: pick("theirs") },
            }),
          ),
    );
  }

  function renderProblems(errors: RowError[], refused: RowError[]): void {
    if (errors.length + refused.length === 0) return fill(problemSection);
    const groups = new Map<string, RowError[]>();
    const add = (title: string, e: RowError) => groups.set(title, [...(groups.get(title) ?? []), e]);
    // One reason, many rows: the first quoted part of a message is the cell's own value.
    const reason = (e: RowError) => e.message[env.lang].replace(/"[^"]*"/, "\u201c…\u201d");
    for (const e of errors) add(reason(e), e);
    for (const e of refused) add(`${t("refused")}: ${reason(e)}`, e);
    fill(
      problemSection,
      el("h2", {
        attrs: { id: "problems-title" },
        text: `${t("problems")} (${errors.length + refused.length})`,
      }),
      ...[...groups].map(([title, list]) =>
        el(
          "div",
          { class: "group" },
          el("h3", { text: `${title} (${list.length})` }),
          el(
            "ul",
            { class: "list" },
            ...list.map((e) => {
              const label =
                e.row === null
                  ? e.sheet
                  : e.column
                    ? t("cellAt", e.sheet, e.column, e.row)
                    : t("rowAt", e.sheet, e.row);
              return el(
                "li",
                { attrs: { title: e.message[env.lang] } },
                e.row === null
                  ? el("span", { text: label })
                  : el("button", {
                      class: "link problem",
                      attrs: { type: "button" },
                      text: label,
                      on: { click: () => select(e.sheet, e.row! - 1, e.column ? columnIndex(e.column) : 0) },
                    }),
                el("p", { class: "muted", text: e.message[env.lang] }),
              );
            }),
          ),
        ),
      ),
    );
  }

  /** Before any sync: how the workbook would be read now (core's layout reader on a fresh read). */
  async function preview(): Promise<void> {
    try {
      const view = await readView(host.port());
      if (report) return; // a sync finished meanwhile: its view is shown
      renderProblems(view.read.errors, []);
      mapping.render(view, true);
    } catch (e) {
      showResult(t("failed", userMessage(e, env.lang)), true);
    }
  }

  // --- the whole pane --------------------------------------------------------------------------
  function render(): void {
    connectSection.hidden = conn !== undefined;
    accountSection.hidden = conn === undefined;
    syncSection.hidden = conn === undefined;
    if (conn) {
      const who =
        me === undefined || me === "unknown"
          ? t("roleUnknown")
          : [me.name ?? me.id, me.role && roleName(me.role, env.lang), me.unit].filter(Boolean).join(" · ");
      fill(
        accountSection,
        el("p", { attrs: { id: "who" } }, el("strong", { text: `${t("signedInAs")}: ` }), who),
        el("p", { class: "muted", text: conn.server }),
        isAdmin() &&
          el("p", { class: "notice", attrs: { id: "admin-token", role: "status" }, text: t("adminToken") }),
        el("button", {
          attrs: { type: "button", id: "sign-out" },
          text: t("signOut"),
          on: { click: () => signOut() },
        }),
      );
      syncButton.textContent = readsOnly() ? t("refreshSummary") : t("sync");
    }
    const last = loadLastCommand(store, partitionKey);
    footer.textContent = last ? t("lastCommand", `${when(last.at, env.lang)} — ${last.line}`) : "";
    warnings.reset(conn !== undefined);
    history.reset(conn !== undefined);
    renderReport();
  }

  mapping.empty();
  render();
  if (conn) {
    const saved = conn;
    fetchMe(saved).then(
      (m) => {
        me = m;
        render();
      },
      (e: unknown) => {
        if (tokenRefused(e)) signOut(t("badToken")); // revoked since last time
        // otherwise offline now: the sync itself will say so
      },
    );
  }
}

function conflictKey(c: { id: string; field: string }): string {
  return `${c.id}/${c.field}`;
}

/** A record value as the user reads it (deadlines and dates carry their text). */
function shown(v: unknown): string {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "object") return (v as { text?: string }).text ?? JSON.stringify(v);
  return String(v);
}

function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "en" ? "en-GB" : "vi-VN");
}
