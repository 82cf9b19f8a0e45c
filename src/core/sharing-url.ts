// Which file is "this workbook": Office.context.document.url → a shares token for
// GET /shares/{token}/driveItem (api-reference/v1.0/api/shares-get.md, "Encoding sharing URLs").

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 of bytes, with padding (RFC 4648 §4). Written out so no Node Buffer or btoa is needed. */
export function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += BASE64[(n >> 18) & 63];
    out += BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? BASE64[n & 63] : "=";
  }
  return out;
}

/** UTF-8 bytes of a string (well-formed; lone surrogates become U+FFFD as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The sharing token of a URL, exactly as shares-get.md describes: base64 the UTF-8 URL, trim EVERY
 * trailing '=', replace EVERY '/' with '_' and EVERY '+' with '-', and prefix "u!".
 */
export function encodeSharingUrl(url: string): string {
  const b64 = base64(utf8(url)).replace(/=+$/, "").replace(/\//g, "_").replace(/\+/g, "-");
  return `u!${b64}`;
}

export type DocumentLocation =
  | { kind: "cloud"; url: string }
  | { kind: "unsaved" }
  | { kind: "local"; path: string }
  | { kind: "unsupported"; url: string };

/**
 * Classifies Office.context.document.url: a OneDrive/SharePoint URL on the web and for cloud files on
 * desktop (https://tenant-my.sharepoint.com/..., https://d.docs.live.net/<cid>/...), a local path for
 * local files, empty for a new unsaved workbook (OfficeDev/office-js#831, #3204, #2476).
 */
export function classifyDocumentUrl(raw: string | undefined | null): DocumentLocation {
  const url = (raw ?? "").trim();
  if (url === "") return { kind: "unsaved" };
  if (/^https:\/\//i.test(url)) return { kind: "cloud", url };
  if (/^(file:|[a-z]:[\\/]|\\\\|\/)/i.test(url)) return { kind: "local", path: url };
  return { kind: "unsupported", url };
}
