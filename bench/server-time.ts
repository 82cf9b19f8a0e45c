// The server-time scenario: Graph, not the network, is slow (workload.ts SERVER_TIME). Shows how the
// concurrency controller behaves: the one-batch probe, slow start, and the hold once more batches in
// flight only queue at Graph (the round trip grows). Rows in the shape bench/run.ts records.
import type { Emulator } from "../workbench/graph-emulator";
import { describeLimit, runPipeline } from "./pipeline";
import { SERVER_TIME, serverTimeFaults, serverTimeFloorMs } from "./workload";

export const SERVER_TIME_N = 600;

export interface ServerTimeRow {
  name: string;
  n: number;
  wallMs: number;
  roundTrips: number;
  floorRatio: number;
  note: string;
}

export async function serverTimeBound(emu: Emulator): Promise<ServerTimeRow[]> {
  const n = SERVER_TIME_N;
  const floorMs = serverTimeFloorMs(n);
  emu.setFaults(serverTimeFaults());
  const addin = await runPipeline(emu, n);
  const noProbe = await runPipeline(emu, n, { pacer: { concurrency: { probeInvites: 0 } } });
  const { inviteMs, parallelPerBatch, parallelTotal } = SERVER_TIME;
  return [
    {
      name: "serverTime.addin",
      n,
      wallMs: Math.round(addin.wallMs),
      roundTrips: addin.roundTrips,
      floorRatio: Math.round((addin.wallMs / floorMs) * 100) / 100,
      note:
        `${inviteMs} ms an invite, ${parallelPerBatch} at a time per batch, ${parallelTotal ?? "no"} per tenant; ` +
        `floor ${floorMs / 1000} s; ${describeLimit(addin.limitTrace, addin.clockStart)}`,
    },
    {
      name: "serverTime.addin(probeInvites=0)",
      n,
      wallMs: Math.round(noProbe.wallMs),
      roundTrips: noProbe.roundTrips,
      floorRatio: Math.round((noProbe.wallMs / floorMs) * 100) / 100,
      note: `experiment: no probe, growth from the first answer; ${describeLimit(noProbe.limitTrace, noProbe.clockStart)}`,
    },
  ];
}
