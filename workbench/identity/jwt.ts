// Unsigned JWTs (alg "none") for the local identity provider and the Graph emulator's token check:
// header.payload. with an empty signature (RFC 7519 section 6). Browser and Node alike: TextEncoder/
// TextDecoder and btoa/atob only, no Buffer.

export type JwtClaims = Record<string, unknown>;

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlToBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64UrlEncodeText(text: string): string {
  return bytesToBase64Url(new TextEncoder().encode(text));
}

export function base64UrlDecodeText(text: string): string | undefined {
  const bytes = base64UrlToBytes(text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** header.payload. — typ JWT, alg none, no signature. */
export function encodeUnsignedJwt(claims: JwtClaims): string {
  const header = base64UrlEncodeText(JSON.stringify({ typ: "JWT", alg: "none" }));
  return `${header}.${base64UrlEncodeText(JSON.stringify(claims))}.`;
}

/** True when the text has a JWT's three dot-separated parts (a compact JWS). */
export function looksLikeJwt(token: string): boolean {
  return token.split(".").length === 3;
}

/** The claims of a compact JWT (signature not checked), or undefined when it cannot be read. */
export function decodeJwtClaims(token: string): JwtClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload] = parts as [string, string, string];
  try {
    const h = JSON.parse(base64UrlDecodeText(header) ?? "") as unknown;
    const p = JSON.parse(base64UrlDecodeText(payload) ?? "") as unknown;
    if (typeof h !== "object" || h === null || Array.isArray(h)) return undefined;
    if (typeof p !== "object" || p === null || Array.isArray(p)) return undefined;
    return p as JwtClaims;
  } catch {
    return undefined;
  }
}
