import { strict as assert } from "node:assert";
import { fetchAudit } from "../../core/sync/record-history";
import { HttpTransport, TransportError } from "../../core/sync/transport";
import { cannedServer } from "../helpers/canned-server";

/** Issue 9: answers are read through schemas, so a strange one is a clear TransportError, never a crash. */
describe("malformed server answers: a clear TransportError, never a TypeError or SyntaxError", () => {
  const server = cannedServer("application/json");

  const isTransportError = (status: number | "unreachable", en: RegExp) => (e: unknown) =>
    e instanceof TransportError &&
    e.status === status &&
    en.test(e.userMessage.en) &&
    e.userMessage.vi !== "";

  it("a sync refused with a body that is not a problem document shows the body", async () => {
    const t = new HttpTransport(server.url, "tok");
    const sync = () => t.sync({ year: 2022, operationId: "op-12345678", cursor: {}, push: [] });
    for (const [body, en] of [
      ["null", /answered 400: null/],
      ["[1,2]", /answered 400: \[1,2\]/],
      ['{"vi":5,"en":{"x":1}}', /answered 400: \{"vi":5/],
      ['{"vi":"Sai.","en":"Wrong."}', /answered 400: Wrong\.$/],
    ] as const) {
      server.answer = { status: 400, body };
      await assert.rejects(sync(), isTransportError(400, en), body);
    }
  });

  it("a record's history that is not JSON, or off the contract, is named; an error page keeps its text", async () => {
    const query = { year: 2022, unit: "VP", kind: "task", record: "t1" } as const;
    server.answer = { status: 200, body: "<html>proxy login</html>" };
    await assert.rejects(
      fetchAudit(server.url, "tok", query),
      isTransportError("unreachable", /off the contract \(not JSON\)/),
    );
    server.answer = { status: 200, body: JSON.stringify([{ kind: "task", id: "t1", changes: "all" }]) };
    await assert.rejects(
      fetchAudit(server.url, "tok", query),
      isTransportError("unreachable", /at "\/0\/unit"/),
    );
    server.answer = { status: 500, body: "null" };
    await assert.rejects(fetchAudit(server.url, "tok", query), isTransportError(500, /answered 500: null/));
    const entry = {
      kind: "task",
      id: "t1",
      unit: "VP",
      year: 2022,
      version: 1,
      seq: 1,
      who: "Lan",
      at: "2022-03-01T02:00:00Z",
      changes: [
        { field: "status", from: null, to: "done" },
        { field: "applicant", changed: true },
      ],
    };
    server.answer = { status: 200, body: JSON.stringify([entry]) };
    assert.deepEqual(await fetchAudit(server.url, "tok", query), [entry]);
  });
});
