import { strict as assert } from "node:assert";
import { ESLint } from "eslint";

/**
 * The pane shows unit names, record texts, member names and the server's error messages: text a
 * hostile colleague or server can write. It must never reach the page as HTML. The lint (the
 * project's eslint.config.mjs) fails each way of parsing text as HTML or code in addin/.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/switch-exhaustiveness-check": "off",
    },
  },
});

const RULES = ["no-restricted-properties", "no-eval", "no-new-func"];

async function refused(file: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(
    `declare const node: HTMLElement;\ndeclare const text: string;\n${source}\n`,
    {
      filePath: file,
    },
  );
  return result!.messages.some((m) => RULES.includes(m.ruleId ?? ""));
}

describe("lint: the task pane never turns server or workbook text into HTML or code", function () {
  this.timeout(60_000);
  const ways = [
    "node.innerHTML = text;",
    "node.outerHTML = text;",
    'node.insertAdjacentHTML("beforeend", text);',
    "document.write(text);",
    "document.createRange().createContextualFragment(text);",
    'document.createElement("iframe").srcdoc = text;',
    "eval(text);",
    "new Function(text)();",
  ];
  for (const source of ways)
    it(`fails addin/taskpane/probe.ts: ${source}`, async () => {
      assert.ok(await refused("addin/taskpane/probe.ts", source), source);
    });

  it("lets the pane set text and attributes", async () => {
    assert.equal(await refused("addin/taskpane/probe.ts", "node.textContent = text;"), false);
    assert.equal(await refused("addin/shared/probe.ts", 'node.setAttribute("title", text);'), false);
  });
});
