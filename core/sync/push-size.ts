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
