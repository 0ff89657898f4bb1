import { strict as assert } from "node:assert";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { BUSY_RETRIES, HttpTransport, retryAfterSeconds, TransportError } from "../../core/sync/transport";

/** A server that answers 503 (with Retry-After) `busy` times, then 200. */
async function busyServer(
  busy: number,
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits++;
      if (hits <= busy) {
        res.writeHead(503, { "content-type": "application/problem+json", "retry-after": "3" });
        res.end(JSON.stringify({ status: 503, vi: "bận", en: "busy" }));
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            operationId: "x",
            member: { id: "m", role: "staff", unit: "VP" },
            results: [],
            changes: [],
            cursor: {},
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const request = { year: 2021, operationId: "op-12345678", cursor: {}, push: [] };

describe("HTTP transport: a busy server (503 + Retry-After)", () => {
  it("waits what Retry-After says and asks again, then succeeds (issue 8 item 6)", async () => {
    const s = await busyServer(2);
    const waits: number[] = [];
    try {
      const t = new HttpTransport(s.url, "token", async (ms) => void waits.push(ms));
      const res = await t.sync(request);
      assert.equal(res.member.role, "staff");
      assert.deepEqual(waits, [3000, 3000]);
      assert.equal(s.hits(), 3);
    } finally {
      await s.close();
    }
  });

  it("gives up after a bounded number of tries with the server's 503", async () => {
    const s = await busyServer(1000);
    try {
      const t = new HttpTransport(s.url, "token", async () => {});
      await assert.rejects(t.sync(request), (e: unknown) => e instanceof TransportError && e.status === 503);
      assert.equal(s.hits(), BUSY_RETRIES + 1);
    } finally {
      await s.close();
    }
  });

  it("reads Retry-After as seconds or a date, within 1–30 s", () => {
    assert.equal(retryAfterSeconds("2"), 2);
    assert.equal(retryAfterSeconds("3600"), 30);
    assert.equal(retryAfterSeconds(null), 2);
    assert.equal(retryAfterSeconds("soon"), 2);
    assert.equal(retryAfterSeconds(new Date(10_000).toUTCString(), 0), 10);
  });
});
