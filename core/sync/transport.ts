import type { Message } from "../model/records";
import type { StatsReport } from "../stats/report";
import type { SyncRequest, SyncResponse } from "./protocol";

/** How the engine talks to the server: one sync round trip, and the statistics. */
export interface SyncTransport {
  sync(request: SyncRequest): Promise<SyncResponse>;
  stats(query: { year: number; asOf: string }): Promise<StatsReport>;
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

/** The HTTP transport, on `fetch` (browser and Node alike). */
export class HttpTransport implements SyncTransport {
  bytesSent = 0;
  bytesReceived = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    this.bytesSent += text ? new TextEncoder().encode(text).length : 0;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/+$/, "")}/api/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(text ? { "content-type": "application/json" } : {}),
        },
        ...(text ? { body: text } : {}),
      });
    } catch (e) {
      throw new TransportError("unreachable", {
        vi: `Không kết nối được máy chủ ${this.baseUrl} (${(e as Error).message}); sổ tính chưa bị thay đổi.`,
        en: `Cannot reach the server ${this.baseUrl} (${(e as Error).message}); the workbook was not changed.`,
      });
    }
    let answer: string;
    try {
      answer = await res.text();
    } catch (e) {
      throw this.brokenAnswer((e as Error).message);
    }
    this.bytesReceived += new TextEncoder().encode(answer).length;
    if (!res.ok) {
      let problem: { vi?: string; en?: string } = {};
      try {
        problem = JSON.parse(answer) as { vi?: string; en?: string };
      } catch {
        // not a problem document
      }
      throw new TransportError(res.status, {
        vi: `Máy chủ trả lời ${res.status}: ${problem.vi ?? answer.slice(0, 200)}`,
        en: `The server answered ${res.status}: ${problem.en ?? answer.slice(0, 200)}`,
      });
    }
    try {
      return JSON.parse(answer) as T;
    } catch {
      throw this.brokenAnswer("the answer is not complete JSON");
    }
  }

  /** An answer cut short on the way: like a dropped connection, nothing of it is used. */
  private brokenAnswer(why: string): TransportError {
    return new TransportError("unreachable", {
      vi: `Câu trả lời của máy chủ ${this.baseUrl} bị cắt giữa chừng (${why}); sổ tính chưa bị thay đổi, hãy đồng bộ lại.`,
      en: `The answer from ${this.baseUrl} was cut short (${why}); the workbook was not changed: sync again.`,
    });
  }

  sync(request: SyncRequest): Promise<SyncResponse> {
    return this.call("POST", "sync", request);
  }

  stats(query: { year: number; asOf: string }): Promise<StatsReport> {
    return this.call("GET", `stats?year=${query.year}&asOf=${encodeURIComponent(query.asOf)}`);
  }
}
