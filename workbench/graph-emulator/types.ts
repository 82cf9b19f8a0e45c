// Public types of the Graph emulator: the seed (initial state), the fault configuration and the ledger.

/** An identity as Graph returns it inside grantedTo / grantedToV2 (resources/identity.md). */
export interface GraphIdentity {
  id: string;
  displayName: string;
  email?: string;
}

/** SharePoint's view of a principal (resources/sharePointIdentity.md): loginName is a claims string. */
export interface GraphSiteUser {
  id: string;
  displayName: string;
  loginName: string;
}

/**
 * sharePointIdentitySet (v1.0 CSDL): identitySet plus siteUser / siteGroup (sharePointIdentity) and group
 * (identity). Site groups ("Owners", "Members", "Visitors") appear as siteGroup or group
 * (microsoft-graph-docs#6911).
 */
export interface GraphSharePointIdentitySet {
  user?: GraphIdentity;
  siteUser?: GraphSiteUser;
  siteGroup?: GraphSiteUser;
  group?: GraphIdentity;
}

/** sharingLink (resources/sharinglink.md): scope "users" is a "specific people" link. */
export interface GraphSharingLink {
  type: "view" | "edit";
  scope: "users" | "organization" | "anonymous";
  webUrl: string;
  preventsDownload?: boolean;
}

/** A permission resource (api-reference/v1.0/resources/permission.md), the fields the emulator serves. */
export interface GraphPermission {
  id: string;
  roles: string[];
  grantedTo?: { user: GraphIdentity };
  grantedToV2?: GraphSharePointIdentitySet;
  /** People on a sharing link (v1.0; grantedToIdentities is the deprecated form). */
  grantedToIdentitiesV2?: GraphSharePointIdentitySet[];
  grantedToIdentities?: Array<{ user: GraphIdentity }>;
  invitation?: { email: string; signInRequired: boolean };
  link?: GraphSharingLink;
  /** SharePoint answers "0001-01-01T00:00:00Z" on link and group entries that never expire. */
  expirationDateTime?: string;
  hasPassword?: boolean;
  shareId?: string;
}

/**
 * How the emulator behaves where real Graph's behaviour is undocumented, disputed or depends on the caller.
 * Each default is the behaviour believed closest to a delegated add-in on a business tenant; README.md
 * lists the sources.
 */
export interface GraphBehaviour {
  /** An invite grants directly (default) or adds the person to a "specific people" sharing link. */
  inviteCreates?: "directGrant" | "specificPeopleLink";
  /** A $batch with a throttled item answers 424 outside (concepts/throttling.md) instead of 200. */
  batch424?: boolean;
  /** Whether invite looks at Workbook-Session-Id: "ignored" (default) or a stale id is refused. */
  inviteReadsSessionHeader?: "ignored" | "refusesStale";
  /** Unconfirmed report: a batch item answered 429 was carried out anyway (invites only). */
  throttledItemExecuted?: boolean;
  /** RateLimit-* headers go only to app-only callers (SharePoint dev blog); default "delegated". */
  caller?: "delegated" | "appOnly";
  /**
   * Access-Control-Expose-Headers lists Retry-After too (default false: a browser cannot read a top-level
   * Retry-After, microsoft-graph-docs#17488). Newer captures and microsoft/dev-proxy list it.
   */
  corsExposesRetryAfter?: boolean;
  /**
   * Whether a OneDrive personal drive applies `expirationDateTime` on an invite: "premium" (default, the
   * permission expires at that time) or "refused" (400, as without a premium account). Business drives
   * always refuse it (microsoft-graph-docs#8820, #17383).
   */
  personalExpiry?: "premium" | "refused";
  /** The tenant stops members reading other users: /users and /groups answer 403 (directory.ts). */
  directoryRefused?: boolean;
}

export interface SeedUser {
  id: string;
  displayName: string;
  email: string;
}

export interface SeedItem {
  id: string;
  name: string;
  webUrl: string;
  permissions?: GraphPermission[];
}

export interface SeedDrive {
  id: string;
  driveType: "business" | "personal";
  owner: SeedUser;
  items: SeedItem[];
  /** Id of the drive's root item; default `${id}!root`-like id derived from the drive id. */
  rootItemId?: string;
  /** webUrl of the drive root (Documents library); default derived from the first item. */
  rootWebUrl?: string;
}

export interface Seed {
  /** An address in one of these domains that is not a known user makes the whole invite fail. */
  tenantDomains: string[];
  /** Unknown addresses outside tenantDomains become guest invitations when true, else 403. */
  externalSharing: boolean;
  users: SeedUser[];
  drives: SeedDrive[];
  /** Which drive /me/drive and /drive mean. */
  meDriveId: string;
}

export type FaultKind =
  | "throttle"
  | "throttleNoRetryAfter"
  | "unavailableBefore"
  | "unavailableAfter"
  | "gatewayTimeoutAfter"
  | "serverErrorAfter"
  | "resetBefore"
  | "resetAfter"
  | "partialMail"
  | "htmlOk"
  /**
   * The invite answers 200 with the permission, but the grant never shows in the permission list (nor
   * gives access): the "200 OK but no access" reports (microsoft-graph-docs-contrib#1038). Invites only;
   * direct grants (a link grant is answered as usual).
   */
  | "grantedNotListed";

export type FaultTarget = "invite" | "batch" | "permissions" | "session" | "shares" | "any";

export interface FaultRule {
  fault: FaultKind;
  /** Probability in [0, 1] that a matching request gets this fault. */
  rate: number;
  /** Default "any": every Graph request except the outer $batch request itself. */
  target?: FaultTarget;
  /** For throttle / unavailableBefore: the Retry-After to send (whole seconds). Default 2 for throttle. */
  retryAfterSeconds?: number;
}

export interface BudgetConfig {
  /** Resource units per invited recipient (SharePoint counts a permission operation as 5). */
  costPerInvite: number;
  /** Resource units per shares / item / drive read; default 1. Permission reads cost costPerInvite. */
  costPerRead?: number;
  unitsPerWindow: number;
  windowSeconds: number;
  retryAfterSeconds: number;
  /** Multiplier applied to Retry-After for each request that arrives while throttled. Default 2. */
  growth?: number;
  /** Cap for the grown Retry-After. Default 3600 (onedrive-api-docs#1436 reports about an hour). */
  maxRetryAfterSeconds?: number;
  /**
   * Send RateLimit-* headers once 80 % of the window's units are used (SharePoint's preview headers).
   * SharePoint sends them only to app-only callers: this opt-in means `behaviour.caller: "appOnly"`.
   */
  rateLimitHeaders?: boolean;
}

/**
 * Server time (server-time.ts): each invite carried out takes inviteMs on the server; the invites of one
 * $batch run at most parallelPerBatch at a time, and the tenant at most parallelTotal at a time (unset: no
 * tenant-wide limit). Real milliseconds, not scaled.
 */
export interface ServerTimeConfig {
  inviteMs: number;
  parallelPerBatch: number;
  parallelTotal?: number;
}

export interface FaultConfig {
  seed?: number;
  /** Multiplies the emulator's own clocks (throttle windows, session idle, token lifetime, budget). */
  timeScale?: number;
  /** Added once to every HTTP request (not per batch item). Not scaled. */
  latencyMs?: number;
  /** Graph slow rather than the network: the answer waits for the invites it carried out. */
  serverTime?: ServerTimeConfig;
  budget?: BudgetConfig;
  rules?: FaultRule[];
  sessionIdleSeconds?: number;
  tokenLifetimeSeconds?: number;
  /** How an unknown address in a tenant domain fails the call: 400 invalidRequest (default) or 500 generalException. */
  unknownUserStatus?: 400 | 500;
  /**
   * ODB quirk: member permissions come back without `invitation`; the address is only in the undocumented
   * grantedTo.user.email (microsoft-graph-docs-contrib#7640, msgraph-sdk-dotnet#1137). Default false.
   */
  omitInvitation?: boolean;
  /** $batch responses come back shuffled (default true, as Graph allows); false keeps request order. */
  shuffleBatchResponses?: boolean;
}

export interface LedgerRequest {
  at: number;
  method: string;
  path: string;
  status: number;
  inBatch: boolean;
  sessionId?: string;
  requestId: string;
  fault?: FaultKind | "budget";
}

export interface LedgerInvite {
  at: number;
  driveId: string;
  itemId: string;
  /** Lower-case e-mail address, or the object id. */
  recipient: string;
  roles: string[];
  permissionId: string;
  emailSent: boolean;
  sessionId?: string;
}

export interface LedgerEmail {
  at: number;
  to: string;
  itemId: string;
}

export interface LedgerThrottle {
  at: number;
  until: number;
  fingerprint: string;
  retryAfterSeconds: number | null;
  kind: "budget" | "rule";
}

export interface LedgerEarlyRetry {
  at: number;
  fingerprint: string;
  allowedAt: number;
}

export interface LedgerSession {
  id: string;
  itemId: string;
  openedAt: number;
  closedAt?: number;
  expiredAt?: number;
}

export interface LedgerDeletion {
  at: number;
  itemId: string;
  permissionId: string;
}

export interface LedgerRevocation {
  at: number;
  itemId: string;
  permissionId: string;
  /** Lower-case e-mail addresses of the people removed from the link. */
  removed: string[];
}

export interface Ledger {
  requests: LedgerRequest[];
  invites: LedgerInvite[];
  emails: LedgerEmail[];
  throttles: LedgerThrottle[];
  earlyRetries: LedgerEarlyRetry[];
  sessions: LedgerSession[];
  deletions: LedgerDeletion[];
  revocations: LedgerRevocation[];
}
