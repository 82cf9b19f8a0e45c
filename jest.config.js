// Browser tests (test/browser) need Chromium. Without it they are left out and global-setup prints a
// loud banner; with REQUIRE_BROWSER_TESTS=1 (set by .ci/run) a missing Chromium fails the run instead.
const fs = require("fs");

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const browserTests = fs.existsSync(chromium) || process.env.REQUIRE_BROWSER_TESTS === "1";

/** @type {import('jest').Config} */
module.exports = {
  // One worker: two browser test files at once (each with its own workbench, webpack build and Chromium)
  // were seen to lose a page a few seconds into a test, never when run one after the other.
  maxWorkers: 1,
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type-checking is done once by `npm run typecheck`; ts-jest only transpiles here.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 30000,
  globalSetup: "<rootDir>/test/browser/global-setup.ts",
  testPathIgnorePatterns: ["/node_modules/", ...(browserTests ? [] : ["<rootDir>/test/browser/"])],
};
