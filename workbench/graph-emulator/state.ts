// The emulator's mutable world: drives, items with their permissions, users, workbook sessions, tokens.
import { randomBytes } from "node:crypto";
import { GraphError } from "./http-types";
import { ownerPermission } from "./permissions";
import type { GraphPermission, Ledger, Seed, SeedDrive, SeedUser } from "./types";

export interface ItemState {
  driveId: string;
  driveType: "business" | "personal";
  id: string;
  name: string;
  webUrl: string;
  isRoot: boolean;
  permissions: GraphPermission[];
}

export interface SessionState {
  id: string;
  driveId: string;
  itemId: string;
  persistChanges: boolean;
  lastUsed: number;
  closed: boolean;
  expired: boolean;
}

export interface OperationState {
  id: string;
  sessionId: string;
  driveId: string;
  itemId: string;
}

function itemKey(driveId: string, itemId: string): string {
  return `${driveId.toLowerCase()}\u0000${itemId.toLowerCase()}`;
}

function defaultRootId(drive: SeedDrive): string {
  return drive.driveType === "personal"
    ? `${drive.id.toUpperCase()}!101`
    : `01ROOT${drive.id.slice(-28).toUpperCase()}`;
}

function defaultRootUrl(drive: SeedDrive): string {
  const first = drive.items[0]?.webUrl;
  if (first === undefined) return `https://example.invalid/${drive.id}`;
  return first.slice(0, first.lastIndexOf("/"));
}

export class World {
  readonly seed: Seed;
  readonly drives = new Map<string, SeedDrive>();
  private readonly items = new Map<string, ItemState>();
  readonly sessions = new Map<string, SessionState>();
  readonly operations = new Map<string, OperationState>();
  readonly tokens = new Map<string, number>();
  private siteUserSerial = 100;
  private personalSerial = 200;
  private sessionSerial = 0;

  constructor(seed: Seed) {
    this.seed = structuredClone(seed);
    for (const drive of this.seed.drives) {
      this.drives.set(drive.id.toLowerCase(), drive);
      const rootId = drive.rootItemId ?? defaultRootId(drive);
      this.items.set(itemKey(drive.id, rootId), {
        driveId: drive.id,
        driveType: drive.driveType,
        id: rootId,
        name: "root",
        webUrl: drive.rootWebUrl ?? defaultRootUrl(drive),
        isRoot: true,
        permissions: [ownerPermission(drive.owner, drive.driveType, drive.id)],
      });
      for (const item of drive.items) {
        this.items.set(itemKey(drive.id, item.id), {
          driveId: drive.id,
          driveType: drive.driveType,
          id: item.id,
          name: item.name,
          webUrl: item.webUrl,
          isRoot: false,
          permissions: structuredClone(
            item.permissions ?? [ownerPermission(drive.owner, drive.driveType, drive.id)],
          ),
        });
      }
    }
  }

  allItems(): ItemState[] {
    return [...this.items.values()];
  }

  drive(driveId: string): SeedDrive {
    const drive = this.drives.get(driveId.toLowerCase());
    if (drive === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    return drive;
  }

  /** /users/{id or mail}/drive: the drive that user owns. */
  userDrive(user: string): SeedDrive {
    const lower = user.toLowerCase();
    const drive = this.seed.drives.find(
      (d) => d.owner.id.toLowerCase() === lower || d.owner.email.toLowerCase() === lower,
    );
    if (drive === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    return drive;
  }

  meDrive(): SeedDrive {
    return this.drive(this.seed.meDriveId);
  }

  item(driveId: string, itemId: string): ItemState {
    const drive = this.drive(driveId);
    const item = this.items.get(itemKey(drive.id, itemId));
    if (item === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    return item;
  }

  root(driveId: string): ItemState {
    const drive = this.drive(driveId);
    return this.item(drive.id, drive.rootItemId ?? defaultRootId(drive));
  }

  /** The seed's `/workbooks/{id}`: the item id on the me drive, else on any drive. */
  itemAnywhere(itemId: string): ItemState {
    const me = this.items.get(itemKey(this.seed.meDriveId, itemId));
    if (me !== undefined) return me;
    for (const item of this.items.values()) if (item.id.toLowerCase() === itemId.toLowerCase()) return item;
    throw new GraphError(404, "itemNotFound", "The resource could not be found.");
  }

  findUserByEmail(email: string): SeedUser | undefined {
    const lower = email.toLowerCase();
    return this.seed.users.find((u) => u.email.toLowerCase() === lower);
  }

  findUserById(id: string): SeedUser | undefined {
    const lower = id.toLowerCase();
    return this.seed.users.find((u) => u.id.toLowerCase() === lower);
  }

  findUserByAlias(alias: string): SeedUser | undefined {
    const lower = alias.toLowerCase();
    return this.seed.users.find((u) => u.email.toLowerCase().split("@")[0] === lower);
  }

  isTenantAddress(email: string): boolean {
    const domain = email.toLowerCase().split("@").pop() ?? "";
    return this.seed.tenantDomains.some((d) => d.toLowerCase() === domain);
  }

  nextSiteUserId(): string {
    this.siteUserSerial += 1;
    return String(this.siteUserSerial);
  }

  nextPersonalSerial(): number {
    this.personalSerial += 1;
    return this.personalSerial;
  }

  /** Session ids look like Excel's: a cluster prefix and an opaque, '='-padded token. */
  newSessionId(): string {
    this.sessionSerial += 1;
    const opaque = randomBytes(18).toString("base64");
    return `cluster=PUS7&session=15.BN8PEPF0000${this.sessionSerial.toString(16).toUpperCase()}.A${this.sessionSerial}.E1.V24.${opaque}`;
  }

  /** Marks sessions idle longer than their limit as expired (lazy: run on every request and state read). */
  sweepSessions(now: number, idleMs: (s: SessionState) => number, ledger: Ledger): void {
    for (const s of this.sessions.values()) {
      if (s.closed || s.expired) continue;
      const limit = idleMs(s);
      if (now - s.lastUsed > limit) {
        s.expired = true;
        const row = ledger.sessions.find((r) => r.id === s.id);
        if (row !== undefined) row.expiredAt = s.lastUsed + limit;
      }
    }
  }
}
