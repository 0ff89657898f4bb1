import { strict as assert } from "node:assert";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";

describe("cchc history: who changed a row, from the server's audit", function () {
  this.timeout(120_000);
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const tmp = tempDir("history");
  const A = tmp.file("lan.xlsx");
  const B = tmp.file("minh.xlsx");
  let row = -1;

  const sync = (file: string, token: string) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31"]);
  const edit = async (file: string, change: (ws: import("exceljs").Worksheet) => void) => {
    const wb = await open(file);
    change(wb.getWorksheet(PLAN)!);
    await wb.xlsx.writeFile(file);
  };

  before(async () => {
    s = await startTestServer();
    for (const [name, role, unit] of [
      ["Chị Lan", "coordinator", undefined],
      ["Anh Minh", "coordinator", undefined],
      ["Lãnh đạo Sở", "leader", undefined],
      ["Staff VP", "staff", "VP"],
    ] as const)
      tokens[name] = (await s.services.members.issue({ name, role, ...(unit && { unit }) })).token;
    await writeDemo(A);
    assert.equal((await sync(A, tokens["Chị Lan"]!)).code, 0);
    copy(A, B);
    const wb = await open(A);
    const ws = wb.getWorksheet(PLAN)!;
    row = findRow(ws, 7, "Đang thực hiện");
    assert.ok(row > 0);
    // Lan marks the task done; Minh, on his copy, then adds a note to the same task.
    await edit(A, (w) => {
      w.getCell(row, 7).value = "Đã hoàn thành";
      w.getCell(row, 8).value = "25/03/2021";
    });
    assert.equal((await sync(A, tokens["Chị Lan"]!)).code, 0);
    assert.equal((await sync(B, tokens["Anh Minh"]!)).code, 0);
    await edit(B, (w) => (w.getCell(row, 9).value = "Đã trình lãnh đạo Sở"));
    const minh = await sync(B, tokens["Anh Minh"]!);
    assert.equal(minh.code, 0, minh.out + minh.err);
    assert.equal((await sync(A, tokens["Chị Lan"]!)).code, 0);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("shows each change of the row: who, when, field from → to, for a leader", async () => {
    const r = await cli([
      "history",
      A,
      "--row",
      String(row),
      "--sheet",
      PLAN,
      "--token",
      tokens["Lãnh đạo Sở"]!,
    ]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split("\n");
    assert.match(lines[0]!, new RegExp(`"${PLAN}" dòng / row ${row}: nhiệm vụ`));
    const versions = lines.filter((l) => /^ {2}v\d/.test(l));
    assert.equal(versions.length, 3, r.out);
    assert.match(versions[0]!, /^ {2}v1 .*Chị Lan$/);
    assert.match(versions[1]!, /^ {2}v2 {2}\d\d\/\d\d\/\d{4} \d\d:\d\d \(UTC\+7\) {2}Chị Lan$/);
    assert.match(versions[2]!, /^ {2}v3 .*Anh Minh$/);
    assert.match(r.out, /status: in-progress → done/);
    assert.match(r.out, /completedOn: — → 2021-03-25/);
    assert.match(r.out, /notes: — → Đã trình lãnh đạo Sở/);
    const json = JSON.parse(
      (
        await cli([
          "history",
          B,
          "--row",
          String(row),
          "--sheet",
          PLAN,
          "--token",
          tokens["Anh Minh"]!,
          "--json",
        ])
      ).out,
    ) as { entries: { who: string }[] };
    assert.deepEqual(
      json.entries.map((e) => e.who),
      ["Chị Lan", "Chị Lan", "Anh Minh"],
    );
  });

  it("refuses a role that may not read history, and rows that are not records", async () => {
    const both = await cli(["history", A, "--row", String(row), "--token", tokens["Lãnh đạo Sở"]!]);
    assert.equal(both.code, 64);
    assert.match(both.err, /is on several sheets .*pass --sheet/);
    const staff = await cli([
      "history",
      A,
      "--row",
      String(row),
      "--sheet",
      PLAN,
      "--token",
      tokens["Staff VP"]!,
    ]);
    assert.equal(staff.code, 5);
    assert.match(staff.err, /may not read change history/);
    const title = await cli(["history", A, "--row", "1", "--token", tokens["Lãnh đạo Sở"]!]);
    assert.equal(title.code, 64);
    assert.match(title.err, /not a readable task or dossier row/);
    assert.ok(!title.err.includes("cchc stats <file.xlsx>"), "the message, not the whole usage (T13)");
  });
});
