import { LIMITS } from "../schemas/sync-wire";
import type { PushedRecord } from "./protocol";
import { utf8Bytes } from "../text/utf8";

export { utf8Bytes };

/**
 * How many records one push request carries. At most 1,000 (the request's size limit keeps well
 * inside it); fewer when the server is slow: a store whose writes slow down as a partition grows
 * (Azurite: about 20 s per 1,000 records with 90,000 stored, more on a busy machine) would let a
 * request of 1,000 outlast the client's time limit (60 s), and the sync fail where it could go on.
 * Each request aims at PUSH_TARGET_MS from the time the last one took per record.
 */
export const MAX_PUSH = 1000;
export const MIN_PUSH = 100;
export const PUSH_TARGET_MS = 10_000;

/** The next request's size, after `sent` records took `ms` (answer included). */
export function nextPushSize(current: number, sent: number, ms: number): number {
  // A small request (the last of a queue, or a pull) says little about the rate.
  if (sent < MIN_PUSH || ms <= 0) return current;
  const perRecord = ms / sent;
  return Math.max(MIN_PUSH, Math.min(MAX_PUSH, Math.floor(PUSH_TARGET_MS / perRecord)));
}

/**
 * A request's records hold at most this many bytes of JSON. The server takes 8 MiB of body: 700
 * dossiers with 14,000-character notes made a request of 13 MB, refused (413) at every sync. Half
 * the limit leaves room for the request's envelope (cursor, operation id) and keeps each request's
 * server time bounded by its bytes as well as by its count.
 */
export const MAX_PUSH_BYTES = LIMITS.maxBodyBytes / 2;

/**
 * How many of `queue`'s records from `from` on the next request carries: at most `count`, and no
 * more than `maxBytes` of JSON, but always one (a single record is far below the limit: its data
 * holds at most 15,000 characters).
 */
export function requestLength(
  queue: readonly PushedRecord[],
  from: number,
  count: number,
  maxBytes = MAX_PUSH_BYTES,
): number {
  let bytes = 0;
  let n = 0;
  while (n < count && from + n < queue.length) {
    bytes += utf8Bytes(JSON.stringify(queue[from + n])) + 1;
    if (n > 0 && bytes > maxBytes) break;
    n++;
  }
  return n;
}
