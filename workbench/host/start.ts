// `npm start`: the add-in for real, with no Excel and no Microsoft 365 tenant. Builds the development
// task pane and the workbench, starts the Graph emulator with the demo tenant, serves everything on
// loopback (https, self-signed: docs/workbench.md) and prints the workbench URL. Ctrl-C stops it all.
//
// Environment: PORT (page server, default 3000), EMULATOR_PORT (default 3001); a taken port moves to the
// next free one. WORKBENCH_LOG=1 prints every emulator request.

import { startWorkbench } from "./server";

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`${name}=${raw} is not a port number\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const started = Date.now();
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const workbench = await startWorkbench({
    port: portFrom("PORT", 3000),
    emulatorPort: portFrom("EMULATOR_PORT", 3001),
    build: true,
    log: say,
    ...(process.env.WORKBENCH_LOG === "1" ? { emulatorLog: (line: string) => say(`  graph: ${line}`) } : {}),
  });

  const rule = "=".repeat(72);
  say("");
  say(rule);
  say(`  Workbench ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Open:`);
  say("");
  say(`      ${workbench.url}`);
  say("");
  say("  The real task pane on Microsoft's office.js, in a simulated Excel on the web, signing in");
  say("  through MSAL (nested app auth, local identity provider) and talking to the Graph emulator");
  say(`  (${workbench.emulator.baseUrl}; control API at ${workbench.emulator.origin}/_emulator/).`);
  say("  The certificate is self-signed (.workbench-tls/): accept the browser's warning once.");
  if (process.platform === "win32" || process.platform === "darwin") {
    say("");
    say("  To run the add-in inside real Excel instead: `npm run sideload` (needs a Microsoft 365");
    say("  account; see docs/distribution.md).");
  }
  say("  Press Ctrl-C to stop.");
  say(rule);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping the workbench and the Graph emulator…`);
    workbench.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
