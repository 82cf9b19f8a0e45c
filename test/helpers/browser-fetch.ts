// fetch as a browser's CORS filter leaves it to a script (Fetch standard, "CORS-filtered response"): of a
// cross-origin answer only the CORS-safelisted response headers and those the server lists in
// Access-Control-Expose-Headers can be read. Node's fetch applies no such filter, so tests that must see
// what the task pane sees wrap the real fetch (real HTTP to the emulator) with this.
import type { FetchLike } from "../../src/graph/http";

const SAFELISTED = [
  "cache-control",
  "content-language",
  "content-length",
  "content-type",
  "expires",
  "last-modified",
  "pragma",
];

export const browserFetch: FetchLike = async (input, init) => {
  const headers = new Headers(init.headers);
  headers.set("Origin", "https://localhost:3000");
  const res = await fetch(input, { ...init, headers });
  const exposed = (res.headers.get("access-control-expose-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  const readable = new Headers();
  res.headers.forEach((value, name) => {
    if (SAFELISTED.includes(name) || exposed.includes(name) || exposed.includes("*"))
      readable.set(name, value);
  });
  const body = res.status === 204 || res.status === 304 ? null : await res.arrayBuffer();
  return new Response(body, { status: res.status, statusText: res.statusText, headers: readable });
};
