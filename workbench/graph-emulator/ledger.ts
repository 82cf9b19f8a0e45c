import type { Ledger } from "./types";

export function emptyLedger(): Ledger {
  return {
    requests: [],
    invites: [],
    emails: [],
    throttles: [],
    earlyRetries: [],
    sessions: [],
    deletions: [],
    revocations: [],
  };
}

/** Empties a ledger in place, so that references held by tests stay live. */
export function clearLedger(ledger: Ledger): void {
  ledger.requests.length = 0;
  ledger.invites.length = 0;
  ledger.emails.length = 0;
  ledger.throttles.length = 0;
  ledger.earlyRetries.length = 0;
  ledger.sessions.length = 0;
  ledger.deletions.length = 0;
  ledger.revocations.length = 0;
}

function countBy<T>(rows: T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** How many invites were carried out per recipient (a count above 1 is a duplicate grant). */
export function grantsPerRecipient(ledger: Ledger): Map<string, number> {
  return countBy(ledger.invites, (i) => i.recipient);
}

/** How many sharing e-mails each recipient received. */
export function emailsPerRecipient(ledger: Ledger): Map<string, number> {
  return countBy(ledger.emails, (e) => e.to);
}

/** Ids of sessions that were opened and neither closed nor expired. */
export function unclosedSessions(ledger: Ledger): string[] {
  return ledger.sessions
    .filter((s) => s.closedAt === undefined && s.expiredAt === undefined)
    .map((s) => s.id);
}

export interface LedgerSummary {
  counts: Record<keyof Ledger, number>;
  grantsPerRecipient: Record<string, number>;
  emailsPerRecipient: Record<string, number>;
  unclosedSessions: string[];
  duplicateGrants: string[];
  ledger: Ledger;
}

export function summarizeLedger(ledger: Ledger): LedgerSummary {
  const grants = grantsPerRecipient(ledger);
  return {
    counts: {
      requests: ledger.requests.length,
      invites: ledger.invites.length,
      emails: ledger.emails.length,
      throttles: ledger.throttles.length,
      earlyRetries: ledger.earlyRetries.length,
      sessions: ledger.sessions.length,
      deletions: ledger.deletions.length,
      revocations: ledger.revocations.length,
    },
    grantsPerRecipient: Object.fromEntries(grants),
    emailsPerRecipient: Object.fromEntries(emailsPerRecipient(ledger)),
    unclosedSessions: unclosedSessions(ledger),
    duplicateGrants: [...grants].filter(([, n]) => n > 1).map(([r]) => r),
    ledger,
  };
}
