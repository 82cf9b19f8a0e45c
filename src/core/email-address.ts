// Address syntax and the tokens of one cell: "a@x.com; Jane <b@y.com>, mailto:c@z.com".
// Pragmatic rather than full RFC 5322: Graph's invite endpoint accepts plain addresses, so quoted
// local parts, comments and IP-literal domains are rejected here with a reason a person can act on.

import type { RecipientKind, RecipientWarning } from "./types";

/** Longest address Graph and SMTP (RFC 5321 forward-path) accept. */
export const MAX_ADDRESS_LENGTH = 254;
export const MAX_LOCAL_PART_LENGTH = 64;
export const MAX_LABEL_LENGTH = 63;
/** Longer cells are rejected whole instead of being split: nobody types 8,000 characters of addresses. */
export const MAX_CELL_LENGTH = 8000;
/** Rejection texts and quoted text in messages are shortened to this many characters. */
export const MAX_DISPLAY_LENGTH = 80;
/** Display names are cut to this many characters: a name is a label, not a place for text. */
export const MAX_NAME_LENGTH = 100;
/**
 * A cell with more entries than this is rejected whole (one rejection that counts them). 8,000
 * characters of real "Name <address>" entries hold about 250; 500 leaves room for short addresses and
 * stops a cell of separators from turning into thousands of rejections.
 */
export const MAX_TOKENS_PER_CELL = 500;

export type AddressProblem = { reason: "tooLong" | "invalidSyntax"; hint: string };

export type TokenRejectReason = "tooLong" | "invalidSyntax" | "suspiciousName" | "tooManyEntries";

export type ParsedToken =
  | {
      ok: true;
      kind: RecipientKind;
      value: string;
      key: string;
      displayName?: string;
      warnings?: RecipientWarning[];
    }
  | { ok: false; text: string; reason: TokenRejectReason; message: string; entries?: number };

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LOCAL_CHAR = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]$/;
const DOMAIN_LABEL = /^[\p{L}0-9](?:[\p{L}\p{M}0-9-]*[\p{L}\p{M}0-9])?$/u;
// Top-level domains are letters; punycode TLDs (xn--p1ai) are the ASCII form of letters.
const TOP_LEVEL_DOMAIN = /^(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)$/iu;
const OBJECT_ID =
  /^(?:\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const MAILTO = /^mailto:/i;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const WHITESPACE = /\s/;
const EDGE_CHAR = /^[\s\p{Cf}]$/u;
// Most addresses are plain ASCII: this one regex settles them without the per-part diagnosis below.
// It accepts a subset of what checkEmail accepts (lengths are still checked).
const PLAIN_ASCII_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const LIST_SYNTAX = /[;,\n\r"<(]/;
const [QUOTE, LESS_THAN, GREATER_THAN, OPEN_PAREN, CLOSE_PAREN] = [0x22, 0x3c, 0x3e, 0x28, 0x29];
const [SEMICOLON, COMMA, LINE_FEED, CARRIAGE_RETURN] = [0x3b, 0x2c, 0x0a, 0x0d];
/** Runs of white space, control and format characters in a name: a space if the run has white space. */
const NAME_JUNK = /[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]+/gu;
const NON_ASCII = /[\u0080-\uffff]/;
/** Domains the URL host parser may convert: letters, marks, digits, hyphens and dots only. */
const IDN_DOMAIN = /^[\p{L}\p{M}\p{N}.-]+$/u;

/** Excel's error values as Range.values reports them. */
const EXCEL_ERRORS = new Set([
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
  "#TIMEOUT!",
]);

/** True for the text of an Excel error value ("#N/A", "#VALUE!", ...). */
export function isExcelErrorText(text: string): boolean {
  return text.length <= 16 && EXCEL_ERRORS.has(text.trim().toUpperCase());
}

/** A GUID (8-4-4-4-12 hex), optionally in braces: an Entra object id. */
export function isObjectId(text: string): boolean {
  return text.length <= 38 && OBJECT_ID.test(text);
}

/** The object id lower-cased and without braces. Only for text where isObjectId is true. */
export function normalizeObjectId(text: string): string {
  return text.replace(/^\{|\}$/g, "").toLowerCase();
}

export function isValidEmail(address: string): boolean {
  return checkEmail(address) === undefined;
}

/** Why an address is not usable, or undefined when it is. */
export function checkEmail(address: string): AddressProblem | undefined {
  if (
    address.length <= MAX_ADDRESS_LENGTH &&
    PLAIN_ASCII_ADDRESS.test(address) &&
    address.indexOf("@") <= MAX_LOCAL_PART_LENGTH
  ) {
    return undefined;
  }
  if (address.length > MAX_ADDRESS_LENGTH) {
    return {
      reason: "tooLong",
      hint: `It has ${formatCount(address.length)} characters; an e-mail address has at most ${MAX_ADDRESS_LENGTH}.`,
    };
  }
  const invalid = (hint: string): AddressProblem => ({ reason: "invalidSyntax", hint });
  if (address === "") return invalid("It is empty.");
  if (INVISIBLE.test(address)) return invalid("It contains an invisible character; retype the address.");
  const at = address.indexOf("@");
  if (at < 0) return invalid("It has no @.");
  if (address.indexOf("@", at + 1) >= 0) {
    return WHITESPACE.test(address)
      ? invalid("Separate several addresses with ; or a line break.")
      : invalid("It has more than one @.");
  }
  if (WHITESPACE.test(address)) return invalid("It contains a space.");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === "") return invalid("Nothing comes before the @.");
  if (domain === "") return invalid("Nothing follows the @.");
  if (local.length > MAX_LOCAL_PART_LENGTH) {
    return invalid(`The part before the @ is longer than ${MAX_LOCAL_PART_LENGTH} characters.`);
  }
  if (!LOCAL_PART.test(local)) {
    for (const ch of local) {
      if (!LOCAL_CHAR.test(ch))
        return invalid(`The part before the @ contains "${ch}", which is not allowed.`);
    }
    return invalid("The part before the @ cannot start or end with a dot or have two dots in a row.");
  }
  const labels = domain.split(".");
  if (labels.length < 2) return invalid(`The domain "${domain}" needs a dot, as in contoso.com.`);
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH || !DOMAIN_LABEL.test(label)) {
      return invalid(`The domain "${domain}" is not a valid domain name.`);
    }
  }
  const tld = labels[labels.length - 1] ?? "";
  if (!TOP_LEVEL_DOMAIN.test(tld))
    return invalid(`The domain "${domain}" does not end in a valid top-level domain.`);
  return undefined;
}

/**
 * Splits a cell's text at ';', ',' and line breaks that are not inside double quotes, angle brackets or
 * parentheses (RFC 5322 comments; they also keep a name such as =HYPERLINK("a","b") in one piece).
 * An opener with no closer after it is an ordinary character, so one stray quote cannot swallow the
 * rest of the cell. Linear: the closers' last positions are known up front.
 */
export function splitRecipientList(text: string): string[] {
  if (!LIST_SYNTAX.test(text)) return [text];
  const parts: string[] = [];
  scanParts(text, parts);
  return parts;
}

/**
 * How many entries parseCellText would find in a text of at most MAX_CELL_LENGTH characters (the
 * non-blank parts of splitRecipientList), without making a string or an object per part.
 */
export function countEntries(text: string): number {
  return LIST_SYNTAX.test(text) ? scanParts(text, undefined) : isBlank(text) ? 0 : 1;
}

/**
 * One pass of splitRecipientList: pushes every part to `parts` when given, and returns how many parts
 * are not blank (trimToken would leave something). One loop for both, so the count never disagrees.
 */
function scanParts(text: string, parts: string[] | undefined): number {
  const lastQuote = text.lastIndexOf('"');
  const lastAngle = text.lastIndexOf(">");
  const lastParen = text.lastIndexOf(")");
  let start = 0;
  let closer = 0; // the code of the character that ends the current quoted or bracketed run, 0 outside one
  let blank = true; // the current part has only white space and format characters so far
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (closer !== 0) {
      if (code === closer) closer = 0;
      continue; // an opener came first, so the part is not blank
    }
    if (code === SEMICOLON || code === COMMA || code === LINE_FEED || code === CARRIAGE_RETURN) {
      if (!blank) count++;
      parts?.push(text.slice(start, i));
      start = i + 1;
      blank = true;
      continue;
    }
    if (code === QUOTE) {
      if (i < lastQuote) closer = QUOTE;
    } else if (code === LESS_THAN) {
      if (i < lastAngle) closer = GREATER_THAN;
    } else if (code === OPEN_PAREN) {
      if (i < lastParen) closer = CLOSE_PAREN;
    }
    if (blank && (isPlainPrintable(code) || !EDGE_CHAR.test(text.charAt(i)))) blank = false;
  }
  if (!blank) count++;
  parts?.push(text.slice(start));
  return count;
}

/** True when trimToken would leave nothing of the text. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isPlainPrintable(text.charCodeAt(i)) || !EDGE_CHAR.test(text.charAt(i))) return false;
  }
  return true;
}

/**
 * Trims white space and invisible format characters (zero-width space, BOM, direction marks) from both
 * ends: they come along when addresses are copied from web pages and mail clients. Inside an address
 * they remain, and make it invalid.
 */
export function trimToken(text: string): string {
  let start = 0;
  let end = text.length;
  if (end > 0 && isPlainPrintable(text.charCodeAt(0)) && isPlainPrintable(text.charCodeAt(end - 1)))
    return text;
  while (start < end && EDGE_CHAR.test(text.charAt(start))) start++;
  while (end > start && EDGE_CHAR.test(text.charAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isPlainPrintable(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

/**
 * Parses every recipient of one cell's text. Empty tokens are dropped; an empty or separator-only text
 * gives []. A text over MAX_CELL_LENGTH characters, or with more than `maxEntries` entries, gives one
 * rejection for the whole text (with the count), not one object per entry.
 */
export function parseCellText(text: string, maxEntries = MAX_TOKENS_PER_CELL): ParsedToken[] {
  if (text.length > MAX_CELL_LENGTH) {
    return [
      {
        ok: false,
        text: displayText(text),
        reason: "tooLong",
        message: `The cell holds ${formatCount(text.length)} characters, more than the ${formatCount(MAX_CELL_LENGTH)} a list of e-mail addresses may have.`,
      },
    ];
  }
  if (LIST_SYNTAX.test(text)) {
    const entries = countEntries(text);
    if (entries > maxEntries) return [tooManyEntries(text, entries, maxEntries)];
  }
  const tokens: ParsedToken[] = [];
  for (const part of splitRecipientList(text)) {
    const token = trimToken(part);
    if (token !== "") tokens.push(parseToken(token));
  }
  return tokens;
}

function tooManyEntries(text: string, entries: number, max: number): ParsedToken {
  return {
    ok: false,
    text: displayText(text),
    reason: "tooManyEntries",
    entries,
    message:
      `The cell holds ${formatCount(entries)} entries, more than the ${formatCount(max)} one cell may ` +
      "hold, so none of them was read. Split the list over several cells.",
  };
}

/** Parses one trimmed, non-empty token: addr, Name <addr>, "Name" <addr>, <addr>, mailto:addr, or a GUID. */
export function parseToken(token: string): ParsedToken {
  let name = "";
  let address = token;
  if (token.endsWith(">")) {
    const open = lastUnquotedIndex(token, "<");
    if (open >= 0) {
      address = token.slice(open + 1, -1).trim();
      name = token.slice(0, open).trim();
    }
  }
  let fromMailto = false;
  if (MAILTO.test(address)) {
    fromMailto = true;
    const decoded = decodeMailto(address);
    if (decoded === undefined) {
      return reject(token, "invalidSyntax", address, "Its mailto: link has a broken %-escape.");
    }
    address = decoded;
  }
  const displayName = name === "" ? "" : cleanName(unquote(name));
  // Checked on the NFKC form too, so a full-width ＠ or ＜ counts. Such a name reads as an address
  // ("alice@contoso.com <bob@evil.com>" would invite bob) or hides one ("Jane <a@x.com> <b@y.com>").
  if (displayName !== "" && /[@<]/.test(displayName.normalize("NFKC"))) {
    return suspiciousName(token, displayName, address);
  }
  if (!fromMailto && isObjectId(address)) {
    const value = normalizeObjectId(address);
    return withName({ ok: true, kind: "objectId", value, key: value }, displayName);
  }
  const problem = checkEmail(address);
  if (problem) {
    return reject(token, problem.reason, address, tokenHint(token, address) ?? problem.hint);
  }
  const parsed: ParsedToken & { ok: true } = {
    ok: true,
    kind: "email",
    value: address,
    key: emailKey(address),
  };
  const warning = mixedScriptWarning(address);
  if (warning) parsed.warnings = [warning];
  return withName(parsed, displayName);
}

/**
 * A display name made safe to show: control and format characters (NUL, BEL, bidi overrides and
 * isolates, zero-width characters) removed, white space runs (line breaks too) made one space, at most
 * MAX_NAME_LENGTH characters. A bidi override left in "Jane\u202E <attacker@evil.com>" would show the
 * address reversed.
 */
export function cleanName(name: string): string {
  const cleaned = name.replace(NAME_JUNK, (run) => (WHITESPACE.test(run) ? " " : "")).trim();
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  let cut = MAX_NAME_LENGTH - 1;
  const last = cleaned.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // do not split a surrogate pair
  return `${cleaned.slice(0, cut).trimEnd()}…`;
}

function suspiciousName(token: string, name: string, address: string): ParsedToken {
  const what = name.normalize("NFKC").includes("<") ? "a <" : "an @";
  return {
    ok: false,
    text: displayText(token),
    reason: "suspiciousName",
    message:
      `The name "${displayText(name, 60)}" holds ${what}, so it could pass for another address; ` +
      `this entry would invite ${displayText(address, 60)}. Write the address alone or a name without ` +
      "@ and <, and separate several addresses with ;.",
  };
}

/**
 * The key two spellings of one address share, and the one existing permissions are compared with:
 * NFKC (full-width ｃｏｍ → com, decomposed é → é), lower case, and the domain in ASCII (punycode, as
 * Graph and DNS use it) through the WHATWG URL host parser, which does UTS #46 mapping and ToASCII
 * without I/O. ASCII addresses, nearly all of them, only need lower-casing.
 */
export function emailKey(address: string): string {
  if (!NON_ASCII.test(address)) return address.toLowerCase();
  const text = address.normalize("NFKC").toLowerCase().normalize("NFKC");
  const at = text.lastIndexOf("@");
  if (at < 0) return text;
  return `${text.slice(0, at)}@${domainToAscii(text.slice(at + 1))}`;
}

/** The key of any address or object id Graph reports for a permission (same keys as the parser's). */
export function permissionKey(text: string): string {
  return text.includes("@") ? emailKey(text) : text.toLowerCase();
}

function domainToAscii(domain: string): string {
  if (!NON_ASCII.test(domain) || !IDN_DOMAIN.test(domain)) return domain;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return domain; // not a valid IDN: compared as written
  }
}

// Scripts a domain label may be written in. Letters of other scripts count as one "other" script.
const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Han", /\p{Script=Han}/u],
  ["Hiragana", /\p{Script=Hiragana}/u],
  ["Katakana", /\p{Script=Katakana}/u],
  ["Hangul", /\p{Script=Hangul}/u],
  ["Bopomofo", /\p{Script=Bopomofo}/u],
];
// Mixtures that are ordinary writing (UTS #39 "Highly Restrictive"): Japanese, Chinese, Korean with Latin.
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];
const LETTER = /\p{L}/u;

/** A warning when one label of the address's domain mixes scripts, as "pаypal" (Cyrillic а) does. */
export function mixedScriptWarning(address: string): RecipientWarning | undefined {
  if (!NON_ASCII.test(address)) return undefined;
  const domain = address.slice(address.lastIndexOf("@") + 1).normalize("NFKC");
  for (const label of domain.split(".")) {
    const scripts = labelScripts(label);
    if (scripts.size < 2 || ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) continue;
    const names = [...scripts].sort().join(" and ");
    return {
      code: "mixedScript",
      message:
        `The domain "${displayText(domain, 60)}" mixes ${names} letters in "${displayText(label, 40)}", ` +
        `a way to imitate another domain; its real name is ${displayText(domainToAscii(domain.toLowerCase()), 80)}. ` +
        "Check the address before sharing.",
    };
  }
  return undefined;
}

function labelScripts(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of label) {
    if (!LETTER.test(ch)) continue; // digits, hyphens and combining marks belong to any script
    scripts.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? "other");
  }
  return scripts;
}

/** How a recipient is shown: the address first, then the name in parentheses ("a@x.com (Jane Doe)"). */
export function recipientLabel(recipient: { value: string; displayName?: string }): string {
  return recipient.displayName ? `${recipient.value} (${recipient.displayName})` : recipient.value;
}

/** Text made safe and short for a message: invisible characters shown as [U+200B], at most `max` characters. */
export function displayText(text: string, max = MAX_DISPLAY_LENGTH): string {
  // Slicing first keeps the cost bounded for megabyte strings.
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  const visible = head.replace(INVISIBLE_ALL, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return `[U+${code.toString(16).toUpperCase().padStart(4, "0")}]`;
  });
  if (visible.length <= max) return visible;
  let cut = max - 1;
  const last = visible.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // do not split a surrogate pair
  return `${visible.slice(0, cut)}…`;
}

/** 8000 → "8,000" (fixed format: messages must not depend on the machine's locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function reject(
  token: string,
  reason: "tooLong" | "invalidSyntax",
  address: string,
  hint: string,
): ParsedToken {
  const quoted = displayText(address === "" ? token : address);
  const what = reason === "tooLong" ? "is too long to be an e-mail address" : "is not a valid e-mail address";
  return { ok: false, text: displayText(token), reason, message: `"${quoted}" ${what}. ${hint}` };
}

/** A better hint than the address check's when the token's shape shows what was meant. */
function tokenHint(token: string, address: string): string | undefined {
  if (address !== token) return undefined;
  const open = token.lastIndexOf("<");
  if (open >= 0) {
    return token.indexOf(">", open) < 0
      ? "A < has no matching >."
      : "Nothing may follow the > in Name <address>.";
  }
  const words = token.split(/\s+/);
  const last = words[words.length - 1] ?? "";
  if (words.length > 1 && token.indexOf("@") === token.lastIndexOf("@") && isValidEmail(last)) {
    return `Put the address in angle brackets, as in Jane Doe <${displayText(last, 60)}>.`;
  }
  return undefined;
}

function withName(token: ParsedToken & { ok: true }, displayName: string): ParsedToken {
  if (displayName !== "") token.displayName = displayName;
  return token;
}

function lastUnquotedIndex(text: string, target: string): number {
  let quoted = false;
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '"') quoted = !quoted;
    else if (ch === target && !quoted) found = i;
  }
  return found;
}

/** "Doe, Jane" → Doe, Jane; \" inside the quotes becomes ". Unquoted names are kept as written (cleanName cleans both). */
function unquote(name: string): string {
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    return name
      .slice(1, -1)
      .replace(/\\(["\\])/g, "$1")
      .trim();
  }
  return name;
}

/** mailto:Jane%40contoso.com?subject=x → Jane@contoso.com, or undefined for a broken %-escape. */
function decodeMailto(link: string): string | undefined {
  let rest = link.slice("mailto:".length);
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  try {
    return decodeURIComponent(rest).trim();
  } catch {
    return undefined;
  }
}
