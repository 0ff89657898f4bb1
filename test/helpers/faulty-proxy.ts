import http from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../../core/samples/seed-dossiers";

export { seededRandom };

export type Fault = "none" | "drop-request" | "drop-response" | "delay" | "truncate" | "duplicate";

export interface FaultyProxy {
  url: string;
  /** How many requests met each fault. */
  counts: Record<Fault, number>;
  /** Faults are injected only while this is true. */
  enabled: boolean;
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * An HTTP proxy in front of the real server that, at random, drops a request before the server sees
 * it, drops the answer after the server applied it, delays, truncates the answer, or sends the
 * request twice: the faults of a bad connection, on real sockets.
 */
export async function startFaultyProxy(
  targetUrl: string,
  seed: number,
  faultRate = 0.35,
): Promise<FaultyProxy> {
  const target = new URL(targetUrl);
  const random = seededRandom(seed);
  const faults: Fault[] = ["drop-request", "drop-response", "delay", "truncate", "duplicate"];
  const counts = Object.fromEntries(["none", ...faults].map((f) => [f, 0])) as Record<Fault, number>;
  const proxy: FaultyProxy = { url: "", counts, enabled: true, stop: async () => {} };

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const fault: Fault =
        proxy.enabled && random() < faultRate ? faults[Math.floor(random() * faults.length)]! : "none";
      counts[fault]++;
      if (fault === "drop-request") return void req.socket.destroy();
      if (fault === "delay") await new Promise((r) => setTimeout(r, Math.floor(random() * 150)));
      if (fault === "duplicate") await forward(target, req, body).catch(() => undefined);
      const answer = await forward(target, req, body);
      if (fault === "drop-response") return void req.socket.destroy();
      const headers = { ...answer.headers };
      delete headers["content-length"];
      delete headers["transfer-encoding"];
      delete headers.connection;
      res.writeHead(answer.status, headers);
      if (fault === "truncate") {
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        return void res.end();
      }
      res.end(answer.body);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
