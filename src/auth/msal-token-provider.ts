// Sign-in as Microsoft recommends for Office add-ins: nested app authentication (NAA) through MSAL, with
// MSAL in an Office dialog where the host has no NAA (https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in).
// MSAL and Office sit behind the small interfaces below so tests drive every path with fakes; the real
// wiring is in default-provider.ts. Lazy: nothing happens until the first getToken (the Share click).

import type { AccountInfo, PopupRequest, SilentRequest, SsoSilentRequest } from "@azure/msal-browser";
import type { TokenProvider } from "../graph/http";
import {
  isCancelled,
  isInteractionRequired,
  isNaaUnavailable,
  isPopupBlocked,
  signInCancelled,
  signInFailed,
  signInNotConfigured,
} from "./auth-errors";
import { directoryTokenRefusal } from "../core/directory";
import { buildDialogUrl, type AccountSummary, type DialogResult } from "./dialog-protocol";
import { GRAPH_SCOPES, NOT_CONFIGURED_TEXT } from "./settings";

/** The part of an MSAL AuthenticationResult used here. */
export interface TokenResultLike {
  accessToken: string;
  expiresOn: Date | null;
  account: AccountInfo | null;
}

/** The part of MSAL's IPublicClientApplication (from createNestablePublicClientApplication) used here. */
export interface NestableClientLike {
  acquireTokenSilent(request: SilentRequest): Promise<TokenResultLike>;
  /** Silent sign-in by login hint; under NAA it takes the same path as acquireTokenSilent. */
  ssoSilent(request: SsoSilentRequest): Promise<TokenResultLike>;
  acquireTokenPopup(request: PopupRequest): Promise<TokenResultLike>;
}

/** Office.auth.getAuthContext()'s answer, as far as it is used. */
export interface OfficeAuthContextLike {
  loginHint?: string;
  userPrincipalName?: string;
}

export interface OfficeAuthHost {
  /** Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"). */
  nestedAppAuthSupported(): boolean;
  /** Office.auth.getAuthContext (NestedAppAuth 1.1); absent on hosts that don't have it. May throw. */
  getAuthContext?: () => Promise<OfficeAuthContextLike>;
}

export interface MsalTokenProviderDeps {
  /** Creates the NAA client (createNestablePublicClientApplication); rejects when NAA is unavailable. */
  naa: () => Promise<NestableClientLike>;
  office: OfficeAuthHost;
  /** Opens the fallback dialog page at url and resolves with its outcome (never rejects on cancel). */
  openDialog: (url: string) => Promise<DialogResult>;
  /** Absolute address of dialog.html. */
  dialogPage: string;
  clock: { now(): number };
  scopes?: readonly string[];
}

export interface SignInStatus {
  state: "notConfigured" | "signedOut" | "signedIn";
  /** A sentence for the pane. */
  text: string;
  account?: AccountSummary;
  /** Whether a Sign out button makes sense (the dialog path; under NAA the Office account is used). */
  canSignOut: boolean;
}

export interface SignIn {
  /** The bearer token for Graph; signs in (silently if it can) on first use. Throws ShareError. */
  getToken: TokenProvider;
  /** Who is signed in, once a token was obtained. */
  currentAccount(): AccountSummary | undefined;
  /** Forgets the token and account held here (NAA has no logout: the host's account stays signed in). */
  signOut(): void;
  status(): SignInStatus;
  /** Called after sign-in and sign-out, so the pane can show who is signed in. Returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /**
   * A token that also carries `extra` scopes (incremental consent: the directory check's
   * User.ReadBasic.All). Silent unless interactive, when the person is asked to consent. Throws
   * directoryTokenRefusal ("consentNeeded" when only asking would help, else "declined"), never a
   * ShareError: sharing does not depend on it.
   */
  scopedToken(
    extra: readonly string[],
    options: { interactive: boolean; forceRefresh?: boolean },
  ): Promise<string>;
}

/** A token this close to its expiry is renewed first, so a long share does not run out mid-batch. */
export const EXPIRY_MARGIN_MS = 5 * 60_000;

type Path = "naa" | "dialog";

interface Accepted {
  accessToken: string;
  expiresOn: number;
  account: AccountSummary | undefined;
  info: AccountInfo | undefined;
}

export function createMsalTokenProvider(deps: MsalTokenProviderDeps): SignIn {
  const msal = new MsalSignIn(deps);
  return {
    getToken: (options) => msal.getToken(options),
    currentAccount: () => msal.currentAccount(),
    signOut: () => msal.signOut(),
    status: () => msal.status(),
    onChange: (listener) => msal.onChange(listener),
    scopedToken: (extra, options) => msal.scopedToken(extra, options),
  };
}

/** The state of one add-in's sign-in: the NAA client (or that there is none), the token, the account. */
class MsalSignIn {
  private readonly scopes: string[];
  private readonly listeners = new Set<() => void>();
  private naaClient: Promise<NestableClientLike> | undefined;
  private naaOff = false;
  private token: { accessToken: string; expiresOn: number } | undefined;
  private account: AccountSummary | undefined;
  private naaAccount: AccountInfo | undefined;
  private path: Path | undefined;
  private selectAccountNext = false;
  private pending: Promise<string> | undefined;
  /** Tokens with extra scopes (scopedToken), by the scopes asked for. */
  private readonly scoped = new Map<string, { accessToken: string; expiresOn: number }>();
  private readonly scopedPending = new Map<string, Promise<string>>();
  // Bumped by signOut, so a sign-in that was under way when the person signed out is not remembered.
  private generation = 0;

  constructor(private readonly deps: MsalTokenProviderDeps) {
    this.scopes = [...(deps.scopes ?? GRAPH_SCOPES)];
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (e) {
        // A failing view must not fail the sign-in; report it without blocking.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  private async clientOrUndefined(): Promise<NestableClientLike | undefined> {
    if (this.naaOff) return undefined;
    let supported = false;
    try {
      supported = this.deps.office.nestedAppAuthSupported();
    } catch {
      supported = false;
    }
    if (!supported) {
      this.naaOff = true;
      return undefined;
    }
    this.naaClient ??= Promise.resolve().then(this.deps.naa);
    try {
      return await this.naaClient;
    } catch {
      this.naaOff = true;
      return undefined;
    }
  }

  private async officeLoginHint(): Promise<string | undefined> {
    try {
      const context = await this.deps.office.getAuthContext?.();
      const hint = context?.loginHint || context?.userPrincipalName;
      return typeof hint === "string" && hint ? hint : undefined;
    } catch {
      return undefined;
    }
  }

  private accept(result: Accepted, via: Path, started: number): string {
    if (!result.accessToken) throw signInFailed({ errorCode: "empty_token" });
    if (started === this.generation) {
      this.token = { accessToken: result.accessToken, expiresOn: result.expiresOn };
      this.account = result.account ?? this.account;
      this.naaAccount = result.info;
      this.path = via;
      this.selectAccountNext = false;
      this.notify();
    }
    return result.accessToken;
  }

  private fromMsal(result: TokenResultLike, started: number): string {
    const info = result.account ?? undefined;
    return this.accept(
      {
        accessToken: result.accessToken,
        expiresOn: result.expiresOn?.getTime() ?? 0,
        account: info ? { name: info.name ?? "", username: info.username } : undefined,
        info,
      },
      "naa",
      started,
    );
  }

  private async viaDialog(started: number): Promise<string> {
    const loginHint = this.selectAccountNext
      ? undefined
      : (this.account?.username ?? (await this.officeLoginHint()));
    const request: { loginHint?: string; selectAccount?: boolean } = {};
    if (loginHint) request.loginHint = loginHint;
    if (this.selectAccountNext) request.selectAccount = true;
    let result: DialogResult;
    try {
      result = await this.deps.openDialog(buildDialogUrl(this.deps.dialogPage, request));
    } catch (e) {
      throw signInFailed(e);
    }
    if (result.kind === "cancelled") throw signInCancelled();
    if (result.kind === "failed") {
      if (isCancelled({ errorCode: result.errorCode })) throw signInCancelled();
      throw signInFailed({ errorCode: result.errorCode });
    }
    return this.accept({ ...result, info: undefined }, "dialog", started);
  }

  private async silent(
    client: NestableClientLike,
    forceRefresh: boolean,
    scopes: string[] = this.scopes,
  ): Promise<TokenResultLike> {
    if (this.naaAccount) return client.acquireTokenSilent({ scopes, account: this.naaAccount, forceRefresh });
    // SilentRequest has no loginHint; ssoSilent is MSAL's silent call that takes one (same NAA path).
    // After a 401 the hint is skipped: ssoSilent could answer from MSAL's cache with the rejected token.
    const loginHint = this.selectAccountNext || forceRefresh ? undefined : await this.officeLoginHint();
    if (loginHint) return client.ssoSilent({ scopes, loginHint });
    return client.acquireTokenSilent({ scopes, forceRefresh });
  }

  private async acquire(forceRefresh: boolean): Promise<string> {
    const started = this.generation;
    const client = await this.clientOrUndefined();
    if (!client) return this.viaDialog(started);
    try {
      return this.fromMsal(await this.silent(client, forceRefresh), started);
    } catch (e) {
      if (isNaaUnavailable(e)) {
        this.naaOff = true;
        return this.viaDialog(started);
      }
      if (!isInteractionRequired(e)) throw signInFailed(e);
    }
    const popup: PopupRequest = { scopes: this.scopes };
    if (this.naaAccount) popup.account = this.naaAccount;
    if (this.selectAccountNext) popup.prompt = "select_account";
    try {
      return this.fromMsal(await client.acquireTokenPopup(popup), started);
    } catch (e) {
      if (isCancelled(e)) throw signInCancelled();
      if (isPopupBlocked(e)) return this.viaDialog(started);
      if (isNaaUnavailable(e)) {
        this.naaOff = true;
        return this.viaDialog(started);
      }
      throw signInFailed(e);
    }
  }

  getToken(options?: Parameters<TokenProvider>[0]): Promise<string> {
    const forceRefresh = options?.forceRefresh === true;
    if (forceRefresh) this.token = undefined;
    if (this.token && this.token.expiresOn - EXPIRY_MARGIN_MS > this.deps.clock.now()) {
      return Promise.resolve(this.token.accessToken);
    }
    // One sign-in at a time: concurrent Graph requests (and their 401 retries) share it, so the
    // person never sees two popups or dialogs.
    this.pending ??= this.acquire(forceRefresh)
      // Whatever escapes still leaves as a ShareError carrying a code only.
      .catch((e: unknown) => Promise.reject(signInFailed(e)))
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  scopedToken(
    extra: readonly string[],
    options: { interactive: boolean; forceRefresh?: boolean },
  ): Promise<string> {
    const scopes = [...new Set([...this.scopes, ...extra])];
    const key = `${options.interactive ? "ask" : "silent"} ${scopes.join(" ")}`;
    const cacheKey = scopes.join(" ");
    if (options.forceRefresh) this.scoped.delete(cacheKey);
    const held = this.scoped.get(cacheKey);
    if (held && held.expiresOn - EXPIRY_MARGIN_MS > this.deps.clock.now())
      return Promise.resolve(held.accessToken);
    let pending = this.scopedPending.get(key);
    if (!pending) {
      pending = this.acquireScoped(scopes, options.interactive, options.forceRefresh === true).finally(() =>
        this.scopedPending.delete(key),
      );
      this.scopedPending.set(key, pending);
    }
    return pending;
  }

  /** Only through nested app authentication: the dialog fallback signs in for sharing alone. */
  private async acquireScoped(
    scopes: string[],
    interactive: boolean,
    forceRefresh: boolean,
  ): Promise<string> {
    const started = this.generation;
    const client = await this.clientOrUndefined();
    if (!client) throw directoryTokenRefusal("declined");
    let result: TokenResultLike;
    try {
      result = await this.silent(client, forceRefresh, scopes);
    } catch (e) {
      if (!isInteractionRequired(e)) throw directoryTokenRefusal("declined");
      if (!interactive) throw directoryTokenRefusal("consentNeeded");
      const popup: PopupRequest = { scopes };
      if (this.naaAccount) popup.account = this.naaAccount;
      try {
        result = await client.acquireTokenPopup(popup);
      } catch {
        throw directoryTokenRefusal("declined");
      }
    }
    if (!result.accessToken) throw directoryTokenRefusal("declined");
    if (started === this.generation) {
      this.scoped.set(scopes.join(" "), {
        accessToken: result.accessToken,
        expiresOn: result.expiresOn?.getTime() ?? 0,
      });
      if (!this.account && result.account) this.fromMsal(result, started);
    }
    return result.accessToken;
  }

  currentAccount(): AccountSummary | undefined {
    return this.account ? { ...this.account } : undefined;
  }

  signOut(): void {
    this.generation += 1;
    this.token = undefined;
    this.scoped.clear();
    this.account = undefined;
    this.naaAccount = undefined;
    this.path = undefined;
    this.selectAccountNext = true;
    this.notify();
  }

  status(): SignInStatus {
    const account = this.account;
    if (!account) {
      return {
        state: "signedOut",
        text: "Not signed in. You'll sign in when you share.",
        canSignOut: false,
      };
    }
    const who = account.name ? `${account.name} (${account.username})` : account.username;
    return {
      state: "signedIn",
      text: `Signed in as ${who}.`,
      account: { ...account },
      canSignOut: this.path === "dialog",
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** The sign-in of a build without a client ID: every token request fails with a plain sentence. */
export function createUnconfiguredSignIn(): SignIn {
  return {
    getToken: () => Promise.reject(signInNotConfigured()),
    currentAccount: () => undefined,
    signOut: () => undefined,
    status: () => ({ state: "notConfigured", text: NOT_CONFIGURED_TEXT, canSignOut: false }),
    onChange: () => () => undefined,
    scopedToken: () => Promise.reject(directoryTokenRefusal("declined")),
  };
}
