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
import { ensurePortFree } from "../functions/src/dev/azurite";

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

/**
 * `npm start`'s add-in half: builds dist/addin when it is missing or was built for another API
 * address, then serves it at https://localhost:<port> with the office-addin-dev-certs certificates
 * (generated on first use; trusting their CA is a one-time step, README "Sideloading"). Returns
 * undefined, after saying why, when it cannot (the API keeps running).
 */
export async function startAddinForDev(options: {
  port: number;
  apiUrl: string;
  log: (line: string) => void;
}): Promise<StaticServer | undefined> {
  const { readFileSync } = await import("node:fs");
  const { spawnSync } = await import("node:child_process");
  // A taken port first: building would rewrite dist/addin under the stack that serves it there.
  try {
    await ensurePortFree(options.port, "localhost");
  } catch (e) {
    options.log(addinNotServed(options.port, e as Error & { code?: string }));
    return undefined;
  }
  const page = "dist/addin/taskpane.html";
  const api = new URL(options.apiUrl).origin;
  const origins = `${api} ${api.replace("127.0.0.1", "localhost")}`;
  if (!existsSync(page) || !readFileSync(page, "utf8").includes(api)) {
    options.log(`Building the add-in for ${api} (npx webpack --mode production)…`);
    const built = spawnSync("npx", ["webpack", "--mode", "production"], {
      env: { ...process.env, API_ORIGINS: origins },
      encoding: "utf8",
    });
    if (built.status !== 0) {
      options.log(
        `Không dựng được add-in, máy chủ API vẫn chạy / The add-in build failed; the API runs without it:\n${built.stdout}${built.stderr}`,
      );
      return undefined;
    }
  }
  try {
    const certs = await import("office-addin-dev-certs");
    const defaults = await import("office-addin-dev-certs/lib/defaults");
    if (!existsSync(defaults.localhostCertificatePath) || !existsSync(defaults.localhostKeyPath))
      await certs.generateCertificates();
    const served = await serveStatic("dist/addin", {
      port: options.port,
      host: "localhost",
      tls: {
        cert: readFileSync(defaults.localhostCertificatePath),
        key: readFileSync(defaults.localhostKeyPath),
      },
    });
    // Excel refuses an https add-in whose certificate it does not trust; installing the CA is the
    // user's one step (README, "Trust the development certificate once").
    options.log(
      `Chứng chỉ phát triển / development certificate: tin cậy một lần / trust once ${defaults.caCertificatePath}`,
    );
    return served;
  } catch (e) {
    options.log(addinNotServed(options.port, e as Error & { code?: string }));
    return undefined;
  }
}

function addinNotServed(port: number, error: Error & { code?: string }): string {
  const why =
    error.code === "EADDRINUSE"
      ? `cổng ${port} đang bận, đặt ADDIN_PORT / port ${port} is in use, set ADDIN_PORT`
      : error.message;
  return `Add-in chưa chạy, máy chủ API vẫn chạy / The add-in server did not start; the API runs without it (${why}).`;
}
