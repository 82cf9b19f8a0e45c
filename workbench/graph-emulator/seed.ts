// The demo tenant: Contoso, with Adele Vance's OneDrive for Business holding the demo workbook, plus a
// OneDrive personal drive (to exercise what personal accounts cannot do).
import { Buffer } from "node:buffer";
import {
  linkIdentity,
  ownerPermission,
  siteGroupPermission,
  specificPeopleLink,
  stableGuid,
  type SiteGroup,
} from "./permissions";
import type { GraphPermission, Seed, SeedUser } from "./types";

export { stableGuid };

export const DEMO_TENANT_DOMAIN = "contoso.com";
export const DEMO_OWNER: SeedUser = {
  id: "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
  displayName: "Adele Vance",
  email: "adele@contoso.com",
};

export const DEMO_DRIVE_ID = "b!Xk3fQ2m9dUeW0pYz7LrA1cTnH4sJvB6gK8yE5oPqR2uMwN1iDfZlSxCtVhGjOaKe";
export const DEMO_ROOT_ITEM_ID = "01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ";
export const DEMO_ITEM_ID = "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K";
export const DEMO_WORKBOOK_NAME = "Team roster.xlsx";
export const DEMO_WORKBOOK_URL =
  "https://contoso-my.sharepoint.com/personal/adele_contoso_com/Documents/Team%20roster.xlsx";
export const DEMO_SECOND_ITEM_ID = "01BYE5RZ4WTLQMKSUGDNGJOMDH4EY4QZWB";
export const DEMO_SECOND_ITEM_NAME = "Q3 budget.xlsx";
export const DEMO_SECOND_ITEM_URL =
  "https://contoso-my.sharepoint.com/personal/adele_contoso_com/Documents/Q3%20budget.xlsx";

export const DEMO_PERSONAL_DRIVE_ID = "8e7f2c1a9b3d4e5f";
export const DEMO_PERSONAL_ROOT_ITEM_ID = "8E7F2C1A9B3D4E5F!101";
export const DEMO_PERSONAL_ITEM_ID = "8E7F2C1A9B3D4E5F!1234";
export const DEMO_PERSONAL_WORKBOOK_URL = "https://d.docs.live.net/8e7f2c1a9b3d4e5f/Documents/Budget.xlsx";
export const DEMO_PERSONAL_OWNER: SeedUser = {
  id: "8e7f2c1a9b3d4e5f",
  displayName: "Megan Bowen",
  email: "megan.bowen@outlook.com",
};

const DEMO_USER_NAMES: Array<[string, string]> = [
  ["Alex Wilber", "alexw"],
  ["Allan Deyoung", "allan"],
  ["Christie Cline", "christie"],
  ["Debra Berger", "debra"],
  ["Diego Siciliani", "diego"],
  ["Emily Braun", "emily"],
  ["Enrico Cattaneo", "enrico"],
  ["Grady Archie", "grady"],
  ["Henrietta Mueller", "henrietta"],
  ["Irvin Sayers", "irvin"],
  ["Isaiah Langer", "isaiah"],
  ["Johanna Lorenz", "johanna"],
  ["Joni Sherman", "joni"],
  ["Lee Gu", "lee"],
  ["Lidia Holloway", "lidia"],
  ["Lynne Robbins", "lynne"],
  ["Megan Bowen", "megan"],
  ["Miriam Graham", "miriam"],
  ["Nestor Wilke", "nestor"],
  ["Patti Fernandez", "patti"],
  ["Pradeep Gupta", "pradeep"],
  ["Seán O'Brien", "sean.obrien"],
  ["Zoë Ng", "zoe.ng"],
  ["José Álvarez", "jose.alvarez"],
  ["Siobhán Ní Bhriain", "siobhan"],
  ["Björn Åkesson", "bjorn.akesson"],
  ["Renée D'Amour", "renee.damour"],
  ["Chloé Dubois", "chloe.dubois"],
  ["Tomás O'Neill", "tomas.oneill"],
  ["Nguyễn Thị Lan", "lan.nguyen"],
];

/**
 * Tenant members who are on the workbook's "specific people" link from the start. They come after every
 * user the workbench sample and the app tests put in a roster, so by default nobody a test shares with is
 * already on the link.
 */
const LINK_USER_NAMES: Array<[string, string]> = [
  ["Nadia Rahman", "nadia.rahman"],
  ["Oskar Lindqvist", "oskar.lindqvist"],
];

function tenantUser([displayName, local]: [string, string]): SeedUser {
  return { id: stableGuid(local), displayName, email: `${local}@${DEMO_TENANT_DOMAIN}` };
}

export const DEMO_USERS: SeedUser[] = [
  DEMO_OWNER,
  ...DEMO_USER_NAMES.map(tenantUser),
  ...LINK_USER_NAMES.map(tenantUser),
];

/** E-mail addresses of the people on the demo workbook's specific-people link (default seed). */
export const DEMO_LINK_PEOPLE: readonly string[] = LINK_USER_NAMES.map(
  ([, local]) => `${local}@${DEMO_TENANT_DOMAIN}`,
);

/** The demo workbook's specific-people ("users" scope) view link: a GUID, as SharePoint link ids are. */
export const DEMO_LINK_PERMISSION_ID = stableGuid(`link:${DEMO_ITEM_ID}:view`);

/**
 * The site's groups as the workbook's permission list shows them: Owners and Visitors as
 * grantedToV2.siteGroup, Members as grantedToV2.group (both shapes occur, microsoft-graph-docs#6911).
 */
export const DEMO_SITE_GROUPS: readonly SiteGroup[] = [
  { id: "6", displayName: "Adele Vance Owners", role: "owner", shape: "siteGroup" },
  { id: "8", displayName: "Adele Vance Members", role: "write", shape: "group" },
  { id: "7", displayName: "Adele Vance Visitors", role: "read", shape: "siteGroup" },
];

export interface DemoSeedOptions {
  /**
   * Who is on the workbook's specific-people link (e-mail addresses; default DEMO_LINK_PEOPLE). Tenant
   * users appear with user + siteUser, other addresses as guests (siteUser only).
   */
  linkPeople?: readonly string[];
}

function workbookPermissions(opts: DemoSeedOptions): GraphPermission[] {
  const people = (opts.linkPeople ?? DEMO_LINK_PEOPLE).map((email, i) => {
    const user = DEMO_USERS.find((u) => u.email.toLowerCase() === email.toLowerCase());
    return linkIdentity(user ?? { email }, String(50 + i));
  });
  return [
    ownerPermission(DEMO_OWNER, "business", DEMO_DRIVE_ID),
    ...DEMO_SITE_GROUPS.map(siteGroupPermission),
    specificPeopleLink(DEMO_LINK_PERMISSION_ID, "read", DEMO_WORKBOOK_URL, people),
  ];
}

export function demoSeed(opts: DemoSeedOptions = {}): Seed {
  return {
    tenantDomains: [DEMO_TENANT_DOMAIN],
    externalSharing: true,
    users: DEMO_USERS.map((u) => ({ ...u })),
    meDriveId: DEMO_DRIVE_ID,
    drives: [
      {
        id: DEMO_DRIVE_ID,
        driveType: "business",
        owner: { ...DEMO_OWNER },
        rootItemId: DEMO_ROOT_ITEM_ID,
        rootWebUrl: "https://contoso-my.sharepoint.com/personal/adele_contoso_com/Documents",
        items: [
          {
            id: DEMO_ITEM_ID,
            name: DEMO_WORKBOOK_NAME,
            webUrl: DEMO_WORKBOOK_URL,
            permissions: workbookPermissions(opts),
          },
          {
            id: DEMO_SECOND_ITEM_ID,
            name: DEMO_SECOND_ITEM_NAME,
            webUrl: DEMO_SECOND_ITEM_URL,
            permissions: [
              ownerPermission(DEMO_OWNER, "business", DEMO_DRIVE_ID),
              ...DEMO_SITE_GROUPS.map(siteGroupPermission),
            ],
          },
        ],
      },
      {
        id: DEMO_PERSONAL_DRIVE_ID,
        driveType: "personal",
        owner: { ...DEMO_PERSONAL_OWNER },
        rootItemId: DEMO_PERSONAL_ROOT_ITEM_ID,
        rootWebUrl: "https://onedrive.live.com/?cid=8e7f2c1a9b3d4e5f",
        items: [
          {
            id: DEMO_PERSONAL_ITEM_ID,
            name: "Budget.xlsx",
            webUrl: DEMO_PERSONAL_WORKBOOK_URL,
            permissions: [ownerPermission(DEMO_PERSONAL_OWNER, "personal", DEMO_PERSONAL_DRIVE_ID)],
          },
        ],
      },
    ],
  };
}

/** "u!" + base64url of the URL's UTF-8 bytes, without padding (api-reference/v1.0/api/shares-get.md). */
export function encodeShareToken(url: string): string {
  return `u!${Buffer.from(url, "utf8").toString("base64url")}`;
}
