// The Content-Security-Policy of taskpane.html and dialog.html, put into a <meta> tag at build time by
// webpack.config.js. Every source and why it is there: docs/security.md. Development builds differ only
// in also allowing the local workbench and Graph emulator (any port on localhost / 127.0.0.1).
// CommonJS so that webpack.config.js can require it.
"use strict";

const crypto = require("crypto");

/** office.js and the files it loads next to itself (host file, strings, AgaveErrorUX trust page). */
const OFFICE_CDN = "https://appsforoffice.microsoft.com";
const GRAPH = "https://graph.microsoft.com";
const ENTRA = "https://login.microsoftonline.com";
/**
 * office.js's ULS telemetry frame (o15apptofilemappingtable.js, the *-win32-16.00.js host files): loaded
 * when office.js runs outside Office or in older desktop Office; hidden with style="display:none".
 */
const OFFICE_TELEMETRY_FRAME = "https://telemetryservice.firstpartyapps.oaspapps.com";
/** The one inline style attribute office.js sets (on that frame), allowed by its hash and nothing else. */
const TELEMETRY_FRAME_STYLE = `'sha256-${crypto.createHash("sha256").update("display:none").digest("base64")}'`;

/** Local servers of the development workbench: the pane, the real office.js copy, the Graph emulator. */
const DEV_LOCAL = ["http://127.0.0.1:*", "http://localhost:*", "https://localhost:*"];
/** webpack-dev-server's live-reload socket (npm run dev-server). */
const DEV_SOCKETS = ["ws://127.0.0.1:*", "ws://localhost:*", "wss://localhost:*"];

/** The origin of the configured sign-in authority (AAD_AUTHORITY), when it is an https URL. */
function authorityOrigin(authority) {
  try {
    const url = new URL(authority);
    return url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function unique(list) {
  return [...new Set(list.filter(Boolean))];
}

/**
 * The policy as one string, e.g. "default-src 'self'; script-src 'self' https://appsforoffice...".
 * options.dev: development build; options.authority: the MSAL authority compiled into the build.
 */
function contentSecurityPolicy({ dev, authority }) {
  const identity = unique([ENTRA, authorityOrigin(authority || ENTRA)]);
  const local = dev ? DEV_LOCAL : [];
  const directives = [
    ["default-src", ["'self'"]],
    ["script-src", ["'self'", OFFICE_CDN, ...local]],
    ["style-src", ["'self'", "'unsafe-hashes'", TELEMETRY_FRAME_STYLE]],
    ["img-src", ["'self'", "data:"]],
    ["font-src", ["'self'"]],
    ["connect-src", ["'self'", GRAPH, ...identity, ...local, ...(dev ? DEV_SOCKETS : [])]],
    ["frame-src", [OFFICE_CDN, OFFICE_TELEMETRY_FRAME, ...identity]],
    ["child-src", [OFFICE_CDN, OFFICE_TELEMETRY_FRAME, ...identity]],
    ["worker-src", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${unique(sources).join(" ")}`).join("; ");
}

module.exports = { contentSecurityPolicy, OFFICE_CDN, GRAPH, ENTRA, DEV_LOCAL };
