import http from "node:http";
import type { AddressInfo } from "node:net";

/** A request the proxy holds: the server has not seen it yet. */
export interface HeldRequest {
  method: string;
  url: string;
  /** Sends it on to the server and its answer back (if the client is still there). */
  release(): Promise<void>;
  /** Closes the connection without an answer: the server never sees the request. */
  drop(): void;
}

/**
 * An HTTP proxy in front of the real server that holds the requests a test chooses until the test
 * releases them: the command line is then stuck at a known step ("talking to the server"), on real
 * sockets, and a signal can be sent to it there.
 */
export interface HoldingProxy {
  url: string;
  /** Requests matching this are held; the others go through. */
  hold: (method: string, url: string) => boolean;
  /** Resolves with the next held request. */
  nextHeld(): Promise<HeldRequest>;
  /** Requests seen, in order ("POST /api/sync"). */
  seen: string[];
  stop(): Promise<void>;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
  return new Promise<void>((resolve) => {
    const out = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          if (!res.destroyed) {
            const headers = { ...answer.headers };
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(Buffer.concat(chunks));
          }
          resolve();
        });
      },
    );
    out.on("error", () => {
      res.destroy();
      resolve();
    });
    out.end(body);
  });
}

export async function startHoldingProxy(targetUrl: string): Promise<HoldingProxy> {
  const target = new URL(targetUrl);
  const waiting: ((h: HeldRequest) => void)[] = [];
  const queued: HeldRequest[] = [];
  const proxy: HoldingProxy = {
    url: "",
    hold: () => false,
    seen: [],
    nextHeld: () =>
      new Promise((resolve) => {
        const first = queued.shift();
        if (first) resolve(first);
        else waiting.push(resolve);
      }),
    stop: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      proxy.seen.push(`${method} ${url.split("?")[0]}`);
      if (!proxy.hold(method, url)) return void forward(target, req, body, res);
      const held: HeldRequest = {
        method,
        url,
        release: () => forward(target, req, body, res),
        drop: () => void req.socket.destroy(),
      };
      const taker = waiting.shift();
      if (taker) taker(held);
      else queued.push(held);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
