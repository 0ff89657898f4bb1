/**
 * Every Office.js member the Excel adapter uses is in the manifest's minimum requirement set
 * or guarded by `isSetSupported`: the members are found with the TypeScript checker
 * in addin/excel/*.ts and their `[Api set: ExcelApi x.y]` tags read from @types/office-js.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { GUARDED, MIN_EXCEL_API } from "../../addin/excel/requirements";

const DIR = "addin/excel";

interface Use {
  member: string;
  set: string;
  version: string;
  file: string;
  line: number;
}

function versionOf(v: string): number {
  const [a = 0, b = 0] = v.split(".").map(Number);
  return a * 1000 + b;
}

/** The member's requirement set, from the JSDoc of its declaration in @types/office-js. */
function apiSet(decl: ts.Declaration): { set: string; version: string } | undefined {
  const sf = decl.getSourceFile();
  const comments = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  for (const c of comments) {
    const m = /\[Api set: (\w+) ([\d.]+)\]/.exec(sf.text.slice(c.pos, c.end));
    if (m) return { set: m[1]!, version: m[2]! };
  }
  return undefined;
}

function officeUses(): Use[] {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(DIR, f));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["office-js"],
  });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const decl of symbol?.declarations ?? []) {
          if (!decl.getSourceFile().fileName.includes("@types/office-js")) continue;
          const tag = apiSet(decl);
          const parent = (decl.parent as { name?: ts.Identifier }).name?.text ?? "?";
          const { line } = sf.getLineAndCharacterOfPosition(node.name.getStart());
          uses.push({
            member: `${parent}.${node.name.text}`,
            set: tag?.set ?? "(common)",
            version: tag?.version ?? "",
            file,
            line: line + 1,
          });
          break;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** Members above the minimum, each allowed only in the module that the adapter calls behind its guard. */
const GUARDED_MEMBERS: Record<string, { version: string; file: string }> = {
  "Workbook.notes": { version: GUARDED.notes, file: "notes.ts" },
  "Worksheet.notes": { version: GUARDED.notes, file: "notes.ts" },
  "NoteCollection.load": { version: GUARDED.notes, file: "notes.ts" },
  "NoteCollection.items": { version: GUARDED.notes, file: "notes.ts" },
  "NoteCollection.add": { version: GUARDED.notes, file: "notes.ts" },
  "NoteCollection.getItemOrNullObject": { version: GUARDED.notes, file: "notes.ts" },
  "Note.content": { version: GUARDED.notes, file: "notes.ts" },
  "Note.delete": { version: GUARDED.notes, file: "notes.ts" },
  "Note.load": { version: GUARDED.notes, file: "notes.ts" },
  "Range.getMergedAreasOrNullObject": { version: GUARDED.mergedAreas, file: "read-workbook.ts" },
};

describe("Office.js requirement sets of the Excel adapter", function () {
  this.timeout(60_000);
  const uses = officeUses();

  it("finds the adapter's Office.js members (the checker sees the Excel types)", () => {
    const names = new Set(uses.map((u) => u.member));
    for (const m of [
      "Range.getEntireRow",
      "Range.insert",
      "Worksheet.getRangeByIndexes",
      "ClientRequestContext.sync",
      "Range.values",
    ])
      assert.ok(names.has(m), `${m} found among ${[...names].join(", ")}`);
  });

  it(`uses only ExcelApi ≤ ${MIN_EXCEL_API}, or members guarded by isSetSupported in their own module`, () => {
    const problems: string[] = [];
    for (const u of uses) {
      if (u.set !== "ExcelApi") continue;
      if (versionOf(u.version) <= versionOf(MIN_EXCEL_API)) continue;
      const guard = GUARDED_MEMBERS[u.member];
      if (!guard)
        problems.push(`${u.file}:${u.line} ${u.member} needs ExcelApi ${u.version} and is not guarded`);
      else if (versionOf(u.version) > versionOf(guard.version) || path.basename(u.file) !== guard.file)
        problems.push(
          `${u.file}:${u.line} ${u.member} (ExcelApi ${u.version}) outside its guarded module ${guard.file}`,
        );
    }
    assert.deepEqual(problems, []);
  });

  it("calls the guarded modules only behind their isSetSupported checks", () => {
    const port = readFileSync(path.join(DIR, "excel-port.ts"), "utf8");
    assert.match(port, /notesSupported\(this\.supports\)/);
    assert.match(port, /withNotes \? findNotes/);
    const read = readFileSync(path.join(DIR, "read-workbook.ts"), "utf8");
    assert.match(read, /supports\("ExcelApi", GUARDED\.mergedAreas\)/);
    assert.match(read, /!withMerges \? undefined : ws\.getRange\(\)\.getMergedAreasOrNullObject\(\)/);
    // …and by bands of rows only after a first call with them failed (`merges` true).
    assert.match(read, /let infos = queue\(merges, true\);/);
    // (A failed first call is made again without merges nor number cells: T17's formats.)
    assert.match(
      read,
      /if \(!isExcelError\(e\)\) throw e;\s*infos = queue\(false, false\);[^]*banded = merges;/,
    );
    assert.match(read, /if \(banded && !info\.used\.isNullObject\)/);
  });

  it("agrees with the manifest's minimum requirement set (when the manifest is there)", function () {
    if (!existsSync("manifest.xml")) this.skip();
    const xml = readFileSync("manifest.xml", "utf8");
    const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"/.exec(xml);
    assert.ok(m, "manifest.xml declares an ExcelApi requirement");
    assert.equal(m[1], MIN_EXCEL_API);
  });
});
