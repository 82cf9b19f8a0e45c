// Deterministic fault injection: seeded rules, SharePoint's resource-unit budget and early-retry tracking.
import { mulberry32 } from "./prng";
import { ServerTimeModel, validateServerTime } from "./server-time";
import type { FaultConfig, FaultKind, FaultRule, FaultTarget, Ledger } from "./types";

/** What a request is, for rule matching. "other" requests are matched only by target "any". */
export type RequestTarget = Exclude<FaultTarget, "any"> | "other";

export const BEFORE_FAULTS: ReadonlySet<FaultKind> = new Set([
  "throttle",
  "throttleNoRetryAfter",
  "unavailableBefore",
  "resetBefore",
  "htmlOk",
]);

export interface BudgetVerdict {
  retryAfterSeconds: number;
  violation: boolean;
}

const DEFAULT_RULE_RETRY_AFTER = 2;

export function validateFaultConfig(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "FaultConfig must be an object";
  const v = value as Record<string, unknown>;
  for (const k of ["seed", "timeScale", "latencyMs", "sessionIdleSeconds", "tokenLifetimeSeconds"]) {
    if (v[k] !== undefined && (typeof v[k] !== "number" || !Number.isFinite(v[k]) || (v[k] as number) < 0)) {
      return `${k} must be a non-negative number`;
    }
  }
  if (v["timeScale"] === 0) return "timeScale must be positive";
  if (v["rules"] !== undefined) {
    if (!Array.isArray(v["rules"])) return "rules must be an array";
    for (const r of v["rules"] as unknown[]) {
      if (typeof r !== "object" || r === null) return "each rule must be an object";
      const rule = r as Record<string, unknown>;
      if (typeof rule["fault"] !== "string" || !ALL_FAULTS.includes(rule["fault"] as FaultKind)) {
        return `unknown fault ${String(rule["fault"])}`;
      }
      if (typeof rule["rate"] !== "number" || rule["rate"] < 0 || rule["rate"] > 1)
        return "rate must be in [0, 1]";
      if (rule["target"] !== undefined && !ALL_TARGETS.includes(rule["target"] as FaultTarget)) {
        return `unknown target ${String(rule["target"])}`;
      }
    }
  }
  if (v["serverTime"] !== undefined) {
    const problem = validateServerTime(v["serverTime"]);
    if (problem !== undefined) return problem;
  }
  if (v["budget"] !== undefined) {
    const b = v["budget"] as Record<string, unknown>;
    for (const k of ["costPerInvite", "unitsPerWindow", "windowSeconds", "retryAfterSeconds"]) {
      if (typeof b[k] !== "number") return `budget.${k} must be a number`;
    }
  }
  return undefined;
}

const BEHAVIOUR_CHOICES: Record<string, readonly unknown[]> = {
  inviteCreates: ["directGrant", "specificPeopleLink"],
  batch424: [true, false],
  inviteReadsSessionHeader: ["ignored", "refusesStale"],
  throttledItemExecuted: [true, false],
  caller: ["delegated", "appOnly"],
  corsExposesRetryAfter: [true, false],
  personalExpiry: ["premium", "refused"],
  directoryRefused: [true, false],
};

/** undefined when `value` is absent or a valid GraphBehaviour, else what is wrong with it. */
export function validateBehaviour(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "behaviour must be an object";
  for (const [k, v] of Object.entries(value)) {
    const allowed = BEHAVIOUR_CHOICES[k];
    if (allowed === undefined) return `unknown behaviour ${k}`;
    if (v !== undefined && !allowed.includes(v))
      return `behaviour.${k} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`;
  }
  return undefined;
}

export const ALL_FAULTS: FaultKind[] = [
  "throttle",
  "throttleNoRetryAfter",
  "unavailableBefore",
  "unavailableAfter",
  "gatewayTimeoutAfter",
  "serverErrorAfter",
  "resetBefore",
  "resetAfter",
  "partialMail",
  "htmlOk",
  "grantedNotListed",
];
const ALL_TARGETS: FaultTarget[] = ["invite", "batch", "permissions", "session", "shares", "any"];

/** A named mix for the CLI and the workbench: realistic, mostly-working Graph. */
export function mixedFaults(seed = 7): FaultConfig {
  return {
    seed,
    rules: [
      { fault: "throttle", rate: 0.05, target: "invite", retryAfterSeconds: 2 },
      { fault: "throttleNoRetryAfter", rate: 0.01, target: "invite" },
      { fault: "unavailableBefore", rate: 0.02, target: "invite", retryAfterSeconds: 1 },
      { fault: "unavailableAfter", rate: 0.02, target: "invite" },
      { fault: "gatewayTimeoutAfter", rate: 0.01, target: "invite" },
      { fault: "partialMail", rate: 0.02, target: "invite" },
      { fault: "throttle", rate: 0.02, target: "permissions", retryAfterSeconds: 1 },
    ],
  };
}

export class FaultEngine {
  private random: () => number = Math.random;
  private shuffleRandom: () => number = Math.random;
  private mailRandom: () => number = Math.random;
  private windowStart = 0;
  private unitsUsed = 0;
  private throttledUntil = 0;
  private lastRetryAfter = 0;
  private throttleSerial = -1;
  private readonly allowedAt = new Map<string, number>();
  /** The server-time model's slots (FaultConfig.serverTime), fresh with every configuration. */
  serverTime = new ServerTimeModel(undefined);

  constructor(
    public config: FaultConfig,
    private readonly ledger: Ledger,
  ) {
    this.resetRuntime();
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.resetRuntime();
  }

  resetRuntime(): void {
    const seed = this.config.seed ?? 1;
    this.random = mulberry32(seed);
    this.shuffleRandom = mulberry32(seed ^ 0x5bd1e995);
    this.mailRandom = mulberry32(seed ^ 0x27d4eb2f);
    this.windowStart = 0;
    this.unitsUsed = 0;
    this.throttledUntil = 0;
    this.lastRetryAfter = 0;
    this.throttleSerial = -1;
    this.allowedAt.clear();
    this.serverTime = new ServerTimeModel(this.config.serverTime);
  }

  get timeScale(): number {
    return this.config.timeScale ?? 1;
  }

  /** Emulator seconds → wall-clock milliseconds. */
  scaledMs(seconds: number): number {
    return seconds * 1000 * this.timeScale;
  }

  get shuffleRng(): () => number {
    return this.shuffleRandom;
  }

  pickMailError(): string {
    const codes = ["exchangeInvalidUser", "exchangeOutOfMailboxQuota", "accountVerificationRequired"];
    return codes[Math.floor(this.mailRandom() * codes.length)] ?? "exchangeInvalidUser";
  }

  /** Draws the rules for one request; the first rule that fires wins. */
  draw(target: RequestTarget, opts: { outerBatch: boolean; batchItem?: boolean }): FaultRule | undefined {
    for (const rule of this.config.rules ?? []) {
      const ruleTarget = rule.target ?? "any";
      const matches = opts.outerBatch
        ? ruleTarget === "batch"
        : ruleTarget === "any" || ruleTarget === target;
      if (!matches) continue;
      if ((rule.fault === "partialMail" || rule.fault === "grantedNotListed") && target !== "invite")
        continue;
      // A proxy or portal answers whole HTTP requests, never one item inside a $batch body.
      if (rule.fault === "htmlOk" && opts.batchItem === true) continue;
      if (this.random() < rule.rate) return rule;
    }
    return undefined;
  }

  ruleRetryAfter(rule: FaultRule): number | undefined {
    if (rule.fault === "throttle") return rule.retryAfterSeconds ?? DEFAULT_RULE_RETRY_AFTER;
    if (rule.fault === "unavailableBefore") return rule.retryAfterSeconds;
    return undefined;
  }

  /**
   * SharePoint's resource-unit budget ("Avoid getting throttled or blocked in SharePoint Online"): a request
   * that would exceed the window is answered 429; a request that arrives while throttled is a violation and the
   * Retry-After grows. Requests in the same HTTP request as the one that tripped the budget are throttled
   * without counting as violations (the client could not have known).
   */
  checkBudget(cost: number, httpSerial: number, now: number): BudgetVerdict | undefined {
    const budget = this.config.budget;
    if (budget === undefined || cost <= 0) return undefined;
    if (now < this.throttledUntil) {
      // Same HTTP request (a batch) as the one that tripped the budget: the same answer, no violation.
      if (httpSerial === this.throttleSerial)
        return { retryAfterSeconds: this.lastRetryAfter, violation: false };
      const grown = Math.min(
        budget.maxRetryAfterSeconds ?? 3600,
        Math.ceil(this.lastRetryAfter * (budget.growth ?? 2)),
      );
      this.trip(grown, httpSerial, now);
      return { retryAfterSeconds: grown, violation: true };
    }
    if (now - this.windowStart >= this.scaledMs(budget.windowSeconds)) {
      this.windowStart = now;
      this.unitsUsed = 0;
    }
    if (this.unitsUsed + cost > budget.unitsPerWindow) {
      this.trip(budget.retryAfterSeconds, httpSerial, now);
      return { retryAfterSeconds: budget.retryAfterSeconds, violation: false };
    }
    return undefined;
  }

  private trip(retryAfterSeconds: number, httpSerial: number, now: number): void {
    this.lastRetryAfter = retryAfterSeconds;
    this.throttleSerial = httpSerial;
    this.throttledUntil = now + this.scaledMs(retryAfterSeconds);
    // After the pause the client gets a fresh window.
    this.windowStart = this.throttledUntil;
    this.unitsUsed = 0;
  }

  /**
   * RateLimit-Limit / -Remaining / -Reset, which SharePoint sends (preview) once an app has used 80 % of its
   * resource units ("Avoid getting throttled or blocked in SharePoint Online", RateLimit headers), and only
   * to app-only callers (SharePoint dev blog "Prevent throttling with RateLimit headers"): a delegated
   * add-in never sees them. budget.rateLimitHeaders is the older opt-in and means an app-only caller.
   */
  rateLimitHeaders(now: number, appOnly: boolean): Record<string, string> | undefined {
    const budget = this.config.budget;
    if (budget === undefined || !(appOnly || budget.rateLimitHeaders === true)) return undefined;
    const windowMs = this.scaledMs(budget.windowSeconds);
    if (now - this.windowStart >= windowMs || this.unitsUsed < budget.unitsPerWindow * 0.8) return undefined;
    const resetMs = Math.max(0, this.windowStart + windowMs - now);
    return {
      "RateLimit-Limit": String(budget.unitsPerWindow),
      "RateLimit-Remaining": String(Math.max(0, budget.unitsPerWindow - this.unitsUsed)),
      // Whole seconds of Graph time, as Retry-After.
      "RateLimit-Reset": String(Math.ceil(resetMs / this.scaledMs(1))),
    };
  }

  charge(cost: number): void {
    if (this.config.budget !== undefined) this.unitsUsed += cost;
  }

  /** Records an early retry when this fingerprint was told to wait and came back too soon. */
  noteArrival(fingerprint: string, now: number): void {
    const allowed = this.allowedAt.get(fingerprint);
    if (allowed === undefined) return;
    if (now < allowed) {
      this.ledger.earlyRetries.push({ at: now, fingerprint, allowedAt: allowed });
    } else {
      this.allowedAt.delete(fingerprint);
    }
  }

  noteRetryAfter(fingerprint: string, retryAfterSeconds: number, now: number): number {
    const allowed = now + this.scaledMs(retryAfterSeconds);
    this.allowedAt.set(fingerprint, allowed);
    return allowed;
  }
}
