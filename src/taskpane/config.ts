// Runtime configuration. Production builds always talk to Microsoft Graph; only a development build
// (webpack --mode development defines __DEV_BUILD__ true) reads ?graph=<base url>&token=<value> so the
// same page can run against the local Graph emulator. In production the branch is removed at build time.

import type { InviteRoute } from "../core/ports";

declare const __DEV_BUILD__: boolean;

export const GRAPH_V1 = "https://graph.microsoft.com/v1.0";

export interface RuntimeConfig {
  graphBaseUrl: string;
  /** Development only: a bearer token for the emulator. */
  devToken?: string;
  route: InviteRoute;
  /** Development only: scales waits to match an emulator running on a short clock. */
  timeScale: number;
  isDevelopment: boolean;
}

export function readConfig(search: string): RuntimeConfig {
  const config: RuntimeConfig = {
    graphBaseUrl: GRAPH_V1,
    route: "items",
    timeScale: 1,
    isDevelopment: false,
  };
  const params = new URLSearchParams(search);
  if (params.get("route") === "workbooks") config.route = "workbooks";
  if (typeof __DEV_BUILD__ !== "undefined" && __DEV_BUILD__) {
    config.isDevelopment = true;
    const graph = params.get("graph");
    if (graph && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(graph)) {
      config.graphBaseUrl = graph.replace(/\/+$/, "");
    }
    const token = params.get("token");
    if (token) config.devToken = token;
    const scale = Number(params.get("timeScale"));
    if (scale > 0 && scale <= 1) config.timeScale = scale;
  }
  return config;
}
