// Lint: eslint-plugin-office-addins' recommended rules (Office.js load/sync habits, prettier) on every
// .ts/.js file, plus the layering rules (docs/architecture.md): src/core imports nothing outside
// src/core and touches no host API, clock or I/O; src/app runs over the ports in src/core and imports
// no adapter (src/graph, src/office, src/auth); only the composition roots wire adapters to the flow.
// And every src function fits on a screen or two: at most 120 lines.
const officeAddins = require("eslint-plugin-office-addins");
const globals = require("globals");
const tsParser = require("@typescript-eslint/parser");

// The plugin's recommended config is [eslint:recommended, prettier-compat, {files, plugins, rules}].
// Its own `files` brace pattern is not applied to .ts files by ESLint 9, so its plugins and rules are
// attached here to explicit globs, with the TypeScript parser.
const [jsRecommended, prettierCompat, officeBlock] = officeAddins.configs.recommended;

module.exports = [
  { ignores: ["node_modules/", "dist/", "coverage/", "test-results/", "**/*.d.ts"] },
  jsRecommended,
  prettierCompat,
  {
    files: ["**/*.ts", "**/*.js", "**/*.cjs", "**/*.mjs"],
    plugins: officeBlock.plugins,
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      ...officeBlock.rules,
      "no-undef": "off",
      "no-redeclare": "off",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "scripts/**", "test/**", "bench/**", "workbench/**"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["../*"], message: "src/core is pure: it imports only from src/core." }] },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "src/core does no I/O." },
        { name: "Office", message: "src/core does not touch the host." },
        { name: "Excel", message: "src/core does not touch the host." },
        { name: "document", message: "src/core has no DOM." },
        { name: "window", message: "src/core has no DOM." },
        { name: "setTimeout", message: "src/core has no timers." },
        { name: "console", message: "src/core does not log." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "src/core has no clock: pass the time in." },
        { object: "Math", property: "random", message: "src/core is deterministic: pass randomness in." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "src/core has no clock: pass the time in.",
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/office/**", "src/core/**"],
    rules: {
      "no-restricted-globals": ["error", { name: "Excel", message: "Only src/office calls Excel." }],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "../graph/*",
                "../office/*",
                "../auth/*",
                "**/src/graph/*",
                "**/src/office/*",
                "**/src/auth/*",
              ],
              message:
                "src/app runs over the ports in src/core/ports.ts; only the composition roots import adapters.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "max-lines-per-function": ["error", { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
];
