import { strict as assert } from "node:assert";
import { decodeStateCells, encodeStateCells } from "../../core/sync/state-sheet";
import { SyncEngine } from "../../core/sync/engine";
import { parseState, serializeState } from "../../core/sync/sync-state";
import { emptyEdit } from "../../core/sync/workbook-port";
import type {
  MemberInfo,
  PushedRecord,
  StoredRecord,
  SyncRequest,
  SyncResponse,
} from "../../core/sync/protocol";
import type { SyncTransport } from "../../core/sync/transport";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { open, writeDemo } from "../helpers/sync";
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

  it("heals a workbook an older version poisoned: refusals stored without their member are retried once (defect 3)", async () => {
    const file = tmp.file("legacy-poisoned.xlsx");
    await writeDemo(file);
    const server = refusingServer({ id: "s1", role: "staff", unit: "VP" });
    const run = () => new SyncEngine(new XlsxPort(file), server, { asOf: "2021-03-31" }).run();
    await run();
    // What the previous version left: refused records with version null and no member.
    const port = new XlsxPort(file);
    const state = parseState(decodeStateCells((await port.read()).stateCells ?? []));
    for (const r of Object.values(state.records)) delete r.refused;
    await port.write(emptyEdit(encodeStateCells(serializeState(state))));
    server.pushed = 0;
    await run();
    assert.equal(server.pushed, 377, "whoever syncs next retries them");
    server.pushed = 0;
    const owned = await run();
    assert.equal(server.pushed, 0, "now the refusals are this member's: not pushed again unchanged");
    assert.equal(owned.rejected.length, 377);
  });

  it("keeps a moved record when the old unit's tombstone arrives after its new copy (defect 11)", async () => {
    const file = tmp.file("late-tombstone.xlsx");
    await writeDemo(file);
    let pushed: PushedRecord[] = [];
    let next: StoredRecord[] = [];
    const server: SyncTransport = {
      bytesSent: 0,
      bytesReceived: 0,
      async sync(req) {
        pushed = pushed.concat(req.push);
        const changes = next;
        next = [];
        return {
          operationId: req.operationId,
          member: { id: "c", role: "coordinator", unit: null },
          results: req.push.map((p) => ({ kind: p.kind, id: p.id, status: "applied" as const, version: 1 })),
          changes,
          cursor: {},
        };
      },
      stats: () =>
        refusingServer({ id: "c", role: "coordinator", unit: null }).stats({
          year: 2021,
          asOf: "2021-03-31",
        }),
    };
    const sync = () => new SyncEngine(new XlsxPort(file), server, { asOf: "2021-03-31" }).run();
    await sync();
    const task = pushed.find(
      (p) => p.data.content === "Ban hành Kế hoạch cải cách hành chính năm 2021 của Sở",
    )!;
    const stored = (unit: string, version: number, deleted: boolean): StoredRecord => ({
      kind: "task",
      id: task.id,
      unit,
      year: 2021,
      version,
      seq: 1,
      deleted,
      data: { ...task.data, leadUnit: unit },
      updatedBy: "other",
      updatedAt: "2021-03-01T00:00:00Z",
    });
    next = [stored("NCC", 1, false)]; // the new copy, pulled between the two writes of a move
    await sync();
    next = [stored(task.unit, 2, true)]; // then the old unit's tombstone
    const report = await sync();
    assert.equal(report.deleted, 0, "the row stays: the record lives on in NCC");
    const ws = (await open(file)).getWorksheet("Kế hoạch CCHC 2021")!;
    assert.equal(ws.getCell(8, 2).value, task.data.content, "its row is still there");
    assert.equal(ws.getCell(8, 3).value, "Phòng Người có công", "under its new unit");
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
