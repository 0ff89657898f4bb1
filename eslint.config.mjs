// Lint: the Office add-in rules as office-addin-lint applies them (eslint-plugin-office-addins,
// which also runs prettier as a rule), plus a few typescript-eslint rules for .ts files
// (the plugin bundles its own typescript-eslint, so its rule set is used rather than a second copy).
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

/**
 * The boundaries of issue 9: core knows no adapter (nor Excel, Office or Azure); an adapter imports
 * core, never another adapter. A relative import that walks into a forbidden folder fails the lint.
 */
const folder = (names) => `^(\\.{1,2}/)+(.*/)?(${names.join("|")})(/|$)`;
/** An adapter reaching past core's public surface (`core/<area>`, its index.ts) into one of its files. */
const DEEP_CORE = {
  regex: "^(\\.{1,2}/)+core/[^/]+/",
  message: "Adapters import core's public surface, core/<area> (its index.ts), not its files (issue 9).",
};
const boundary = (files, folders, packages, why, extra = []) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: folder(folders), message: why },
          ...(packages ? [{ regex: packages, message: why }] : []),
          ...extra,
        ],
      },
    ],
  },
});
export const BOUNDARIES = [
  boundary(
    ["core/**/*.ts"],
    ["cli", "functions", "addin"],
    "^(exceljs|@azure/.*|@microsoft/office-js|office-.*|office)(/.*)?$",
    "core/ knows no adapter: no cli/, functions/, addin/, exceljs, @azure/* or Office (issue 9).",
  ),
  boundary(
    ["cli/**/*.ts"],
    ["functions", "addin"],
    null,
    "cli/ speaks HTTP to the server: no functions/ or addin/ (issue 9).",
    [DEEP_CORE],
  ),
  boundary(
    ["functions/**/*.ts"],
    ["cli", "addin"],
    null,
    "functions/ imports core, never cli/ or addin/ (issue 9).",
    [DEEP_CORE],
  ),
  boundary(
    ["addin/**/*.ts"],
    ["cli", "functions"],
    null,
    "addin/ imports core, never cli/ or functions/ (issue 9).",
    [DEEP_CORE],
  ),
];

export default [
  { ignores: ["node_modules/**", "dist/**", "coverage/**", ".azurite/**", "tmp/**", "bench/out/**"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-non-null-asserted-optional-chain": "error",
      "no-undef": "off", // TypeScript checks names itself
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        process: "readonly",
        console: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module", ecmaVersion: 2022 } },
  {
    // The Office.js load/sync rules read any `.getCell(...)`/`.values` as Excel proxies; they are for addin/ only.
    files: ["core/**", "cli/**", "functions/**", "test/**", "bench/**"],
    rules: Object.fromEntries(
      Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, "off"]),
    ),
  },
  {
    // Typed rules (the compiler's types, through the project service): a promise nobody awaits and a
    // switch that forgets a case are errors. Only for the files tsconfig.json holds.
    files: ["{core,cli,functions,addin,test,bench}/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
    },
  },
  {
    // The pane shows text from workbooks and the server (unit names, record texts, error messages):
    // it goes in as text nodes, never parsed as HTML (T9: no way back to innerHTML).
    files: ["addin/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["innerHTML", "outerHTML", "insertAdjacentHTML", "createContextualFragment", "srcdoc"].map(
          (property) => ({ property, message: "Server and workbook text goes in as text (dom.ts el/fill)." }),
        ),
        { object: "document", property: "write", message: "Build elements with dom.ts." },
        { object: "document", property: "writeln", message: "Build elements with dom.ts." },
      ],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
  ...BOUNDARIES,
];
