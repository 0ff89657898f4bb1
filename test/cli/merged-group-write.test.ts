import { strict as assert } from "node:assert";
import { cli, copy, findRow, open } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { REGISTER_SHEET, registerWorkbook } from "../helpers/register";

const SHEET = REGISTER_SHEET;
const day = (d: number) => new Date(Date.UTC(2021, 2, d));

/**
 * Found by hand (/work/notes/t1-findings.md, D12): a register groups three dossiers under one
 * "Lĩnh vực" cell merged down (D3:D5). A colleague changed the sector of the middle dossier; the
 * owner's sync wrote it into the merged cell, which is the whole group's: all three dossiers showed
 * the new sector, and the owner's next sync pushed the other two as changed, a change nobody made.
 */
describe("a change pulled into a cell merged down beside a group of rows", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("merged-group-write");
  after(() => tmp.remove());
  const sync = (file: string) =>
    cli(["sync", file, "--server", suite.server.url, "--token", suite.token, "--as-of", "2021-03-31"]);

  it("changes that row only: the group is split, the other rows keep their value, and nothing else is pushed", async () => {
    const owner = tmp.file("owner.xlsx");
    const { wb, ws } = registerWorkbook();
    for (let i = 0; i < 3; i++)
      ws.addRow([
        i + 1,
        `MG-${i}`,
        "Cấp giấy phép",
        i === 0 ? "Việc làm" : null,
        "VP",
        day(1 + i),
        day(8 + i),
      ]);
    ws.mergeCells("D3:D5");
    await wb.xlsx.writeFile(owner);
    assert.equal((await sync(owner)).code, 0);

    const colleague = copy(owner, tmp.file("colleague.xlsx"));
    const theirs = await open(colleague);
    const their = theirs.getWorksheet(SHEET)!;
    their.unMergeCells("D3:D5");
    their.getCell(findRow(their, 2, "MG-2"), 4).value = "Việc làm";
    their.getCell(findRow(their, 2, "MG-1"), 4).value = "Người có công";
    await theirs.xlsx.writeFile(colleague);
    const pushed = await sync(colleague);
    assert.match(pushed.out, /đẩy lên \/ pushed: 1 /);

    const pulled = await sync(owner);
    assert.equal(pulled.code, 0, pulled.err);
    const mine = (await open(owner)).getWorksheet(SHEET)!;
    assert.deepEqual(
      ["MG-0", "MG-1", "MG-2"].map((code) => mine.getCell(findRow(mine, 2, code), 4).value),
      ["Việc làm", "Người có công", "Việc làm"],
    );
    const again = await sync(owner);
    assert.match(again.out, /đẩy lên \/ pushed: 0 {3}kéo về \/ pulled: 0/);
  });

  it("keeps the group's value on each of its rows when one of them is deleted in a colleague's copy", async () => {
    const owner = tmp.file("owner-2.xlsx");
    const { wb, ws } = registerWorkbook();
    for (let i = 0; i < 3; i++)
      ws.addRow([
        i + 1,
        `MD-${i}`,
        "Cấp giấy phép",
        i === 0 ? "Việc làm" : null,
        "VP",
        day(1 + i),
        day(8 + i),
      ]);
    ws.addRow([4, "MD-3", "Trợ cấp", "Người có công", "VP", day(4), day(11)]);
    ws.mergeCells("D3:D5");
    await wb.xlsx.writeFile(owner);
    assert.equal((await sync(owner)).code, 0);
    const colleague = copy(owner, tmp.file("colleague-2.xlsx"));
    const theirs = await open(colleague);
    theirs.getWorksheet(SHEET)!.spliceRows(3, 1); // MG-0's row, the merge's first
    await theirs.xlsx.writeFile(colleague);
    assert.equal((await sync(colleague)).code, 0);

    const pulled = await sync(owner);
    assert.match(pulled.out, /dòng xóa \/ rows deleted: 1/);
    const mine = (await open(owner)).getWorksheet(SHEET)!;
    assert.deepEqual(
      ["MD-1", "MD-2", "MD-3"].map((code) => mine.getCell(findRow(mine, 2, code), 4).value),
      ["Việc làm", "Việc làm", "Người có công"],
    );
    const again = await sync(owner);
    assert.match(again.out, /đẩy lên \/ pushed: 0 {3}kéo về \/ pulled: 0/);
  });
});
