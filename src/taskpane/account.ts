// The small interface the pane's "Signed in as …" spot is driven by. The sign-in itself lives in
// src/auth; accountFromSignIn adapts its SignIn (structurally, so this file imports nothing from there).

import type { AccountStatus } from "./state";

export interface AccountSource {
  status(): AccountStatus;
  signOut?(): Promise<void>;
  /** Called after sign-in and sign-out; returns the function that stops listening. */
  onChange?(listener: () => void): () => void;
}

/** A development build talking to the Graph emulator with a token from the URL. */
export function developmentAccount(name?: string): AccountSource {
  return { status: () => (name ? { state: "development", name } : { state: "development" }) };
}

/** The shape of src/auth's SignIn that the pane uses. */
export interface SignInLike {
  status(): {
    state: "notConfigured" | "signedOut" | "signedIn";
    account?: { name: string; username: string };
    canSignOut: boolean;
  };
  signOut(): void;
  onChange(listener: () => void): () => void;
}

export function accountFromSignIn(signIn: SignInLike): AccountSource {
  return {
    status(): AccountStatus {
      const s = signIn.status();
      const name = s.account ? s.account.name || s.account.username : undefined;
      return name ? { state: s.state, name } : { state: s.state };
    },
    signOut: async () => signIn.signOut(),
    onChange: (listener) => signIn.onChange(listener),
  };
}
