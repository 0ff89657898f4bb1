import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { main } from "../../cli/main";

/** `cchc --version` names the version a bug report needs (it was an unknown command, exit 64; T13). */
describe("cchc --version", () => {
  it("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    for (const flag of ["--version", "-v", "version"]) {
      let out = "";
      const code = await main([flag], { out: (t) => (out += t), err: () => undefined });
      assert.equal(code, 0);
      assert.equal(out, `cchc ${version}`);
    }
  });
});
