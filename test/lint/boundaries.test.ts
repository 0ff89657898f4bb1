import { strict as assert } from "node:assert";
import { ESLint } from "eslint";

/**
 * The boundaries of issue 9, shown to work: each snippet crosses one, and the lint (the project's
 * own eslint.config.mjs) must fail it with no-restricted-imports; the allowed imports pass.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  // The probe files do not exist, so the typed rules (which need them in the project) are left out.
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/switch-exhaustiveness-check": "off",
    },
  },
});

async function restricted(file: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath: file });
  return result!.messages.some((m) => m.ruleId === "no-restricted-imports");
}

describe("lint: the boundaries between core and the adapters are checked", function () {
  this.timeout(60_000);
  const crossings: [string, string][] = [
    ["core/sync/probe.ts", 'import { x } from "../../cli/xlsx/workbook";'],
    ["core/sync/probe.ts", 'import { x } from "../../functions/src/services";'],
    ["core/probe.ts", 'import { x } from "../addin/shared/settings";'],
    ["core/sync/probe.ts", 'import x from "exceljs";'],
    ["core/sync/probe.ts", 'import { TableClient as x } from "@azure/data-tables";'],
    ["core/sync/probe.ts", 'import x from "@microsoft/office-js";'],
    ["cli/commands/probe.ts", 'import { x } from "../../functions/src/auth/tokens";'],
    ["cli/commands/probe.ts", 'import { x } from "../../addin/shared/settings";'],
    ["functions/src/probe.ts", 'import { x } from "../../cli/commands/admin";'],
    ["functions/src/probe.ts", 'import { x } from "../../addin/shared/settings";'],
    ["addin/shared/probe.ts", 'import { x } from "../../cli/commands/admin";'],
    ["addin/shared/probe.ts", 'import { x } from "../../functions/src/services";'],
    // Past core's public surface (core/<area>/index.ts) into one of its files:
    ["cli/commands/probe.ts", 'import { x } from "../../core/sync/engine";'],
    ["functions/src/probe.ts", 'import type { x } from "../../../core/sync/protocol";'],
    ["addin/excel/probe.ts", 'import { x } from "../../core/layout/grid";'],
  ];
  for (const [file, source] of crossings)
    it(`fails ${file}: ${source}`, async () => {
      assert.ok(await restricted(file, source), `${file} may import: ${source}`);
    });

  it("lets adapters import core's public surface, and core import itself", async () => {
    assert.equal(await restricted("cli/commands/probe.ts", 'import { x } from "../../core/sync";'), false);
    assert.equal(await restricted("addin/shared/probe.ts", 'import { x } from "../../core/sync";'), false);
    assert.equal(
      await restricted("functions/src/probe.ts", 'import type { x } from "../../../core/schemas";'),
      false,
    );
    assert.equal(await restricted("functions/src/probe.ts", 'import { x } from "@azure/functions";'), false);
    assert.equal(await restricted("core/sync/probe.ts", 'import { x } from "../model/records";'), false);
  });
});
