// npx tsx workbench/graph-emulator/cli.ts --port 3001 [--faults '{"rules":[...]}' | --faults mixed]
//   [--behaviour '{"batch424":true}'] [--latency 20] [--quiet]
import { mixedFaults, validateBehaviour, validateFaultConfig } from "./faults";
import { startEmulator } from "./server";
import type { FaultConfig, GraphBehaviour } from "./types";

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: cli.ts [--port N] [--faults JSON|mixed] [--behaviour JSON] [--latency MS] [--quiet]\n`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let port = 3001;
  let faults: FaultConfig = {};
  let latency: number | undefined;
  let quiet = false;
  let behaviour: GraphBehaviour = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === "--quiet") {
      quiet = true;
    } else if (arg === "--port" && value !== undefined) {
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad port ${value}`);
      i++;
    } else if (arg === "--faults" && value !== undefined) {
      if (value === "mixed") {
        faults = mixedFaults();
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value) as unknown;
        } catch {
          usage("--faults must be JSON or 'mixed'");
        }
        const problem = validateFaultConfig(parsed);
        if (problem !== undefined) usage(`--faults: ${problem}`);
        faults = parsed as FaultConfig;
      }
      i++;
    } else if (arg === "--behaviour" && value !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value) as unknown;
      } catch {
        usage("--behaviour must be JSON");
      }
      const problem = validateBehaviour(parsed);
      if (problem !== undefined) usage(`--behaviour: ${problem}`);
      behaviour = parsed as GraphBehaviour;
      i++;
    } else if (arg === "--latency" && value !== undefined) {
      latency = Number(value);
      if (!Number.isFinite(latency) || latency < 0) usage(`bad latency ${value}`);
      i++;
    } else {
      usage(`unknown argument ${String(arg)}`);
    }
  }
  if (latency !== undefined) faults = { ...faults, latencyMs: latency };
  const emulator = await startEmulator({
    port,
    faults,
    behaviour,
    ...(quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
  });
  process.stdout.write(`Graph emulator listening: ${emulator.baseUrl}\n`);
  process.stdout.write(
    `Control API: ${emulator.origin}/_emulator/ledger | /state | POST /faults | POST /reset\n`,
  );
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
