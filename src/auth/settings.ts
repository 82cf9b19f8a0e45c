// Sign-in settings fixed at build time. webpack's DefinePlugin replaces __AAD_CLIENT_ID__ and
// __AAD_AUTHORITY__ with string literals from AAD_CLIENT_ID / AAD_AUTHORITY (see docs/sign-in.md); where
// they are not defined (Jest, tsc) the typeof guards below read them as unset.

declare const __AAD_CLIENT_ID__: string | undefined;
declare const __AAD_AUTHORITY__: string | undefined;

/** Organizational (work or school) accounts of any tenant: sharing from OneDrive/SharePoint needs one. */
export const DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations";

/**
 * Files.ReadWrite covers only the signed-in person's own OneDrive. Inviting people to a workbook that lives
 * on a SharePoint site, or in someone else's OneDrive and shared with the person, needs
 * Files.ReadWrite.All (https://learn.microsoft.com/graph/api/driveitem-invite#permissions).
 */
export const GRAPH_SCOPES: readonly string[] = ["Files.ReadWrite.All"];

/**
 * The recipient check's extra scope, asked for when the check first runs (incremental consent). It lets
 * the add-in read the basic profile of the organisation's users (name, mail, user principal name, user
 * type) and needs no admin consent by default
 * (https://learn.microsoft.com/graph/permissions-reference#userreadbasicall). Sharing never needs it.
 */
export const DIRECTORY_SCOPES: readonly string[] = ["User.ReadBasic.All"];

export const NOT_CONFIGURED_TEXT = "Sign-in is not configured in this build.";

export interface AuthSettings {
  /** The application (client) ID of the app registration. */
  clientId: string;
  /** e.g. https://login.microsoftonline.com/organizations or .../<tenant id>. */
  authority: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The settings, or undefined when this build has no usable client ID. An application ID is always a GUID,
 * so a placeholder such as "changeme" counts as unset instead of failing later at the sign-in page.
 * An authority that is not an https URL counts as unset too.
 */
export function resolveAuthSettings(clientId: unknown, authority: unknown): AuthSettings | undefined {
  const id = typeof clientId === "string" ? clientId.trim() : "";
  if (!GUID.test(id)) return undefined;
  const raw = typeof authority === "string" && authority.trim() ? authority.trim() : DEFAULT_AUTHORITY;
  if (!/^https:\/\/[^/\s]+\/[^\s]*$/i.test(raw)) return undefined;
  return { clientId: id, authority: raw.replace(/\/+$/, "") };
}

/** The settings compiled into this build, or undefined when sign-in is not configured. */
export function buildTimeAuthSettings(): AuthSettings | undefined {
  return resolveAuthSettings(
    typeof __AAD_CLIENT_ID__ === "undefined" ? "" : __AAD_CLIENT_ID__,
    typeof __AAD_AUTHORITY__ === "undefined" ? "" : __AAD_AUTHORITY__,
  );
}

/** True when this build can sign people in (it was built with AAD_CLIENT_ID). */
export function authConfigured(): boolean {
  return buildTimeAuthSettings() !== undefined;
}
