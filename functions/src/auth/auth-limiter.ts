/**
 * Brute-force protection for tokens (issue 12): failed authentications are counted per client
 * address and per token id *from that address* in a fixed window; past the limit every attempt
 * from that address (or for that token id from that address) is answered 429 with Retry-After until
 * the window ends, a correct token included (else a correct guess would stand out). A token id is
 * public (`cchc admin list`, the CLI's 401 message, a refusal kept in an e-mailed workbook's state):
 * counted across all addresses, anyone could lock any member out from anywhere with 10 requests
 * every 5 minutes (T9 finding S1). Guessing the 256-bit secret from many addresses gains nothing.
 * A department sits behind one address: one colleague (or a revoked token in a scheduled sync)
 * locked the whole office out. So a token id that signed in from an address before (within
 * KNOWN_MS) is still checked there while that address is locked, and passes when right (T9 S4);
 * its wrong secrets stay locked. A token never seen from a locked address still waits.
 * Kept in memory per process: on Azure each instance counts for itself, so the effective limit is
 * the limit × instances. Only token ids (public identifiers) and addresses are kept, never a secret.
 */
export interface AuthLimits {
  windowMs: number;
  perAddress: number;
  perTokenId: number;
  /** At most this many keys are tracked; the oldest windows are dropped first. */
  maxKeys: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  windowMs: 5 * 60_000,
  perAddress: 30,
  perTokenId: 10,
  maxKeys: 100_000,
};

const tokenKey = (address: string, tokenId: string) => `t:${tokenId}@${address}`;

/** How long a token id that signed in from an address stays known there. */
export const KNOWN_MS = 30 * 86_400_000;

interface Window {
  start: number;
  failures: number;
}

export class AuthLimiter {
  private readonly windows = new Map<string, Window>();
  /** Token id at address → the time of its last success there. */
  private readonly known = new Map<string, number>();

  constructor(
    readonly limits: AuthLimits = DEFAULT_AUTH_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(address: string, tokenId: string | undefined): [string, number][] {
    const keys: [string, number][] = [[`a:${address}`, this.limits.perAddress]];
    if (tokenId) keys.push([tokenKey(address, tokenId), this.limits.perTokenId]);
    return keys;
  }

  private current(key: string): Window | undefined {
    const w = this.windows.get(key);
    if (w && this.now() - w.start >= this.limits.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Seconds to wait when the address or token id is locked; undefined when it may try. */
  retryAfter(address: string, tokenId: string | undefined): number | undefined {
    let wait: number | undefined;
    for (const [key, limit] of this.keys(address, tokenId)) {
      const w = this.current(key);
      if (w && w.failures >= limit) {
        const s = Math.ceil((w.start + this.limits.windowMs - this.now()) / 1000);
        wait = Math.max(wait ?? 0, s, 1);
      }
    }
    return wait;
  }

  /** Counts a failed authentication; true when this failure locked the address or token id. */
  fail(address: string, tokenId: string | undefined): boolean {
    let locked = false;
    for (const [key, limit] of this.keys(address, tokenId)) {
      let w = this.current(key);
      if (!w) {
        if (this.windows.size >= this.limits.maxKeys) this.windows.delete(this.windows.keys().next().value!);
        this.windows.set(key, (w = { start: this.now(), failures: 0 }));
      }
      w.failures++;
      if (w.failures === limit) locked = true;
    }
    return locked;
  }

  /** A correct token clears its own id's count there (never the address's: successes must not launder guesses). */
  succeed(address: string, tokenId: string): void {
    const key = tokenKey(address, tokenId);
    this.windows.delete(key);
    this.known.delete(key); // re-inserted last: the oldest successes are dropped first
    if (this.known.size >= this.limits.maxKeys) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, this.now());
  }

  /** Whether this token id signed in from this address within KNOWN_MS: checked even while the address is locked. */
  knownAt(address: string, tokenId: string | undefined): boolean {
    const at = tokenId === undefined ? undefined : this.known.get(tokenKey(address, tokenId));
    return at !== undefined && this.now() - at < KNOWN_MS;
  }
}

/** The token id of a bearer token, if it has the shape of one (whether or not it is valid). */
export function tokenIdOf(authorization: string | null): string | undefined {
  return /cchc_([A-Za-z0-9_-]{12})\./.exec(authorization ?? "")?.[1];
}

/**
 * The client's address: the last entry of X-Forwarded-For (the one the platform's front end added;
 * the local host sets it from the socket), without a port. An IPv6 address counts as its /64: one
 * client (a home, an office, a cloud VM) is given a whole /64 and can pick any address in it, so
 * counting per address would let it make 2^64 fresh tries. IPv4 written as IPv6 (::ffff:a.b.c.d)
 * is the IPv4 address.
 */
export function clientAddress(forwardedFor: string | null): string {
  const last = (forwardedFor ?? "").split(",").pop()?.trim() ?? "";
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(last);
  if (v4) return v4[1]!;
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(last)?.[1] ?? (last.includes(":") ? last : undefined);
  const grouped = v6 === undefined ? undefined : ipv6Group(v6);
  return grouped ?? (last.slice(0, 64) || "unknown");
}

/** An IPv6 address → its /64 ("2001:db8:1:2::/64"); loopback stays "::1"; undefined when not IPv6. */
export function ipv6Group(address: string): string | undefined {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (address === "::1") return address;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (text: string | undefined) => (text ? text.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const hextets =
    halves.length === 2
      ? [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail]
      : head;
  if (hextets.length !== 8 || !hextets.every((h) => /^[0-9a-fA-F]{1,4}$/.test(h))) return undefined;
  return `${hextets
    .slice(0, 4)
    .map((h) => parseInt(h, 16).toString(16))
    .join(":")}::/64`;
}
