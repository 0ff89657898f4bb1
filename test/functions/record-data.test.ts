import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { HttpTransport } from "../../core/sync/transport";
import { call, startTestServer, type TestServer } from "../helpers/server";

/** Issue 9: a pushed record's data is checked by its kind; records stored before still read. */
describe("server: record data typed by kind (TaskData, DossierData)", function () {
  this.timeout(120_000);
  let s: TestServer;
  let staff: string;
  let leader: string;
  const YEAR = 2023;
  const dossier = (id: string, data: Record<string, unknown> = {}) => ({
    kind: "dossier",
    id,
    unit: "VP",
    baseVersion: null,
    data: {
      code: id,
      unit: "VP",
      receivedOn: "2023-03-01",
      dueOn: "2023-03-10",
      status: "processing",
      ...data,
    },
  });
  const push = (records: unknown[]) =>
    call(s.url, "POST", "/api/sync", staff, {
      year: YEAR,
      operationId: randomUUID(),
      cursor: {},
      push: records,
    });
  const dossierTotal = async () => {
    const r = await call(s.url, "GET", `/api/stats?year=${YEAR}&asOf=2023-12-31`, leader);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return (r.json.dossiers as { received: { total: number } }).received.total;
  };

  before(async () => {
    s = await startTestServer();
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
  });
  after(() => s?.stop());

  it("answers 400 naming the field when a dossier's data has a wrong-typed field; nothing of that push is kept", async () => {
    const before = await dossierTotal();
    for (const [data, pointer] of [
      [{ receivedOn: 20230301 }, "/push/1/data/receivedOn"],
      [{ dueOn: "10/03/2023" }, "/push/1/data/dueOn"],
      [{ processingDays: "5 ngày" }, "/push/1/data/processingDays"],
      [{ status: "done" }, "/push/1/data/status"],
    ] as const) {
      const r = await push([dossier(`ok-${randomUUID()}`), dossier(`bad-${randomUUID()}`, data)]);
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.equal(r.json.pointer, pointer);
      assert.ok(String(r.json.vi).length > 0 && String(r.json.en).length > 0);
    }
    assert.equal(await dossierTotal(), before, "a refused request stores nothing");
    const ok = await push([dossier(`good-${randomUUID()}`)]);
    assert.equal(ok.status, 200);
    assert.equal(await dossierTotal(), before + 1);
  });

  it("still reads records stored by older versions (extra fields, no dueFrom, no status, odd dates and words): statistics and pulls", async () => {
    // Written straight into storage, as an older server kept what it was sent.
    const id = `old-${randomUUID()}`;
    const before = await dossierTotal();
    await s.services.records.pushChunk(
      YEAR,
      "VP",
      [
        {
          kind: "dossier",
          id,
          unit: "VP",
          baseVersion: null,
          data: {
            receivedOn: "2023-04-03",
            dueOn: "2023-04-10",
            status: "resolved",
            resultOn: "2023-04-07",
            legacy: 1,
          },
        },
        // What the statistics cannot count (no status, a date of 1899 from a time-only cell, a status
        // word of another version) is still pulled: the row keeps what it has.
        {
          kind: "dossier",
          id: `${id}-d`,
          unit: "VP",
          baseVersion: null,
          data: { receivedOn: "1899-12-30", dueOn: "1900-01-10", status: "archived" },
        },
        {
          kind: "task",
          id: `${id}-t`,
          unit: "VP",
          baseVersion: null,
          data: { content: "cũ", leadUnit: "VP" },
        },
      ],
      `~op_${id}`,
      "an older version",
    );
    assert.equal(await dossierTotal(), before + 1);
    const answer = await new HttpTransport(s.url, staff).sync({
      year: YEAR,
      operationId: `pull-${randomUUID()}`,
      cursor: {},
      push: [],
    });
    const pulled = answer.changes.find((c) => c.id === id);
    assert.ok(pulled && !pulled.deleted);
    assert.equal(pulled.data.legacy, 1, "a field this version does not know is kept");
    assert.equal(pulled.data.dueOn, "2023-04-10");
    assert.equal(answer.changes.find((c) => c.id === `${id}-t`)?.data.content, "cũ");
    assert.equal(answer.changes.find((c) => c.id === `${id}-d`)?.data.receivedOn, "1899-12-30");
  });
});
