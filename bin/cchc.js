#!/usr/bin/env node
// The `cchc` command: runs the TypeScript sources through tsx, so there is no build step to forget.
const { register } = require("tsx/cjs/api");
register();
// Ctrl-C says what was done and what to do next (exit 130); a second Ctrl-C stops at once.
require("../cli/interrupt.ts").installInterruptHandler((text) => process.stderr.write(text + "\n"));
const { main } = require("../cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  },
);
