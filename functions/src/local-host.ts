import http from "node:http";
import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { clientAddress } from "./auth/auth-limiter";
import { corsHeaders } from "./http/cors";
import { LIMITS } from "../../core/sync";
import { guarded, matchRoute, ROUTES, type Services } from "./http/route-table";
import { Problem, problems } from "./http/problem";

/** Beyond this much an oversize body is no longer read: the answer is sent and the connection closed. */
const DRAIN_LIMIT = 8 * LIMITS.maxBodyBytes;

/**
 * Connections one client address may hold open at once. A slow client (slowloris: headers or a body
 * dribbled a byte a second, kept up to Node's 300 s request timeout) costs an open file each: from one
 * address, hundreds of them used up the host's open files, and then nobody else could connect and
 * the host could not reach its store (T9 finding S2). Above the cap, a new connection from that
 * address is closed at once. 256 leaves room for an office behind one address (each sync uses a few).
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 256;

/** A request whose client hung up before its body ended: nobody to answer, and no server error. */
class ClientGone extends Error {}

function capConnectionsPerAddress(server: http.Server, max: number): void {
  const open = new Map<string, number>();
  server.on("connection", (socket) => {
    // Counted as the limiter counts clients: an IPv6 one per /64.
    const address = clientAddress(socket.remoteAddress ?? null);
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/**
 * The body, or undefined when it is over the limit. An oversize body is still read to its end (and
 * discarded) so that the client, still sending, always receives the 413: leaving a `for await` early
 * would destroy the socket under it (a reset instead of an answer).
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= LIMITS.maxBodyBytes) chunks.push(c);
      else if (size > DRAIN_LIMIT) {
        req.pause();
        resolve(undefined);
      }
    });
    req.on("end", () => resolve(size > LIMITS.maxBodyBytes ? undefined : Buffer.concat(chunks)));
    req.on("error", (e) => reject(req.destroyed ? new ClientGone(e.message) : e));
  });
}

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? "/", "http://localhost");
  } catch {
    throw problems.badRequest({ vi: "Địa chỉ yêu cầu không hợp lệ.", en: "Malformed request URL." });
  }
}

async function answer(req: http.IncomingMessage, services: () => Services): Promise<HttpResponseInit> {
  try {
    return await route(req, services);
  } catch (e) {
    if (e instanceof Problem) return e.toResponse();
    throw e;
  }
}

async function route(req: http.IncomingMessage, services: () => Services): Promise<HttpResponseInit> {
  const url = parseUrl(req.url);
  const origin = req.headers.origin ?? null;
  if (!url.pathname.startsWith("/api/")) return problems.notFound().toResponse();
  const path = url.pathname.slice("/api/".length);
  const candidates = ROUTES.map((route) => ({ route, params: matchRoute(route.route, path) })).filter(
    (c) => c.params,
  );
  if (candidates.length === 0) return problems.notFound().toResponse();
  if (req.method === "OPTIONS") {
    const headers = corsHeaders(origin);
    return { status: Object.keys(headers).length ? 204 : 403, headers };
  }
  const hit = candidates.find((c) => c.route.method === req.method);
  if (!hit) return problems.methodNotAllowed().toResponse();
  const body = await readBody(req);
  if (!body) {
    const tooLarge = problems.tooLarge(LIMITS.maxBodyBytes).toResponse();
    return { ...tooLarge, headers: { ...(tooLarge.headers as Record<string, string>), connection: "close" } };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  // The peer's address, as Azure's front end would add it: a client cannot choose its own.
  headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  const request = new HttpRequest({
    method: req.method ?? "GET",
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams),
    params: hit.params!,
    // GET and HEAD carry no body (the SDK would discard it, noisily).
    ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: { bytes: body } }),
  });
  return guarded(hit.route, services)(request, new InvocationContext({ functionName: hit.route.name }));
}

/**
 * The project's own local host for the same route table (the Core Tools cannot be installed here):
 * a plain Node server that turns each request into the SDK's HttpRequest and the handler's answer
 * back into HTTP. Same routes, methods and auth rules as on Azure.
 */
export function createLocalHost(
  services: () => Services,
  { maxConnectionsPerAddress = MAX_CONNECTIONS_PER_ADDRESS } = {},
): http.Server {
  const server = http.createServer((req, res) => {
    answer(req, services).then(
      (a) => {
        const body =
          a.jsonBody !== undefined ? JSON.stringify(a.jsonBody) : ((a.body as string | undefined) ?? "");
        res.writeHead(a.status ?? 200, {
          ...(body ? { "content-type": "application/json" } : {}),
          ...(a.headers as Record<string, string> | undefined),
        });
        res.end(body);
      },
      (e: unknown) => {
        if (e instanceof ClientGone) return;
        console.error(e);
        res.writeHead(500, { "content-type": "application/problem+json" });
        res.end(JSON.stringify({ title: "Internal Server Error", status: 500 }));
      },
    );
  });
  capConnectionsPerAddress(server, maxConnectionsPerAddress);
  return server;
}
