import type { Message } from "../model/records";
import { utf8Bytes } from "../text/utf8";
import * as v from "valibot";
import { parseSyncResponse, type MemberInfo, type SyncRequest, type SyncResponse } from "./protocol";
import { check, problemMessages, type Checked } from "../schemas/problem";
import { checkStatsReport, type StatsAnswer } from "../schemas/stats-answer";
import { MemberInfoSchema } from "../schemas/sync-wire";
import { calendarSchema, FieldsSchema, UnitsSchema, WarningSettingsSchema } from "../schemas/reference";
import type { CalendarYear } from "../calendar/calendar-data";
import type { Field } from "../reference/fields";
import type { Unit } from "../reference/units";
import type { WarningSettings } from "../stats/warnings";

/** What GET /api/reference/{kind}?year= answers, per kind. */
export interface ReferenceAnswers {
  fields: Field[];
  units: Unit[];
  calendar: CalendarYear;
  settings: WarningSettings;
}
const referenceCheckers: {
  [K in keyof ReferenceAnswers]: (json: unknown, year: number) => Checked<ReferenceAnswers[K]>;
} = {
  fields: (json) => check(FieldsSchema, json),
  units: (json) => check(UnitsSchema, json),
  calendar: (json, year) => check(calendarSchema(year), json),
  settings: (json) => check(WarningSettingsSchema, json),
};

/** GET /api/me: the member, with a name. */
const MeAnswerSchema = v.object({ ...MemberInfoSchema.entries, name: v.optional(v.string()) });

/**
 * A `GET /api/stats` query: `warnings` lists only that many of each kind (the most urgent, with the
 * counts of all); `previous` adds the statistics at that earlier cut-off to the same answer;
 * `trend` the change since a daily snapshot (a server without snapshots leaves it out).
 */
export interface StatsQuery {
  year: number;
  asOf: string;
  warnings?: number;
  previous?: string;
  /** Compare with the server's daily snapshot this many days before `asOf` (`trend` in the answer). */
  trend?: number;
}

/** How the engine talks to the server: one sync round trip, and the statistics. */
export interface SyncTransport {
  sync(request: SyncRequest): Promise<SyncResponse>;
  /** Who the token belongs to (GET /api/me). */
  me?(): Promise<MemberInfo & { name?: string | undefined }>;
  stats(query: StatsQuery): Promise<StatsAnswer>;
  /** The year's units as the server keeps them (an admin's list, else the shipped one); undefined if none. */
  units?(year: number): Promise<Unit[] | undefined>;
  /** Bytes of request and response bodies so far. */
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

/** The server answered with a problem (4xx/5xx), or could not be reached. */
export class TransportError extends Error {
  constructor(
    readonly status: number | "unreachable",
    readonly userMessage: Message,
  ) {
    super(userMessage.en);
    this.name = "TransportError";
  }
}

/** A busy server (503) is asked again at most this many times, waiting what Retry-After says (capped). */
export const BUSY_RETRIES = 5;
const MAX_RETRY_AFTER_S = 30;

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), within [1, 30]. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  const seconds =
    header === null ? NaN : /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - now) / 1000;
  return Math.min(MAX_RETRY_AFTER_S, Math.max(1, Number.isFinite(seconds) ? Math.ceil(seconds) : 2));
}

/** A connection that failed or an answer cut short is asked again this many times (same request). */
export const LOST_RETRIES = 2;
const LOST_BACKOFF_MS = 300;

/**
 * How long one request may take, answer included, before the user is told (a server that accepts
 * the connection and never answers would otherwise hold the sync for minutes: Node's own limit is
 * 300 s, and every request is asked again twice).
 */
export const REQUEST_TIMEOUT_MS = 60_000;

/** A request that took longer than the time allowed: not asked again (the server is stuck, not the line). */
class StuckServerError extends TransportError {}

function isTimeout(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "TimeoutError";
}

/**
 * Why a connection failed, from the cause fetch gives ("fetch failed" alone says nothing), and what
 * the user can do about it.
 */
export function connectionTrouble(e: unknown, baseUrl: string): { detail: string; vi: string; en: string } {
  const cause = (e as { cause?: { code?: string; message?: string } } | null)?.cause;
  const code = cause?.code ?? "";
  const detail = cause?.message ? `${code ? code + ": " : ""}${cause.message}` : (e as Error).message;
  let host = baseUrl;
  let hostname = baseUrl;
  try {
    ({ host, hostname } = new URL(baseUrl));
  } catch {
    // the address itself is broken: shown as given
  }
  if (code === "ECONNREFUSED")
    return {
      detail,
      vi: `Không có gì trả lời ở ${host}: hãy khởi động máy chủ (npm start) hoặc kiểm tra địa chỉ và cổng trong --server.`,
      en: `Nothing answers at ${host}: start the server (npm start) or check the address and port in --server.`,
    };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return {
      detail,
      vi: `Không tìm thấy tên máy "${hostname}": kiểm tra địa chỉ trong --server và kết nối mạng.`,
      en: `The host name "${hostname}" cannot be found: check the address in --server and the network connection.`,
    };
  if (/CERT|UNABLE_TO_VERIFY|SELF_SIGNED/.test(code))
    return {
      detail,
      vi: `Chứng chỉ https của ${host} không được tin cậy: kiểm tra địa chỉ (máy chủ API của npm start dùng http://…:7071/api).`,
      en: `The https certificate of ${host} is not trusted: check the address (the API that npm start runs is http://…:7071/api).`,
    };
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET")
    return {
      detail,
      vi: `${host} đã đóng kết nối: kiểm tra --server là địa chỉ của API (không phải trang add-in), hoặc mạng, rồi đồng bộ lại.`,
      en: `${host} closed the connection: check that --server is the API's address (not the add-in's pages) or the network, then sync again.`,
    };
  return {
    detail,
    vi: "Kiểm tra máy chủ (npm start), địa chỉ trong --server và mạng, rồi đồng bộ lại.",
    en: "Check the server (npm start), the address in --server and the network, then sync again.",
  };
}

/** A 4xx/5xx answer: the server's own message when it is a problem document, else the start of the text. */
export function problemError(status: number, answer: string): TransportError {
  const problem = problemMessages(answer);
  return new TransportError(status, {
    vi: `Máy chủ trả lời ${status}: ${problem.vi ?? answer.slice(0, 200)}`,
    en: `The server answered ${status}: ${problem.en ?? answer.slice(0, 200)}`,
  });
}

/** The HTTP transport, on `fetch` (browser and Node alike). */
export class HttpTransport implements SyncTransport {
  bytesSent = 0;
  bytesReceived = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    /** How to wait before asking a busy server again (tests pass a fast one). */
    private readonly wait: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
    /** Each request's time limit (answer included). */
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  /** One call; `read` checks the parsed answer against the contract (a schema) and types it. */
  private async call<T>(
    method: string,
    path: string,
    read: (json: unknown) => T,
    body?: unknown,
  ): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    // Every call may be asked again: a sync carries an operation id (the server applies it once and
    // answers a repeat with the same results), the others only read.
    for (let attempt = 0, lost = 0; ; attempt++) {
      const got = await this.attempt(method, path, text);
      if (got instanceof TransportError) {
        if (got instanceof StuckServerError || lost++ >= LOST_RETRIES) throw got;
        await this.wait(LOST_BACKOFF_MS * 2 ** (lost - 1) * (0.5 + Math.random()));
        continue;
      }
      const { res, answer } = got;
      if (res.status === 503 && attempt < BUSY_RETRIES) {
        await this.wait(retryAfterSeconds(res.headers.get("retry-after")) * 1000);
        continue;
      }
      if (!res.ok) throw problemError(res.status, answer);
      let json: unknown;
      try {
        json = JSON.parse(answer);
      } catch {
        if (lost++ >= LOST_RETRIES) throw this.brokenAnswer("the answer is not complete JSON");
        continue;
      }
      return read(json);
    }
  }

  /** One request: the answer, or a transport error when the connection failed or was cut short. */
  private async attempt(
    method: string,
    path: string,
    text: string | undefined,
  ): Promise<{ res: Response; answer: string } | TransportError> {
    this.bytesSent += text ? utf8Bytes(text) : 0;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/+$/, "")}/api/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(text ? { "content-type": "application/json" } : {}),
        },
        ...(text ? { body: text } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      if (isTimeout(e)) return this.timedOut();
      const why = connectionTrouble(e, this.baseUrl);
      return new TransportError("unreachable", {
        vi: `Không kết nối được máy chủ ${this.baseUrl} (${why.detail}); sổ tính chưa bị thay đổi. ${why.vi}`,
        en: `Cannot reach the server ${this.baseUrl} (${why.detail}); the workbook was not changed. ${why.en}`,
      });
    }
    try {
      const answer = await res.text();
      this.bytesReceived += utf8Bytes(answer);
      return { res, answer };
    } catch (e) {
      if (isTimeout(e)) return this.timedOut();
      return this.brokenAnswer((e as Error).message);
    }
  }

  /** No (complete) answer within the time allowed. */
  private timedOut(): StuckServerError {
    const s = Math.round(this.timeoutMs / 1000);
    return new StuckServerError("unreachable", {
      vi: `Máy chủ ${this.baseUrl} không trả lời trong ${s} giây; sổ tính chưa bị thay đổi. Hãy kiểm tra máy chủ (khởi động lại \`npm start\`) hoặc mạng rồi đồng bộ lại; những gì máy chủ đã nhận sẽ không bị gửi hai lần.`,
      en: `The server ${this.baseUrl} did not answer within ${s} s; the workbook was not changed. Check the server (restart \`npm start\`) or the network, then sync again; nothing the server received is sent twice.`,
    });
  }

  /** An answer cut short on the way: like a dropped connection, nothing of it is used. */
  private brokenAnswer(why: string): TransportError {
    return new TransportError("unreachable", {
      vi: `Câu trả lời của máy chủ ${this.baseUrl} bị cắt giữa chừng (${why}); sổ tính chưa bị thay đổi, hãy đồng bộ lại.`,
      en: `The answer from ${this.baseUrl} was cut short (${why}); the workbook was not changed: sync again.`,
    });
  }

  /** A complete answer that does not follow the contract: nothing of it is used, nothing is retried. */
  private offContract(what: string, pointer: string): TransportError {
    return new TransportError("unreachable", {
      vi: `Câu trả lời ${what} của máy chủ ${this.baseUrl} không đúng hợp đồng (tại "${pointer}"); sổ tính chưa bị thay đổi.`,
      en: `The server ${this.baseUrl} answered ${what} off the contract (at "${pointer}"); the workbook was not changed.`,
    });
  }

  private checked<T>(what: string, result: Checked<T>): T {
    if (!result.ok) throw this.offContract(what, result.pointer);
    return result.value;
  }

  sync(request: SyncRequest): Promise<SyncResponse> {
    return this.call("POST", "sync", (json) => this.checked("sync", parseSyncResponse(json)), request);
  }

  me(): Promise<MemberInfo & { name?: string | undefined }> {
    return this.call("GET", "me", (json) => this.checked("me", check(MeAnswerSchema, json)));
  }

  units(year: number): Promise<Unit[] | undefined> {
    return this.reference("units", year);
  }

  /** A year's reference list (GET /api/reference/{kind}?year=), checked; undefined when the server has none (404). */
  async reference<K extends keyof ReferenceAnswers>(
    kind: K,
    year: number,
  ): Promise<ReferenceAnswers[K] | undefined> {
    const read = (json: unknown) => this.checked(`reference/${kind}`, referenceCheckers[kind](json, year));
    try {
      return await this.call("GET", `reference/${kind}?year=${year}`, read);
    } catch (e) {
      if (e instanceof TransportError && e.status === 404) return undefined;
      throw e;
    }
  }

  stats(query: StatsQuery): Promise<StatsAnswer> {
    const params = new URLSearchParams({ year: String(query.year), asOf: query.asOf });
    if (query.warnings !== undefined) params.set("warnings", String(query.warnings));
    if (query.previous !== undefined) params.set("previous", query.previous);
    if (query.trend !== undefined) params.set("trend", String(query.trend));
    return this.call("GET", `stats?${params.toString()}`, (json) =>
      this.checked("stats", checkStatsReport(json)),
    );
  }
}
