import http from "node:http";
import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { guarded, ROUTES, type Services } from "./http/route-table";
import { problems } from "./http/problem";

/**
 * The project's own local host for the same route table (the Core Tools cannot be installed here):
 * a plain Node server that turns each request into the SDK's HttpRequest and the handler's answer
 * back into HTTP. Same routes, methods and auth rules as on Azure.
 */
export function createLocalHost(services: () => Services): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.replace(/^\/api\/?/, "");
    const route = ROUTES.find((r) => r.route === path);
    let answer: HttpResponseInit;
    if (!url.pathname.startsWith("/api/") || !route) answer = problems.notFound().toResponse();
    else if (!route.methods.includes((req.method ?? "GET") as "GET"))
      answer = problems.methodNotAllowed().toResponse();
    else {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const request = new HttpRequest({
        method: req.method ?? "GET",
        url: url.toString(),
        headers,
        query: Object.fromEntries(url.searchParams),
        body: { bytes: Buffer.concat(chunks) },
      });
      answer = await guarded(route, services)(request, new InvocationContext({ functionName: route.name }));
    }
    const body =
      answer.jsonBody !== undefined
        ? JSON.stringify(answer.jsonBody)
        : ((answer.body as string | undefined) ?? "");
    const headers = {
      "content-type": "application/json",
      ...(answer.headers as Record<string, string> | undefined),
    };
    res.writeHead(answer.status ?? 200, headers);
    res.end(body);
  });
}
