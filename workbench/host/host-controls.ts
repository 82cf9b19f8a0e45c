// What kind of Excel the workbench plays, chosen in its "Host" panel or by the page's query parameters
// (tests use those): the Excel version (requirement sets), where the document lives, the display
// language, and the sign-in situations of nested app authentication. A change reloads the task pane, as reopening it in Excel would.

export type ExcelVersion = "current" | "old";
export type DocumentKind = "cloud" | "local" | "unsaved";
/**
 * The recipient check's directory scope (User.ReadBasic.All): "ask" (the person grants it when the check
 * asks), "decline" (the person declines it), "admin" (an admin already granted it, and a group scope too).
 */
export type DirectoryConsent = "ask" | "decline" | "admin";

export interface HostControls {
  /** "old": an Excel without ExcelApi 1.9 (ExcelApi up to 1.8), which the add-in does not support. */
  excel: ExcelVersion;
  document: DocumentKind;
  /** Excel's display language, which office.js reports as Office.context.displayLanguage (e.g. "de-DE"). */
  language: string;
  /** Whether the host offers nested app authentication (NestedAppAuth 1.1 and the bridge). */
  naa: boolean;
  /** Whether the person has already consented to the add-in's Graph scopes. */
  consent: boolean;
  /** The person closes the sign-in window instead of consenting. */
  popupCancelled: boolean;
  directory: DirectoryConsent;
  /** Lifetime of the tokens the identity provider issues, in seconds. */
  tokenLifetimeSeconds: number;
}

export const DEFAULT_CONTROLS: HostControls = {
  excel: "current",
  document: "cloud",
  language: "en-US",
  naa: true,
  consent: true,
  popupCancelled: false,
  directory: "ask",
  tokenLifetimeSeconds: 3600,
};

/** Where "local" says the workbook is: a path on the person's disk, as Excel reports a local file. */
export const LOCAL_DOCUMENT_PATH = "C:\\Users\\Person\\Documents\\Team roster.xlsx";

const ON = new Set(["1", "on", "yes", "true"]);
const OFF = new Set(["0", "off", "no", "false"]);

function flag(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = params.get(name)?.toLowerCase();
  if (raw !== undefined && ON.has(raw)) return true;
  if (raw !== undefined && OFF.has(raw)) return false;
  return fallback;
}

/** A language tag such as "de-DE" or "en-GB"; anything else is the default. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** The display language from ?lang=, as Office writes it ("de-DE"), or the default. */
function languageOf(raw: string | null): string {
  if (!raw || !LANGUAGE_TAG.test(raw)) return DEFAULT_CONTROLS.language;
  const [primary = "", ...rest] = raw.split("-");
  return [primary.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join("-");
}

/**
 * Controls from query parameters: excel=old, document=local|unsaved, lang=<tag>, naa=off, consent=no,
 * popup=cancel,
 * directory=decline|admin, tokenLifetime=<s>.
 */
export function controlsFromQuery(search: string): HostControls {
  const params = new URLSearchParams(search);
  const document = params.get("document");
  const lifetime = Number(params.get("tokenLifetime"));
  return {
    excel: params.get("excel") === "old" ? "old" : "current",
    document: document === "local" || document === "unsaved" ? document : "cloud",
    language: languageOf(params.get("lang")),
    naa: flag(params, "naa", DEFAULT_CONTROLS.naa),
    consent: flag(params, "consent", DEFAULT_CONTROLS.consent),
    popupCancelled: params.get("popup") === "cancel",
    directory: directoryConsent(params.get("directory")),
    tokenLifetimeSeconds:
      Number.isFinite(lifetime) && lifetime > 0
        ? Math.round(lifetime)
        : DEFAULT_CONTROLS.tokenLifetimeSeconds,
  };
}

function directoryConsent(raw: string | null): DirectoryConsent {
  return raw === "decline" || raw === "admin" ? raw : "ask";
}

/** The scopes an admin consented to for everyone, and the ones the person declines, for a choice. */
export function directoryScopes(choice: DirectoryConsent): { consented: string[]; declined: string[] } {
  if (choice === "admin") return { consented: ["User.ReadBasic.All", "GroupMember.Read.All"], declined: [] };
  return { consented: [], declined: choice === "decline" ? ["User.ReadBasic.All"] : [] };
}

/** The query parameters that give `controls` (defaults left out). */
export function controlsToQuery(controls: HostControls): URLSearchParams {
  const q = new URLSearchParams();
  if (controls.excel !== "current") q.set("excel", controls.excel);
  if (controls.document !== "cloud") q.set("document", controls.document);
  if (controls.language !== DEFAULT_CONTROLS.language) q.set("lang", controls.language);
  if (!controls.naa) q.set("naa", "off");
  if (!controls.consent) q.set("consent", "no");
  if (controls.popupCancelled) q.set("popup", "cancel");
  if (controls.directory !== "ask") q.set("directory", controls.directory);
  if (controls.tokenLifetimeSeconds !== DEFAULT_CONTROLS.tokenLifetimeSeconds) {
    q.set("tokenLifetime", String(controls.tokenLifetimeSeconds));
  }
  return q;
}

/**
 * The requirement sets the host reports (office.js's isSetSupported reads them). Excel on the web's
 * sets: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets.
 * Versions are strings: office.js compares them part by part, so "1.17" is above "1.9".
 */
export function requirementSets(controls: HostControls): Record<string, string> {
  const sets: Record<string, string> = {
    ExcelApi: controls.excel === "old" ? "1.8" : "1.17",
    DialogApi: "1.2",
    SharedRuntime: "1.1",
  };
  if (controls.naa) sets["NestedAppAuth"] = "1.1";
  return sets;
}

/** Office.context.document.url for the chosen document ("" for a workbook never saved). */
export function documentUrlFor(controls: HostControls, cloudUrl: string): string {
  if (controls.document === "local") return LOCAL_DOCUMENT_PATH;
  if (controls.document === "unsaved") return "";
  return cloudUrl;
}
