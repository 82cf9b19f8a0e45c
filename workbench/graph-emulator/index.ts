// The Graph emulator: a stateful HTTP server that behaves like the Graph endpoints the add-in uses.
export { startEmulator, GRAPH_EXPOSED_HEADERS } from "./server";
export type { Emulator, EmulatorOptions, ItemSnapshot } from "./server";
export {
  demoSeed,
  encodeShareToken,
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_ROOT_ITEM_ID,
  DEMO_WORKBOOK_NAME,
  DEMO_WORKBOOK_URL,
  DEMO_SECOND_ITEM_ID,
  DEMO_SECOND_ITEM_NAME,
  DEMO_SECOND_ITEM_URL,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_PERSONAL_ROOT_ITEM_ID,
  DEMO_PERSONAL_WORKBOOK_URL,
  DEMO_PERSONAL_OWNER,
  DEMO_OWNER,
  DEMO_USERS,
  DEMO_TENANT_DOMAIN,
  DEMO_LINK_PERMISSION_ID,
  DEMO_LINK_PEOPLE,
  DEMO_SITE_GROUPS,
} from "./seed";
export type { DemoSeedOptions } from "./seed";
export type { SiteGroup } from "./permissions";
export { grantsPerRecipient, emailsPerRecipient, unclosedSessions, summarizeLedger } from "./ledger";
export type { LedgerSummary } from "./ledger";
export { mixedFaults } from "./faults";
export type {
  BudgetConfig,
  ServerTimeConfig,
  FaultConfig,
  FaultKind,
  FaultRule,
  FaultTarget,
  GraphBehaviour,
  GraphIdentity,
  GraphSharePointIdentitySet,
  GraphSharingLink,
  GraphPermission,
  GraphSiteUser,
  Ledger,
  LedgerDeletion,
  LedgerEarlyRetry,
  LedgerEmail,
  LedgerInvite,
  LedgerRequest,
  LedgerRevocation,
  LedgerSession,
  LedgerThrottle,
  Seed,
  SeedDrive,
  SeedItem,
  SeedUser,
} from "./types";
