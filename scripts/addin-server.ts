/**
 * A static file server for the built add-in (dist/addin): https with the development certificates
 * for `npm start`, plain http on a free port for the browser test. Only files under the root are
 * served; anything else is 404.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(
  root: string,
  options: { port?: number; host?: string; tls?: { cert: Buffer; key: Buffer } } = {},
): Promise<StaticServer> {
  const base = path.resolve(root);
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = path.resolve(base, "." + decodeURIComponent(url.pathname).replace(/\/$/, "/taskpane.html"));
    if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    createReadStream(file).pipe(res);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) =>
    server.once("error", reject).listen(options.port ?? 0, host, resolve),
  );
  const { port } = server.address() as AddressInfo;
  const shown = options.tls ? "localhost" : host;
  return {
    url: `${options.tls ? "https" : "http"}://${shown}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
