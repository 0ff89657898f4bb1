/**
 * What the add-in remembers on this computer, never in the workbook (a workbook is e-mailed
 * around): the server address and the personal token, keyed by `Office.context.partitionKey`
 * (each add-in installation gets its own partition in Excel on the web), and the last result of a
 * ribbon sync, for the pane to show.
 */
export interface Connection {
  server: string;
  token: string;
}

/** The part of `Storage` used, so that tests can pass a Map-backed one. */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const key = (partitionKey: string | undefined, name: string) => `${partitionKey ?? ""}cchc.${name}`;

export function loadConnection(
  store: KeyValueStore,
  partitionKey: string | undefined,
): Connection | undefined {
  const text = store.getItem(key(partitionKey, "connection"));
  if (!text) return undefined;
  try {
    const c = JSON.parse(text) as Partial<Connection>;
    return typeof c.server === "string" && typeof c.token === "string" && c.token
      ? { server: c.server, token: c.token }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveConnection(store: KeyValueStore, partitionKey: string | undefined, c: Connection): void {
  store.setItem(key(partitionKey, "connection"), JSON.stringify(c));
}

/** Sign out: the token is forgotten; the server address stays to save typing. */
export function forgetToken(store: KeyValueStore, partitionKey: string | undefined): void {
  const c = loadConnection(store, partitionKey);
  store.removeItem(key(partitionKey, "connection"));
  if (c) store.setItem(key(partitionKey, "server"), c.server);
}

export function lastServer(store: KeyValueStore, partitionKey: string | undefined): string | undefined {
  return (
    loadConnection(store, partitionKey)?.server ?? store.getItem(key(partitionKey, "server")) ?? undefined
  );
}

export function saveLastCommand(store: KeyValueStore, partitionKey: string | undefined, line: string): void {
  store.setItem(key(partitionKey, "lastCommand"), JSON.stringify({ at: new Date().toISOString(), line }));
}

export function loadLastCommand(
  store: KeyValueStore,
  partitionKey: string | undefined,
): { at: string; line: string } | undefined {
  try {
    const v = JSON.parse(store.getItem(key(partitionKey, "lastCommand")) ?? "null") as {
      at: string;
      line: string;
    } | null;
    return v ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server address a user may type: https, or http on this computer (the local stack). The
 * origin must also be one the page's Content-Security-Policy allows (API_ORIGINS at build time).
 */
export function checkServer(
  address: string,
  allowedOrigins: string[],
): { origin: string } | { error: "bad" | "notAllowed" } {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { error: "bad" };
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) return { error: "bad" };
  if (!allowedOrigins.includes(url.origin)) return { error: "notAllowed" };
  return { origin: url.origin };
}
