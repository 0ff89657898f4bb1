import { strict as assert } from "node:assert";
import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { parseSyncRequest } from "../../core/sync/protocol";
import { parseState, serializeState, emptyState } from "../../core/sync/sync-state";
import { DamagedStateError } from "../../core/sync/state-sheet";
import { HttpTransport, TransportError } from "../../core/sync/transport";
import { check } from "../../core/schemas/problem";
import { calendarSchema, UnitsSchema } from "../../core/schemas/reference";

const record = (over: object = {}) => ({
  kind: "task",
  id: "t1",
  unit: "VP",
  baseVersion: null,
  data: { content: "x", status: "done" },
  ...over,
});
const body = (over: object = {}) => ({ year: 2022, operationId: "op-12345678", push: [record()], ...over });

describe("wire schemas (valibot): bad input named by a JSON pointer, in Vietnamese and English", () => {
  it("names the first bad field of a sync request by its pointer, with both languages", () => {
    const cases: [unknown, string][] = [
      [[], ""],
      [body({ year: 1999 }), "/year"],
      [body({ extra: 1 }), "/extra"],
      [body({ push: [record({ kind: "x" })] }), "/push/0/kind"],
      [body({ push: [record({ colour: "red" })] }), "/push/0/colour"],
      [body({ push: [record({ data: [1, 2] })] }), "/push/0/data"],
      [body({ push: [record({ fromUnit: "VP", baseVersion: 3 })] }), "/push/0/fromUnit"],
      [body({ push: [record(), record()] }), "/push/1"],
      [body({ cursor: { "2022_VP": "nope" } }), "/cursor/2022_VP"],
    ];
    for (const [input, pointer] of cases) {
      const r = parseSyncRequest(input);
      assert.equal(r.ok, false, JSON.stringify(input));
      if (r.ok) continue;
      assert.equal(r.pointer, pointer, JSON.stringify(input));
      assert.ok(r.message.vi.length > 0 && r.message.en.length > 0 && r.message.vi !== r.message.en);
    }
    const ok = parseSyncRequest(body({ cursor: null }));
    assert.ok(ok.ok && ok.value.push.length === 1 && Object.keys(ok.value.cursor).length === 0);
  });

  it("checks a record's data by its kind: a wrong-typed field is named by its pointer", () => {
    const dossier = { receivedOn: "2022-03-01", dueOn: "2022-03-10", status: "processing" };
    const cases: [object, string, RegExp][] = [
      [
        { kind: "dossier", data: { ...dossier, receivedOn: 20220301 } },
        "/push/0/data/receivedOn",
        /receivedOn/,
      ],
      [{ kind: "dossier", data: { ...dossier, dueOn: "10/03/2022" } }, "/push/0/data/dueOn", /YYYY-MM-DD/],
      [
        { kind: "dossier", data: { ...dossier, processingDays: "5" } },
        "/push/0/data/processingDays",
        /whole/,
      ],
      [{ kind: "dossier", data: { ...dossier, channel: "fax" } }, "/push/0/data/channel", /online/],
      [
        { kind: "dossier", data: { ...dossier, applicant: { name: 7 } } },
        "/push/0/data/applicant/name",
        /name/,
      ],
      [{ kind: "dossier", data: { content: "x", status: "done" } }, "/push/0/data/receivedOn", /receivedOn/],
      [{ kind: "task", data: { content: "x", status: "finished" } }, "/push/0/data/status", /done/],
      [{ kind: "task", data: { content: "x", status: "done", field: "II" } }, "/push/0/data/field", /field/],
      [
        { kind: "task", data: { content: "x", status: "done", deadline: "Quý I" } },
        "/push/0/data/deadline",
        /deadline/,
      ],
      [{ kind: "task", data: { status: "done" } }, "/push/0/data/content", /content/],
      [{ kind: "task", deleted: "yes" }, "/push/0/deleted", /true or false/],
      [{ kind: "task", deleted: true, data: { status: 1 } }, "/push/0/data/status", /JSON type/],
    ];
    for (const [over, pointer, en] of cases) {
      const r = parseSyncRequest(body({ push: [record(over)] }));
      assert.ok(!r.ok, JSON.stringify(over));
      assert.equal(r.pointer, pointer, JSON.stringify(over));
      assert.match(r.message.en, en);
      assert.ok(r.message.vi.length > 0 && r.message.vi !== r.message.en);
    }
    // A tombstone's data is its last copy as stored (possibly empty, or of an older version's reading);
    // a field this version does not know is kept.
    const ok = parseSyncRequest(
      body({
        push: [
          record({ id: "t2", deleted: true, baseVersion: 3, data: {} }),
          record({
            kind: "dossier",
            id: "d0",
            deleted: true,
            baseVersion: 2,
            data: { receivedOn: "1899-12-30" },
          }),
          record({ kind: "dossier", id: "d1", data: { ...dossier, later: [1] } }),
        ],
      }),
    );
    assert.ok(ok.ok, JSON.stringify(ok));
    const [tomb, , d] = ok.value.push;
    assert.ok(tomb?.kind === "task" && tomb.deleted === true);
    assert.ok(d?.kind === "dossier" && !d.deleted && d.data.dueOn === "2022-03-10");
    assert.deepEqual(d.data.later, [1]);
  });

  it("escapes ~ and / in pointers (RFC 6901)", () => {
    const r = parseSyncRequest(body({ cursor: { "a/b~c": "bad" } }));
    assert.ok(!r.ok && r.pointer === "/cursor/a~1b~0c");
  });

  it("never throws on any JSON value, and accepts only what it can type (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parseSyncRequest(value);
        if (r.ok) assert.equal(typeof r.value.year, "number");
        else assert.equal(typeof r.pointer, "string");
      }),
      { numRuns: 500 },
    );
  });

  it("checks reference data: a unit code repeated, a day off on a weekend", () => {
    const unit = { code: "VP", name: "Văn phòng", kind: "division", fromYear: 2022 };
    const units = check(UnitsSchema, [unit, unit]);
    assert.ok(!units.ok && units.pointer === "/1/code");
    const cal = check(calendarSchema(2022), {
      year: 2022,
      source: "x",
      daysOff: [{ date: "2022-01-01", name: "Tết" }],
      saturdaysWorked: [],
    });
    assert.ok(!cal.ok && cal.pointer === "/daysOff/0/date" && /weekday/.test(cal.message.en));
  });

  it("a state sheet whose JSON is off the schema is a DamagedStateError naming where", () => {
    const state = {
      ...emptyState(),
      records: { t1: { kind: "task", unit: "VP", version: "two", base: {} } },
    };
    assert.throws(
      () => parseState(JSON.stringify(state)),
      (e: unknown) => e instanceof DamagedStateError && /\/records\/t1\/version/.test(e.detail),
    );
    // What older workbooks lack gets its default.
    const old = parseState(JSON.stringify({ format: 1, cursor: {}, records: {} }));
    assert.deepEqual(old, emptyState());
    assert.deepEqual(parseState(serializeState(emptyState())), emptyState());
  });

  it("a sync answer off the contract is a TransportError naming the pointer, not a crash later", async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ operationId: "x", member: { id: "m", role: "staff" }, results: [], changes: [] }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const t = new HttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, "tok");
      await assert.rejects(
        t.sync({ year: 2022, operationId: "op-12345678", cursor: {}, push: [] }),
        (e: unknown) => e instanceof TransportError && /\/member\/unit/.test(e.userMessage.en),
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
