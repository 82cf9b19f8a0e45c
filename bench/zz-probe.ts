// scratch: not committed
import { startEmulator } from "../workbench/graph-emulator";
import { runPipeline } from "./pipeline";
import { budgetFaults, latencyFaults } from "./workload";
(async () => {
  const emu = await startEmulator();
  for (const [label, tuning] of [
    ["default", {}],
    ["probe0", { pacer: { concurrency: { probeInvites: 0 } } }],
    ["probe0+slowStart", { pacer: { concurrency: { probeInvites: 0, slowStart: true } } }],
  ] as const) {
    for (const rep of [1, 2]) {
      emu.reset(); emu.setFaults(latencyFaults());
      const lat = await runPipeline(emu, 1000, tuning as never);
      emu.reset(); emu.setFaults(budgetFaults());
      const bud = await runPipeline(emu, 1000, tuning as never);
      console.log(label, rep, "latency", Math.round(lat.wallMs), "ms", "budget", Math.round(bud.wallMs), "ms", (bud.wallMs / 8333).toFixed(2), "x floor", bud.throttled, "429s", bud.earlyRetries, "early");
    }
  }
  await emu.close();
})();
