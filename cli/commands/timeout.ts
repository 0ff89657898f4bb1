import { REQUEST_TIMEOUT_MS } from "../../core/sync";
import { UsageError } from "./io";

export const TIMEOUT_ENV = "CCHC_TIMEOUT";

/** Each request's time limit: `CCHC_TIMEOUT` seconds (a slow server or line), else 60 s. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[TIMEOUT_ENV]?.trim();
  if (!text) return REQUEST_TIMEOUT_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new UsageError({
      vi: `${TIMEOUT_ENV} là số giây chờ máy chủ trả lời (1–3600), không phải "${text}".`,
      en: `${TIMEOUT_ENV} is the seconds to wait for the server's answer (1–3600), not "${text}".`,
    });
  return seconds * 1000;
}
