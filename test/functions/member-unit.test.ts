import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { todayIso } from "../../core/dates";
import { call, startTestServer, type TestServer } from "../helpers/server";

/**
 * T13's open item: `cchc admin add-member --unit …` took any text. Records name a unit of the
 * year's list by its code ("VP"), so a staff member entered as "Văn phòng" could write none of
 * them: every push was refused as another unit's. Now the server keys the member by the code of
 * the unit the text names (by code, name or alias, as a workbook's unit cell is read) and says
 * so; a unit not in the list is kept as typed, with a note.
 */
describe("a member's unit is keyed as records key it", function () {
  this.timeout(120_000);
  let s: TestServer;
  let admin: string;
  const year = Number(todayIso().slice(0, 4));

  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  const addStaff = (unit: string) =>
    call(s.url, "POST", "/api/members", admin, { name: `Staff ${unit}`, role: "staff", unit });

  it("a unit typed by its name or alias becomes its code, and the member writes that unit's records", async () => {
    const added = await addStaff("văn phòng");
    assert.equal(added.status, 201);
    assert.equal(added.json.unit, "VP");
    assert.match(String((added.json.note as { vi: string }).vi), /"văn phòng" là "Văn phòng Sở" \(mã VP\)/);
    const pushed = await call(s.url, "POST", "/api/sync", added.json.token as string, {
      year,
      operationId: randomUUID(),
      cursor: {},
      push: [
        {
          kind: "dossier",
          id: "m1",
          unit: "VP",
          baseVersion: null,
          data: { receivedOn: `${year}-01-05`, dueOn: `${year}-01-20`, status: "processing", unit: "VP" },
        },
      ],
    });
    assert.equal(pushed.status, 200);
    assert.equal((pushed.json.results as { status: string }[])[0]!.status, "applied");
    const listed = await call(s.url, "GET", "/api/members", admin);
    const row = (listed.json as unknown as { name: string; unit?: string }[]).find(
      (m) => m.name === "Staff văn phòng",
    );
    assert.equal(row?.unit, "VP");
  });

  it("a unit's code is taken as it is, without a note", async () => {
    const added = await addStaff("VP");
    assert.equal(added.json.unit, "VP");
    assert.equal(added.json.note, undefined);
  });

  it("a unit not in the year's list is kept as typed, and the answer says what the list holds", async () => {
    const added = await addStaff("Phòng Không Có");
    assert.equal(added.status, 201);
    assert.equal(added.json.unit, "Phòng Không Có");
    const note = added.json.note as { vi: string; en: string };
    assert.match(note.en, new RegExp(`not in ${year}'s list \\(VP \\(Văn phòng Sở\\)`));
    assert.match(note.vi, /thu hồi mã này và cấp lại/);
  });
});
