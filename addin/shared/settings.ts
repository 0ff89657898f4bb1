import * as v from "valibot";
import { parseJsonText } from "../../core/schemas";

/**
 * What the add-in remembers on this computer, never in the workbook (a workbook is e-mailed
 * around): the server address and the personal token, keyed by `Office.context.partitionKey`
 * (each add-in installation gets its own partition in Excel on the web), and the last result of a
 * ribbon sync, for the pane to show. A saved value that is damaged (or edited) is ignored.
 */
export const ConnectionSchema = v.object({ server: v.string(), token: v.pipe(v.string(), v.minLength(1)) });
export type Connection = v.InferOutput<typeof ConnectionSchema>;

/** The part of `Storage` used, so that tests can pass a Map-backed one. */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const key = (partitionKey: string | undefined, name: string) => `${partitionKey ?? ""}cchc.${name}`;

const LastCommandSchema = v.object({ at: v.string(), line: v.string() });

/** The saved value of `name` when it is JSON of `schema`'s shape; undefined otherwise, never a throw. */
function loadJson<S extends v.GenericSchema>(
  store: KeyValueStore,
  partitionKey: string | undefined,
  name: string,
  schema: S,
): v.InferOutput<S> | undefined {
  const text = store.getItem(key(partitionKey, name));
  const json = text ? parseJsonText(text) : undefined;
  const value = json?.ok ? v.safeParse(schema, json.value) : undefined;
  return value?.success ? value.output : undefined;
}

export function loadConnection(
  store: KeyValueStore,
  partitionKey: string | undefined,
): Connection | undefined {
  return loadJson(store, partitionKey, "connection", ConnectionSchema);
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
  return loadJson(store, partitionKey, "lastCommand", LastCommandSchema);
}

/**
 * The server's base address as the pane keeps it: spaces and trailing slashes dropped, and a
 * trailing `/api` too, since `npm start` prints the API as `http://127.0.0.1:7071/api` and the
 * pane adds `/api/…` itself (with it kept, every call went to `/api/api/…`).
 */
export function serverBase(address: string): string {
  return address
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/api$/i, "")
    .replace(/\/+$/, "");
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
