// Fakes at sign-in's boundary: a nestable MSAL client that behaves like a tiny identity provider (a
// session, issued tokens, a popup the person answers), the Office host, the Office dialog and a clock.
// They throw MSAL's own error classes, so the provider is tested against what MSAL really raises.

import {
  BrowserAuthError,
  ClientAuthError,
  InteractionRequiredAuthError,
  type AccountInfo,
  type PopupRequest,
  type SilentRequest,
  type SsoSilentRequest,
} from "@azure/msal-browser";
import type { DialogResult } from "../../src/auth/dialog-protocol";
import type {
  MsalTokenProviderDeps,
  NestableClientLike,
  OfficeAuthContextLike,
  OfficeAuthHost,
  TokenResultLike,
} from "../../src/auth/msal-token-provider";

/** Looks like a real access token, so a leak would be found by searching for it. */
export const tokenText = (n: number) =>
  `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLW${n}.SiGnAtUrE${n}`;

export const ADA: AccountInfo = {
  homeAccountId: "ada-oid.tenant-id",
  environment: "login.microsoftonline.com",
  tenantId: "tenant-id",
  username: "ada@contoso.com",
  localAccountId: "ada-oid",
  name: "Ada Lovelace",
};

export const HOUR = 60 * 60_000;
export const CORRELATION = "00000000-0000-0000-0000-000000000001";

export class FakeClock {
  constructor(public time = Date.UTC(2025, 0, 6, 9, 0, 0)) {}
  now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

/** How the person (or the browser) answers the next popup. */
export type PopupAnswer =
  "signIn" | "blocked" | "emptyWindow" | "cancel" | "cancelNaa" | "bridgeDisabled" | Error;

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class FakeNaaClient implements NestableClientLike {
  /** True once the person has an identity-provider session this client can use silently. */
  session = false;
  issued = 0;
  readonly calls: { method: "acquireTokenSilent" | "ssoSilent" | "acquireTokenPopup"; request: unknown }[] =
    [];
  /** Answers for the next popups, first to last; "signIn" when empty. */
  popupAnswers: PopupAnswer[] = [];
  /** Errors the next silent calls throw instead of answering. */
  silentErrors: Error[] = [];
  /** When set, popups wait for it (the person is still typing). */
  popupGate: Promise<void> | undefined;

  constructor(
    private readonly clock: FakeClock,
    private readonly lifetimeMs = HOUR,
  ) {}

  count(method: "acquireTokenSilent" | "ssoSilent" | "acquireTokenPopup"): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private issue(): TokenResultLike {
    this.issued += 1;
    return {
      accessToken: tokenText(this.issued),
      expiresOn: new Date(this.clock.now() + this.lifetimeMs),
      account: ADA,
    };
  }

  private current: TokenResultLike | undefined;

  private silentAnswer(forceRefresh: boolean): Promise<TokenResultLike> {
    const error = this.silentErrors.shift();
    if (error) return Promise.reject(error);
    if (!this.session)
      return Promise.reject(new InteractionRequiredAuthError("interaction_required", CORRELATION));
    // Like MSAL, renew a cached token within five minutes of its expiry.
    const renewAt = (this.current?.expiresOn?.getTime() ?? 0) - 5 * 60_000;
    if (forceRefresh || !this.current || renewAt <= this.clock.now()) {
      this.current = this.issue();
    }
    return Promise.resolve(this.current);
  }

  acquireTokenSilent(request: SilentRequest): Promise<TokenResultLike> {
    this.calls.push({ method: "acquireTokenSilent", request });
    return this.silentAnswer(request.forceRefresh === true);
  }

  ssoSilent(request: SsoSilentRequest): Promise<TokenResultLike> {
    this.calls.push({ method: "ssoSilent", request });
    return this.silentAnswer(false);
  }

  async acquireTokenPopup(request: PopupRequest): Promise<TokenResultLike> {
    this.calls.push({ method: "acquireTokenPopup", request });
    if (this.popupGate) await this.popupGate;
    const answer = this.popupAnswers.shift() ?? "signIn";
    if (answer instanceof Error) throw answer;
    switch (answer) {
      case "blocked":
        throw new BrowserAuthError("popup_window_error", CORRELATION);
      case "emptyWindow":
        throw new BrowserAuthError("empty_window_error", CORRELATION);
      case "cancel":
        throw new BrowserAuthError("user_cancelled", CORRELATION);
      case "cancelNaa":
        throw new ClientAuthError("user_canceled", CORRELATION);
      case "bridgeDisabled":
        throw new ClientAuthError("nested_app_auth_bridge_disabled", CORRELATION);
      case "signIn":
        this.session = true;
        this.current = this.issue();
        return this.current;
    }
  }
}

export class FakeOffice implements OfficeAuthHost {
  naaSupported = true;
  getAuthContext?: () => Promise<OfficeAuthContextLike>;
  nestedAppAuthSupported = () => this.naaSupported;
}

/** The Office dialog: records the addresses it was opened at and answers from a script. */
export class FakeDialog {
  readonly urls: URL[] = [];
  answers: (DialogResult | "signIn")[] = [];
  issued = 0;
  gate: Promise<void> | undefined;

  constructor(private readonly clock: FakeClock) {}

  open = async (url: string): Promise<DialogResult> => {
    this.urls.push(new URL(url));
    if (this.gate) await this.gate;
    const answer = this.answers.shift() ?? "signIn";
    if (answer !== "signIn") return answer;
    this.issued += 1;
    return {
      kind: "token",
      accessToken: tokenText(100 + this.issued),
      expiresOn: this.clock.now() + HOUR,
      account: { name: "Ada Lovelace", username: "ada@contoso.com" },
    };
  };
}

export const DIALOG_PAGE = "https://addin.contoso.com/bulk-share/dialog.html";

export function setup(options: { naaFails?: "rejects" | "throws"; lifetimeMs?: number } = {}) {
  const clock = new FakeClock();
  const client = new FakeNaaClient(clock, options.lifetimeMs);
  const office = new FakeOffice();
  const dialog = new FakeDialog(clock);
  let naaCreated = 0;
  const deps: MsalTokenProviderDeps = {
    naa: () => {
      naaCreated += 1;
      return options.naaFails
        ? Promise.reject(new Error("bridge handshake failed"))
        : Promise.resolve(client);
    },
    office,
    openDialog: dialog.open,
    dialogPage: DIALOG_PAGE,
    clock,
  };
  return { clock, client, office, dialog, deps, naaCreated: () => naaCreated };
}
