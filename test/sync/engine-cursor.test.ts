import { strict as assert } from "node:assert";
import { SyncEngine } from "../../core/sync/engine";
import type { MemberInfo, SyncRequest, SyncResponse } from "../../core/sync/protocol";
import type { SyncTransport } from "../../core/sync/transport";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** A server with three pages of (no) changes: each answer moves the cursor on and says `more` twice. */
function pagedServer(): SyncTransport & { calls: number } {
  return {
    calls: 0,
    bytesSent: 0,
    bytesReceived: 0,
    async sync(req: SyncRequest): Promise<SyncResponse> {
      if (++this.calls > 10) throw new Error("asked for the same page again and again");
      const seen: unknown = req.cursor["2021_VP"];
      const seq = (typeof seen === "string" ? Number(seen.split(".")[1]) : 0) + 1;
      return {
        operationId: req.operationId,
        member: { id: "t", role: "coordinator", unit: null },
        results: req.push.map((p) => ({ kind: p.kind, id: p.id, status: "applied" as const, version: 1 })),
        changes: [],
        cursor: { "2021_VP": `e.${seq}` },
        more: seq < 3,
      };
    },
    async stats() {
      throw new Error("a dry run reads no statistics");
    },
  };
}

/** A server that refuses every record while the member is `member`, and applies them otherwise. */
function refusingServer(member: MemberInfo): SyncTransport & { pushed: number; member: MemberInfo } {
  return {
    member,
    pushed: 0,
    bytesSent: 0,
    bytesReceived: 0,
    async sync(req: SyncRequest): Promise<SyncResponse> {
      this.pushed += req.push.length;
      const refuse = this.member.role !== "coordinator";
      return {
        operationId: req.operationId,
        member: this.member,
        results: req.push.map((p) =>
          refuse
            ? {
                kind: p.kind,
                id: p.id,
                status: "rejected" as const,
                httpStatus: 403,
                reason: { vi: "không", en: "no" },
              }
            : { kind: p.kind, id: p.id, status: "applied" as const, version: 1 },
        ),
        changes: [],
        cursor: {},
      };
    },
    async stats() {
      return (await import("../../core/stats/report")).buildStatsReport({
        year: 2021,
        asOf: "2021-03-31",
        from: "2021-01-01",
        to: "2021-03-31",
        tasks: [],
        dossiers: [],
        fields: [],
        unitName: (u: string) => u,
      });
    },
  };
}

describe("sync engine: refusals per member, cursor handling", () => {
  const tmp = tempDir("engine-cursor");
  after(() => tmp.remove());

  it("retries records refused to a member once that member's rights change, not before (defect 3)", async () => {
    const file = tmp.file("rights.xlsx");
    await writeDemo(file);
    const server = refusingServer({ id: "tok1", role: "staff", unit: "VP" });
    const sync = () => new SyncEngine(new XlsxPort(file), server, { asOf: "2021-03-31" }).run();
    const first = await sync();
    assert.equal(first.rejected.length, 377);
    server.pushed = 0;
    const same = await sync();
    assert.equal(server.pushed, 0, "the same member with the same rights does not push them again");
    assert.equal(same.rejected.length, 377, "and is told again");
    server.member = { id: "tok1", role: "coordinator", unit: null };
    const promoted = await sync();
    assert.equal(server.pushed, 377, "the same token with other rights retries them in the same sync");
    assert.equal(promoted.rejected.length, 0);
  });

  it("pages through `more` on a dry run too, with the cursor each answer gives", async () => {
    const file = tmp.file("dry.xlsx");
    await writeDemo(file);
    const server = pagedServer();
    const report = await new SyncEngine(new XlsxPort(file), server, { dryRun: true }).run();
    assert.equal(server.calls, 3);
    assert.equal(report.dryRun, true);
  });
});
