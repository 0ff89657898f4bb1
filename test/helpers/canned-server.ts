import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the canned server answers to every request; a test sets it before each call. */
export interface CannedAnswer {
  status: number;
  body: string;
}

/**
 * A server that answers every request with one canned answer (an HTML error page, `null`, JSON off
 * the contract...), started before the suite's tests and closed after: for clients that must name
 * a strange answer, never crash on it.
 */
export function cannedServer(contentType: string): { url: string; answer: CannedAnswer } {
  const canned = { url: "", answer: { status: 200, body: "[]" } };
  let server: http.Server;
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(canned.answer.status, { "content-type": contentType });
        res.end(canned.answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    canned.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return canned;
}
