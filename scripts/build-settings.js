// The build settings (environment variables read by `npm run build`), checked before webpack compiles
// anything, and the dist/build-info.json that records what a build was made with so that
// `npm run validate:prod` can tell a build that cannot sign in from one that can.
// CommonJS so that webpack.config.js can require it.
"use strict";

const { checkManifestSettings } = require("./manifest");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The same rule as src/auth/settings.ts: an authority the page would ignore must not build silently.
const AUTHORITY = /^https:\/\/[^/\s]+\/\S*$/i;
const DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations";

/** Every environment variable the build reads, with what it does (README and docs/distribution.md). */
const BUILD_SETTINGS = {
  ADDIN_PUBLIC_URL: "https:// base address that serves dist/; rewrites the manifest's localhost URLs",
  AAD_CLIENT_ID: "application (client) ID of the app registration; without it nobody can sign in",
  AAD_AUTHORITY: `sign-in authority, default ${DEFAULT_AUTHORITY}; your tenant for single-tenant apps`,
  ALLOW_NO_SIGN_IN: "1 to build for ADDIN_PUBLIC_URL without AAD_CLIENT_ID on purpose",
  ADDIN_ID: "the manifest <Id> (a GUID); give a fork its own",
  ADDIN_PROVIDER_NAME: "the manifest <ProviderName> (who publishes the add-in)",
  ADDIN_DISPLAY_NAME: "the add-in's name in Excel and the ribbon group's label",
  ADDIN_SUPPORT_URL: "https:// page for help, in the manifest's SupportUrl and Get Started",
};

/** Error whose message is the whole story: webpack-cli prints it without a stack trace. */
class BuildSettingsError extends Error {
  constructor(message) {
    super(message);
    this.name = "BuildSettingsError";
  }

  // webpack-cli prints a failing configuration's error with util.format, which uses this.
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return `Build settings: ${this.message}`;
  }
}

/** The trimmed value, or undefined when unset or blank. */
function read(env, name) {
  const value = env[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function readAllowNoSignIn(env) {
  const value = read(env, "ALLOW_NO_SIGN_IN");
  if (value === undefined || value === "0") return false;
  if (value === "1") return true;
  throw new BuildSettingsError(`ALLOW_NO_SIGN_IN must be 1 (or unset), got "${value}".`);
}

function readSignIn(env) {
  const clientId = read(env, "AAD_CLIENT_ID");
  if (clientId !== undefined && !GUID.test(clientId)) {
    throw new BuildSettingsError(
      `AAD_CLIENT_ID "${clientId}" is not a GUID. Use the Application (client) ID shown on the app ` +
        "registration's Overview page, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e (docs/sign-in.md).",
    );
  }
  const authority = read(env, "AAD_AUTHORITY");
  if (authority !== undefined && !AUTHORITY.test(authority)) {
    throw new BuildSettingsError(
      `AAD_AUTHORITY "${authority}" is not an https:// authority such as ` +
        "https://login.microsoftonline.com/<tenant-id>; leave it unset for any organization.",
    );
  }
  return { clientId, authority: authority ?? DEFAULT_AUTHORITY };
}

/**
 * Reads and checks every build setting.
 * @param {Record<string, string | undefined>} env usually process.env
 * @param {"production" | "development"} mode
 * @throws {BuildSettingsError} with a message that names the setting and says what to do
 */
function readBuildSettings(env, mode) {
  const publicUrl = read(env, "ADDIN_PUBLIC_URL");
  const allowNoSignIn = readAllowNoSignIn(env);
  const signIn = readSignIn(env);
  const manifest = {
    publicUrl,
    id: read(env, "ADDIN_ID"),
    providerName: read(env, "ADDIN_PROVIDER_NAME"),
    displayName: read(env, "ADDIN_DISPLAY_NAME"),
    supportUrl: read(env, "ADDIN_SUPPORT_URL"),
  };
  try {
    checkManifestSettings(manifest);
  } catch (e) {
    throw new BuildSettingsError(e.message);
  }
  // A build for a real host without a client ID shows "Sign-in is not configured in this build." to
  // everyone who opens it: refuse it unless the person asked for exactly that.
  if (mode === "production" && publicUrl !== undefined && signIn.clientId === undefined && !allowNoSignIn) {
    throw new BuildSettingsError(
      `AAD_CLIENT_ID is not set, so the add-in built for ${publicUrl} could not sign anyone in ` +
        '(its pane would say "Sign-in is not configured in this build."). Set AAD_CLIENT_ID to the ' +
        "Application (client) ID of your app registration (docs/sign-in.md), or set ALLOW_NO_SIGN_IN=1 " +
        "to build without sign-in on purpose.",
    );
  }
  return { mode, signIn, allowNoSignIn, manifest };
}

/** The contents of dist/build-info.json. The client ID is not a secret: the page carries it anyway. */
function buildInfo(settings) {
  return {
    mode: settings.mode,
    publicUrl: settings.manifest.publicUrl ?? null,
    signIn: {
      configured: settings.signIn.clientId !== undefined,
      clientId: settings.signIn.clientId ?? null,
      authority: settings.signIn.authority,
      allowedWithout: settings.allowNoSignIn,
    },
  };
}

/**
 * Problems with a production build, from its build-info.json (undefined when the file is missing).
 * @returns {string[]} plain messages; empty when the build can be deployed
 */
function buildInfoProblems(info) {
  if (info === undefined) {
    return [
      "no build-info.json beside it, so whether this build can sign in is unknown: " +
        "validate the dist/manifest.xml that `npm run build` wrote",
    ];
  }
  const problems = [];
  if (info.mode !== "production") problems.push(`built with --mode ${info.mode}; use npm run build`);
  const signIn = info.signIn || {};
  if (!signIn.configured && !signIn.allowedWithout) {
    problems.push(
      "built without AAD_CLIENT_ID: nobody can sign in. Rebuild with AAD_CLIENT_ID (docs/sign-in.md), " +
        "or with ALLOW_NO_SIGN_IN=1 if that is intended",
    );
  }
  return problems;
}

/**
 * Writes dist/build-info.json and reports the manifest transform's warnings as webpack warnings (printed
 * once in the build summary, without a stack trace, instead of console.warn from inside a plugin).
 */
class BuildInfoPlugin {
  /** @param {object} info @param {string[]} warnings filled while the manifest is copied */
  constructor(info, warnings) {
    this.info = info;
    this.warnings = warnings;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("BuildInfoPlugin", (compilation) => {
      const stage = Compilation.PROCESS_ASSETS_STAGE_REPORT; // after copy-webpack-plugin's transform
      compilation.hooks.processAssets.tap({ name: "BuildInfoPlugin", stage }, () => {
        const json = `${JSON.stringify(this.info, null, 2)}\n`;
        compilation.emitAsset("build-info.json", new sources.RawSource(json));
        for (const message of this.warnings.splice(0)) {
          const warning = new WebpackError(`manifest: ${message}`);
          warning.hideStack = true;
          compilation.warnings.push(warning);
        }
      });
    });
  }
}

module.exports = {
  BuildInfoPlugin,
  BUILD_SETTINGS,
  BuildSettingsError,
  readBuildSettings,
  buildInfo,
  buildInfoProblems,
};
