// A local stand-in for Microsoft Entra ID as Office's nested app authentication sees it: one signed-in
// person, the delegated Graph scopes they have consented to, and the tokens it mints for them.
// Tokens are unsigned JWTs (jwt.ts) shaped like Entra's v1 access tokens for Graph
// (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference) and v2 ID tokens
// (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference). Browser and Node alike.

import { encodeUnsignedJwt, type JwtClaims } from "./jwt";

/** Graph's application ID: the `aud` of Graph access tokens issued by Entra (also accepted: the URL). */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";
/** Audiences the Graph emulator accepts. */
export const GRAPH_AUDIENCES: readonly string[] = [GRAPH_APP_ID, GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`];
/** The cloud instance, as NAA reports it in account.environment. */
export const ENTRA_ENVIRONMENT = "login.microsoftonline.com";

/** OpenID Connect scopes: about the sign-in itself, never in a Graph token's scp. */
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

export interface IdentityUser {
  /** Object ID (oid). */
  oid: string;
  /** Tenant ID (tid). */
  tid: string;
  upn: string;
  name: string;
}

export interface IdentityProviderOptions {
  user?: Partial<IdentityUser>;
  /** Delegated Graph scopes the person (or an admin) already consented to. Default: Files.ReadWrite.All. */
  consented?: readonly string[];
  /** Access token lifetime (default 3600 s; Entra gives 60-90 minutes). */
  tokenLifetimeSeconds?: number;
  /** Whether the host offers nested app authentication at all (default true). */
  naaAvailable?: boolean;
  /** What the person does when a sign-in popup opens (default "grant"). */
  popup?: PopupAnswer;
  /**
   * Scopes the person declines on the consent page (or the tenant's consent policy keeps them from
   * granting): a popup asking for one of them fails and grants nothing.
   */
  declined?: readonly string[];
  /** Milliseconds since the epoch; share it with the Graph emulator so both agree on expiry. */
  clock?: () => number;
}

/** "grant": signs in and consents to what is asked; "cancel": closes the popup. */
export type PopupAnswer = "grant" | "cancel";

/** NAA's error statuses (msal-browser src/naa/BridgeStatusCode.ts). */
export type IdentityErrorStatus =
  | "USER_INTERACTION_REQUIRED"
  | "USER_CANCEL"
  | "NO_NETWORK"
  | "TRANSIENT_ERROR"
  | "PERSISTENT_ERROR"
  | "DISABLED"
  | "ACCOUNT_UNAVAILABLE"
  | "NESTED_APP_AUTH_UNAVAILABLE";

export interface TokenRequestLike {
  clientId: string;
  /** Space-separated, as MSAL sends it ("Files.ReadWrite.All" or "https://graph.microsoft.com/.default"). */
  scope: string;
  claims?: string;
}

export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  /** Seconds. */
  expiresIn: number;
  /** The granted scopes, space-separated (the access token's scp). */
  scope: string;
}

export type IdentityResult =
  | { ok: true; tokens: IssuedTokens }
  | { ok: false; status: IdentityErrorStatus; code: string; description: string };

/** One thing the provider was asked, for tests and the workbench's log (never the tokens). */
export interface IdentityEvent {
  kind: "silent" | "popup";
  clientId: string;
  scopes: string[];
  outcome: "issued" | IdentityErrorStatus;
}

const DEFAULT_USER: IdentityUser = {
  oid: "00000000-0000-4000-8000-00000000ada0",
  tid: "00000000-0000-4000-8000-0000000c0750",
  upn: "ada@contoso.com",
  name: "Ada Lovelace",
};

/** "https://graph.microsoft.com/Files.Read" → "Files.Read"; OIDC scopes are left out. */
function graphScopes(scope: string): string[] {
  const out: string[] = [];
  for (const raw of scope.split(/\s+/)) {
    if (!raw || OIDC_SCOPES.has(raw.toLowerCase())) continue;
    const name = raw.replace(/^https:\/\/graph\.microsoft\.com\/?/i, "");
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

export class LocalIdentityProvider {
  readonly user: IdentityUser;
  readonly consented: Set<string>;
  /** See IdentityProviderOptions.declined; changeable at any time. */
  readonly declined: Set<string>;
  tokenLifetimeSeconds: number;
  naaAvailable: boolean;
  popup: PopupAnswer;
  readonly events: IdentityEvent[] = [];
  private readonly clock: () => number;
  private serial = 0;

  constructor(options: IdentityProviderOptions = {}) {
    this.user = { ...DEFAULT_USER, ...options.user };
    this.consented = new Set(options.consented ?? ["Files.ReadWrite.All"]);
    this.declined = new Set(options.declined ?? []);
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
    this.naaAvailable = options.naaAvailable ?? true;
    this.popup = options.popup ?? "grant";
    this.clock = options.clock ?? Date.now;
  }

  /** The account as NAA describes it (homeAccountId is oid.tid, as Entra's). */
  account(): {
    homeAccountId: string;
    localAccountId: string;
    tenantId: string;
    username: string;
    name: string;
  } {
    const { oid, tid, upn, name } = this.user;
    return { homeAccountId: `${oid}.${tid}`, localAccountId: oid, tenantId: tid, username: upn, name };
  }

  /** Silent: tokens when every scope asked for is consented, else USER_INTERACTION_REQUIRED. */
  silent(request: TokenRequestLike): IdentityResult {
    const scopes = this.resolveScopes(request.scope);
    const missing = scopes.filter((s) => !this.consented.has(s));
    if (!this.naaAvailable) return this.record("silent", request, scopes, unavailable());
    if (missing.length > 0) {
      return this.record("silent", request, scopes, {
        ok: false,
        status: "USER_INTERACTION_REQUIRED",
        code: "consent_required",
        // MSAL drops subError; the AADSTS number in the description is what names the cause.
        description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${request.clientId}'. Missing: ${missing.join(" ")}.`,
      });
    }
    return this.record("silent", request, scopes, { ok: true, tokens: this.issue(request, scopes) });
  }

  /** A popup: the person signs in and consents to what is asked, or cancels. */
  interactive(request: TokenRequestLike): IdentityResult {
    const scopes = this.resolveScopes(request.scope);
    if (!this.naaAvailable) return this.record("popup", request, scopes, unavailable());
    if (this.popup === "cancel") {
      return this.record("popup", request, scopes, {
        ok: false,
        status: "USER_CANCEL",
        code: "user_cancelled",
        description: "The person closed the sign-in window.",
      });
    }
    const refused = scopes.filter((s) => this.declined.has(s) && !this.consented.has(s));
    if (refused.length > 0) {
      return this.record("popup", request, scopes, {
        ok: false,
        status: "PERSISTENT_ERROR",
        code: "access_denied",
        description: `AADSTS65004: User declined to consent to access the app. Declined: ${refused.join(" ")}.`,
      });
    }
    for (const s of scopes) this.consented.add(s);
    return this.record("popup", request, scopes, { ok: true, tokens: this.issue(request, scopes) });
  }

  /**
   * An access token with these claims over the usual ones: for tests of the emulator's checks (wrong
   * audience, expired, missing scope).
   */
  mintAccessToken(overrides: JwtClaims = {}): string {
    const now = Math.floor(this.clock() / 1000);
    return encodeUnsignedJwt({ ...this.accessClaims("workbench", [...this.consented], now), ...overrides });
  }

  /** ".default" asks for everything consented; otherwise the Graph scopes named. */
  private resolveScopes(scope: string): string[] {
    const scopes = graphScopes(scope);
    if (scopes.some((s) => s.toLowerCase() === ".default")) return [...this.consented];
    return scopes;
  }

  private accessClaims(clientId: string, scopes: string[], now: number): JwtClaims {
    const { oid, tid, upn, name } = this.user;
    this.serial += 1;
    return {
      aud: GRAPH_APP_ID,
      iss: `https://sts.windows.net/${tid}/`,
      iat: now,
      nbf: now,
      exp: now + this.tokenLifetimeSeconds,
      appid: clientId,
      oid,
      tid,
      upn,
      name,
      // Entra's scp lists every delegated permission consented for Graph, not only those asked for.
      scp: [...new Set([...this.consented, ...scopes])].join(" "),
      ver: "1.0",
      // A serial number, so two tokens minted in the same second still differ.
      uti: `workbench-${this.serial}`,
    };
  }

  private issue(request: TokenRequestLike, scopes: string[]): IssuedTokens {
    const now = Math.floor(this.clock() / 1000);
    const claims = this.accessClaims(request.clientId, scopes, now);
    const { oid, tid, upn, name } = this.user;
    const idToken = encodeUnsignedJwt({
      aud: request.clientId,
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + this.tokenLifetimeSeconds,
      oid,
      sub: oid,
      tid,
      preferred_username: upn,
      name,
      ver: "2.0",
    });
    return {
      accessToken: encodeUnsignedJwt(claims),
      idToken,
      expiresIn: this.tokenLifetimeSeconds,
      scope: String(claims["scp"]),
    };
  }

  private record(
    kind: IdentityEvent["kind"],
    request: TokenRequestLike,
    scopes: string[],
    result: IdentityResult,
  ): IdentityResult {
    this.events.push({
      kind,
      clientId: request.clientId,
      scopes,
      outcome: result.ok ? "issued" : result.status,
    });
    return result;
  }
}

function unavailable(): IdentityResult {
  return {
    ok: false,
    status: "NESTED_APP_AUTH_UNAVAILABLE",
    code: "nested_app_auth_unavailable",
    description: "This host does not offer nested app authentication.",
  };
}
