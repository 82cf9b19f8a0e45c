// Lint: eslint-plugin-office-addins' recommended rules (Office.js load/sync habits, prettier),
// plus the layering rule of DESIGN.md: src/core imports nothing outside src/core and touches no host API.
const officeAddins = require("eslint-plugin-office-addins");
const globals = require("globals");

module.exports = [
  { ignores: ["node_modules/", "dist/", "coverage/", "test-results/", "**/*.d.ts"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: {
      "no-undef": "off",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "scripts/**", "test/**", "bench/**"],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["../*", "!./*"], message: "src/core is pure: it imports only from src/core." }] },
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
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "Only src/office calls Excel." },
      ],
    },
  },
];
