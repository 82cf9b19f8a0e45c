// Address syntax and the tokens of one cell: "a@x.com; Jane <b@y.com>, mailto:c@z.com".
// Pragmatic rather than full RFC 5322: Graph's invite endpoint accepts plain addresses, so quoted
// local parts, comments and IP-literal domains are rejected here with a reason a person can act on.

import type { RecipientKind } from "./types";

/** Longest address Graph and SMTP (RFC 5321 forward-path) accept. */
export const MAX_ADDRESS_LENGTH = 254;
export const MAX_LOCAL_PART_LENGTH = 64;
export const MAX_LABEL_LENGTH = 63;
/** Longer cells are rejected whole instead of being split: nobody types 8,000 characters of addresses. */
export const MAX_CELL_LENGTH = 8000;
/** Rejection texts and quoted text in messages are shortened to this many characters. */
export const MAX_DISPLAY_LENGTH = 80;

export type AddressProblem = { reason: "tooLong" | "invalidSyntax"; hint: string };

export type ParsedToken =
  | { ok: true; kind: RecipientKind; value: string; key: string; displayName?: string }
  | { ok: false; text: string; reason: "tooLong" | "invalidSyntax"; message: string };

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
  const lastQuote = text.lastIndexOf('"');
  const lastAngle = text.lastIndexOf(">");
  const lastParen = text.lastIndexOf(")");
  const parts: string[] = [];
  let start = 0;
  let closer = ""; // the character that ends the current quoted or bracketed run, or "" outside one
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (closer !== "") {
      if (ch === closer) closer = "";
    } else if (ch === '"') {
      if (i < lastQuote) closer = '"';
    } else if (ch === "<") {
      if (i < lastAngle) closer = ">";
    } else if (ch === "(") {
      if (i < lastParen) closer = ")";
    } else if (ch === ";" || ch === "," || ch === "\n" || ch === "\r") {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
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

/** Parses every recipient of one cell's text. Empty tokens are dropped; an empty or separator-only text gives []. */
export function parseCellText(text: string): ParsedToken[] {
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
  const tokens: ParsedToken[] = [];
  for (const part of splitRecipientList(text)) {
    const token = trimToken(part);
    if (token !== "") tokens.push(parseToken(token));
  }
  return tokens;
}

/** Parses one trimmed, non-empty token: addr, Name <addr>, "Name" <addr>, <addr>, mailto:addr, or a GUID. */
export function parseToken(token: string): ParsedToken {
  let displayName: string | undefined;
  let address = token;
  if (token.endsWith(">")) {
    const open = lastUnquotedIndex(token, "<");
    if (open >= 0) {
      address = token.slice(open + 1, -1).trim();
      const name = unquote(token.slice(0, open).trim());
      if (name !== "") displayName = name;
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
  if (!fromMailto && isObjectId(address)) {
    const value = normalizeObjectId(address);
    return withName({ ok: true, kind: "objectId", value, key: value }, displayName);
  }
  const problem = checkEmail(address);
  if (problem) {
    return reject(token, problem.reason, address, tokenHint(token, address) ?? problem.hint);
  }
  return withName({ ok: true, kind: "email", value: address, key: address.toLowerCase() }, displayName);
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

function withName(token: ParsedToken & { ok: true }, displayName: string | undefined): ParsedToken {
  if (displayName !== undefined) token.displayName = displayName;
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

/** "Doe, Jane" → Doe, Jane; \" inside the quotes becomes ". Unquoted names are kept as written. */
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
