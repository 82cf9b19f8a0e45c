// Workloads shared by the benchmark's scenarios: a roster of N distinct external addresses, the
// emulator configurations, and counting what the emulator saw (its ledger is the ground truth).
import type { BudgetConfig, FaultConfig, Ledger, ServerTimeConfig } from "../workbench/graph-emulator";

export const LATENCY_MS = 20;

/** Scaled SharePoint budget: 5 units per invite, 600 units per second, Retry-After 1 s doubling. */
export const BUDGET: BudgetConfig = {
  costPerInvite: 5,
  costPerRead: 1,
  unitsPerWindow: 600,
  windowSeconds: 1,
  retryAfterSeconds: 1,
  growth: 2,
  maxRetryAfterSeconds: 3600,
};

export function latencyFaults(): FaultConfig {
  return { seed: 11, latencyMs: LATENCY_MS, timeScale: 1 };
}

export function budgetFaults(): FaultConfig {
  return { seed: 11, latencyMs: LATENCY_MS, timeScale: 1, budget: { ...BUDGET } };
}

/**
 * Graph slow, not the network: 300 ms of server time per invite, 10 invites of a $batch at a time (a batch of
 * 20 answers after 600 ms), 40 invites at a time across the tenant (from 4 batches in flight on, more only
 * queue at Graph and the answers get slower).
 */
export const SERVER_TIME: ServerTimeConfig = { inviteMs: 300, parallelPerBatch: 10, parallelTotal: 40 };

export function serverTimeFaults(): FaultConfig {
  return { seed: 11, latencyMs: LATENCY_MS, timeScale: 1, serverTime: { ...SERVER_TIME } };
}

/** The server-time floor: every invite's server time, spread over the tenant's slots. */
export function serverTimeFloorMs(n: number, t: ServerTimeConfig = SERVER_TIME): number {
  return (n * t.inviteMs) / (t.parallelTotal ?? t.parallelPerBatch);
}

/** Invites per second the budget allows (the floor's rate). */
export function budgetInviteRate(b: BudgetConfig): number {
  return b.unitsPerWindow / b.windowSeconds / b.costPerInvite;
}

/** Guests outside the demo tenant: every one is a fresh grant the emulator carries out. */
export function roster(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `guest${String(i + 1).padStart(5, "0")}@fabrikam.com`);
}

export interface LedgerCounts {
  /** Top-level HTTP requests (a $batch counts once). */
  roundTrips: number;
  /** Every request the emulator answered: top-level ones and the items inside batches. */
  requests: number;
  /** Answers with status 429, top-level or inside a batch. */
  throttled: number;
  /** Invites carried out, and recipients granted more than once. */
  invites: number;
  duplicateGrants: number;
  /** Requests that came back before the Retry-After they were given. */
  earlyRetries: number;
}

export function countLedger(ledger: Ledger): LedgerCounts {
  const perRecipient = new Map<string, number>();
  for (const i of ledger.invites) perRecipient.set(i.recipient, (perRecipient.get(i.recipient) ?? 0) + 1);
  return {
    roundTrips: ledger.requests.filter((r) => !r.inBatch).length,
    requests: ledger.requests.length,
    throttled: ledger.requests.filter((r) => r.status === 429).length,
    invites: ledger.invites.length,
    duplicateGrants: [...perRecipient.values()].filter((n) => n > 1).length,
    earlyRetries: ledger.earlyRetries.length,
  };
}
