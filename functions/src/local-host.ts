import http from "node:http";
import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { corsHeaders } from "./http/cors";
import { LIMITS } from "../../core/sync/protocol";
import { guarded, matchRoute, ROUTES, type Services } from "./http/route-table";
import { problems } from "./http/problem";

async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > LIMITS.maxBodyBytes) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function answer(req: http.IncomingMessage, services: () => Services): Promise<HttpResponseInit> {
  const url = new URL(req.url ?? "/", "http://localhost");
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
  if (!body) return problems.tooLarge(LIMITS.maxBodyBytes).toResponse();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  const request = new HttpRequest({
    method: req.method,
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams),
    params: hit.params!,
    body: { bytes: body },
  });
  return guarded(hit.route, services)(request, new InvocationContext({ functionName: hit.route.name }));
}

/**
 * The project's own local host for the same route table (the Core Tools cannot be installed here):
 * a plain Node server that turns each request into the SDK's HttpRequest and the handler's answer
 * back into HTTP. Same routes, methods and auth rules as on Azure.
 */
export function createLocalHost(services: () => Services): http.Server {
  return http.createServer((req, res) => {
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
        console.error(e);
        res.writeHead(500, { "content-type": "application/problem+json" });
        res.end(JSON.stringify({ title: "Internal Server Error", status: 500 }));
      },
    );
  });
}
