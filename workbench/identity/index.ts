// The workbench's local identity provider and Office's nested app authentication bridge over it
// (docs/workbench-identity.md). Runs in the browser (the host page) and in Node (tests).
export {
  ENTRA_ENVIRONMENT,
  GRAPH_APP_ID,
  GRAPH_AUDIENCES,
  GRAPH_RESOURCE,
  LocalIdentityProvider,
} from "./identity-provider";
export type {
  IdentityErrorStatus,
  IdentityEvent,
  IdentityProviderOptions,
  IdentityResult,
  IdentityUser,
  IssuedTokens,
  PopupAnswer,
  TokenRequestLike,
} from "./identity-provider";
export { createNaaBridge, installNaaBridge } from "./naa-bridge";
export type {
  BridgeListener,
  BridgeLogEntry,
  LocalNaaBridge,
  NaaBridgeOptions,
  NestedAppAuthBridge,
} from "./naa-bridge";
export { installNaaRelay, RELAY_TAG, serveNaaRelay } from "./naa-relay";
export type { MessageEventLike, MessageWindow } from "./naa-relay";
export { decodeJwtClaims, encodeUnsignedJwt, looksLikeJwt } from "./jwt";
