// Every shape the emulator answers with is checked against Graph's own metadata: a checked-in extract of the
// v1.0 CSDL (test/fixtures/graph-csdl/v1.0-types.json, from microsoftgraph/msgraph-metadata; the commit is
// in the file) plus the documented error/batch shapes that the CSDL does not hold (documented-shapes.json).
// Every property must exist on its type (recursively), with the right JSON type, and nothing unknown.
import csdl from "../../fixtures/graph-csdl/v1.0-types.json";
import documented from "../../fixtures/graph-csdl/documented-shapes.json";
import {
  DEMO_LINK_PERMISSION_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_WORKBOOK_URL,
  encodeShareToken,
  type Emulator,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  call,
  createSession,
  invite,
  inviteItem,
  ITEM_PATH,
  obj,
  values,
  type JsonReply,
} from "../../../workbench/graph-emulator/helpers";

interface TypeDef {
  kind: string;
  baseType?: string;
  openType?: boolean;
  properties?: Record<string, string>;
  members?: string[];
}

const TYPES: Record<string, TypeDef> = { ...csdl.types, ...documented.types } as Record<string, TypeDef>;

/**
 * Undeclared properties the emulator sends on open types, each because real Graph sends it:
 * identity.email is SharePoint's undocumented grantedTo.user.email (microsoft-graph-docs-contrib#7640).
 */
const OPEN_EXTRAS: Record<string, string[]> = { identity: ["email"] };

function chain(name: string): TypeDef[] {
  const out: TypeDef[] = [];
  for (let t = TYPES[name]; t !== undefined; t = t.baseType !== undefined ? TYPES[t.baseType] : undefined) {
    out.push(t);
  }
  return out;
}

function propertyType(name: string, key: string): string | undefined {
  for (const t of chain(name)) {
    const p = t.properties?.[key];
    if (p !== undefined) return p;
  }
  return undefined;
}

function openExtraAllowed(name: string, key: string): boolean {
  const types = chain(name);
  if (!types.some((t) => t.openType === true)) return false;
  const names = [name];
  for (let t = TYPES[name]; t?.baseType !== undefined; t = TYPES[t.baseType]) names.push(t.baseType);
  return names.some((n) => OPEN_EXTRAS[n]?.includes(key) === true);
}

/** Problems of `value` against CSDL/documented type `type` (empty when it conforms). */
function check(value: unknown, type: string, path = "$"): string[] {
  const collection = /^Collection\((.+)\)$/.exec(type);
  if (collection !== null) {
    if (!Array.isArray(value)) return [`${path}: expected an array for ${type}`];
    return value.flatMap((v, i) => check(v, collection[1] ?? "", `${path}[${i}]`));
  }
  switch (type) {
    case "any":
      return [];
    case "Edm.String":
      return typeof value === "string" ? [] : [`${path}: expected a string`];
    case "Edm.Boolean":
      return typeof value === "boolean" ? [] : [`${path}: expected a boolean`];
    case "Edm.Int32":
    case "Edm.Int64":
      return Number.isInteger(value) ? [] : [`${path}: expected an integer`];
    case "Edm.DateTimeOffset":
      return typeof value === "string" &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
        ? []
        : [`${path}: expected a DateTimeOffset`];
    case "map":
      return typeof value === "object" &&
        value !== null &&
        Object.values(value).every((v) => typeof v === "string")
        ? []
        : [`${path}: expected an object of strings`];
  }
  const def = TYPES[type];
  if (def === undefined) return [`${path}: type ${type} is not in the extract`];
  if (def.kind === "EnumType")
    return def.members?.includes(String(value)) === true ? [] : [`${path}: ${String(value)} not in ${type}`];
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return [`${path}: expected an object of type ${type}`];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key.startsWith("@odata."))
      return typeof v === "string" ? [] : [`${path}.${key}: annotation not a string`];
    const p = propertyType(type, key);
    if (p !== undefined) return check(v, p, `${path}.${key}`);
    return openExtraAllowed(type, key) ? [] : [`${path}.${key}: no such property on ${type}`];
  });
}

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

function expectShape(reply: JsonReply | unknown, type: string): void {
  const body =
    reply !== null && typeof reply === "object" && "status" in reply ? (reply as JsonReply).body : reply;
  expect(check(body, type)).toEqual([]);
}

describe("the shape checker itself", () => {
  it("reports unknown properties, wrong JSON types and unknown nested properties", () => {
    expect(check({ id: "1", roles: "read" }, "permission")).toEqual([
      "$.roles: expected an array for Collection(Edm.String)",
    ]);
    expect(check({ id: "1", inheritedBy: {} }, "permission")).toEqual([
      "$.inheritedBy: no such property on permission",
    ]);
    expect(check({ grantedToV2: { siteGroup: { id: 6 } } }, "permission")).toEqual([
      "$.grantedToV2.siteGroup.id: expected a string",
    ]);
    expect(check({ grantedToV2: { siteUser: { email: "a@b.c" } } }, "permission")).toEqual([]); // open extra
    expect(check({ link: { scope: "users", email: "a@b.c" } }, "permission")).toEqual([
      "$.link.email: no such property on sharingLink",
    ]);
    expect(check({ expirationDateTime: "soon" }, "permission")).toEqual([
      "$.expirationDateTime: expected a DateTimeOffset",
    ]);
    expect(check({ status: "done" }, "workbookOperation")).toEqual([
      "$.status: done not in workbookOperationStatus",
    ]);
  });

  it("records where the extract came from", () => {
    expect(csdl.source).toMatchObject({
      repository: "microsoftgraph/msgraph-metadata",
      path: "schemas/v1.0-Prod.csdl",
    });
    expect(csdl.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("emulator answers match the v1.0 CSDL", () => {
  it("permission lists: owner, site groups, specific-people link, member, guest and ODB-quirk grants", async () => {
    await invite(emu, [{ email: "lee@contoso.com" }, { email: "pat@fabrikam.example" }]);
    emu.setFaults({ omitInvitation: true });
    await invite(emu, [{ email: "joni@contoso.com" }]);
    const list = await call(emu, "GET", `${ITEM_PATH}/permissions`);
    expect(values(list).length).toBeGreaterThanOrEqual(8);
    expectShape(list, "permissionCollection");
    expectShape(await call(emu, "GET", `${ITEM_PATH}/permissions/${DEMO_LINK_PERMISSION_ID}`), "permission");
    const paged = await call(emu, "GET", `${ITEM_PATH}/permissions?$top=2`);
    expect(obj(paged.body)["@odata.nextLink"]).toEqual(expect.any(String));
    expectShape(paged, "permissionCollection");
  });

  it("invite answers: direct grants, link grants, 207 mail errors, personal drive grants", async () => {
    expectShape(
      await invite(emu, [{ email: "lee@contoso.com" }], { roles: ["write"] }),
      "permissionCollection",
    );
    emu.setBehaviour({ inviteCreates: "specificPeopleLink" });
    expectShape(await invite(emu, [{ email: "pat@fabrikam.example" }]), "permissionCollection");
    emu.setBehaviour({});
    emu.setFaults({ rules: [{ fault: "partialMail", rate: 1, target: "invite" }] });
    const partial = await invite(emu, [{ email: "joni@contoso.com" }]);
    expect(partial.status).toBe(207);
    for (const entry of values(partial)) {
      const { error, ...permission } = entry;
      expect(check(error, "inviteError")).toEqual([]);
      expect(check(permission, "permission")).toEqual([]);
    }
    emu.setFaults({});
    const personal = `/drives/${DEMO_PERSONAL_DRIVE_ID}/items/${encodeURIComponent(DEMO_PERSONAL_ITEM_ID)}`;
    expectShape(
      await invite(emu, [{ email: "lee@contoso.com" }], {}, {}, `${personal}/invite`),
      "permissionCollection",
    );
    expectShape(
      await invite(emu, [{ email: "kim@fabrikam.example" }], {}, {}, `${personal}/invite`),
      "permissionCollection",
    );
    expectShape(await call(emu, "GET", `${personal}/permissions`), "permissionCollection");
  });

  it("revokeGrants answers the updated permission", async () => {
    const reply = await call(
      emu,
      "POST",
      `${ITEM_PATH}/permissions/${DEMO_LINK_PERMISSION_ID}/revokeGrants`,
      {
        body: { grantees: [{ email: "nadia.rahman@contoso.com" }] },
      },
    );
    expect(reply.status).toBe(200);
    expectShape(reply, "permission");
  });

  it("sessions: createSession, the async operation and sessionInfoResource", async () => {
    const created = await call(emu, "POST", `${ITEM_PATH}/workbook/createSession`, {
      body: { persistChanges: true },
    });
    expectShape(created, "workbookSessionInfo");
    const accepted = await call(emu, "POST", `${ITEM_PATH}/workbook/createSession`, {
      body: { persistChanges: true },
      headers: { Prefer: "respond-async" },
    });
    expect(accepted.status).toBe(202);
    const operation = await call(emu, "GET", accepted.headers.get("location") ?? "");
    expectShape(operation, "workbookOperation");
    const info = await call(emu, "GET", String(obj(operation.body)["resourceLocation"]));
    expectShape(info, "workbookSessionInfo");
  });

  it("shares and item reads answer a driveItem (file and root)", async () => {
    expectShape(
      await call(emu, "GET", `/shares/${encodeShareToken(DEMO_WORKBOOK_URL)}/driveItem`),
      "driveItem",
    );
    expectShape(await call(emu, "GET", ITEM_PATH), "driveItem");
    expectShape(await call(emu, "GET", "/me/drive/root"), "driveItem");
  });

  it("$batch answers, with permission, session and error bodies inside", async () => {
    const session = await createSession(emu);
    emu.setBehaviour({ inviteReadsSessionHeader: "refusesStale" });
    const reply = await call(emu, "POST", "/$batch", {
      body: {
        requests: [
          inviteItem("1", "lee@contoso.com", { "Workbook-Session-Id": session }),
          inviteItem("2", "nobody@contoso.com"),
          inviteItem("3", "joni@contoso.com", { "Workbook-Session-Id": "cluster=X&session=gone" }),
          { id: "4", method: "GET", url: `${ITEM_PATH}/permissions` },
        ],
      },
    });
    expectShape(reply, "batchResponse");
    const items = (obj(reply.body)["responses"] as Array<Record<string, unknown>>) ?? [];
    expect(items).toHaveLength(4);
    for (const item of items) {
      const status = Number(item["status"]);
      expect(check(item["body"], status >= 400 ? "odataErrorResponse" : "permissionCollection")).toEqual([]);
    }
  });

  it("errors: auth, routing, validation, throttling, sessions", async () => {
    const errors: JsonReply[] = [
      await call(emu, "GET", `${ITEM_PATH}/permissions`, { auth: false }),
      await call(emu, "GET", "/drives/nope/items/nope"),
      await call(emu, "GET", `/workbooks/x/invite`),
      await call(emu, "DELETE", `${ITEM_PATH}/invite`),
      await invite(emu, [{ email: "nobody@contoso.com" }]),
      await call(emu, "POST", `${ITEM_PATH}/workbook/refreshSession`, {
        headers: { "Workbook-Session-Id": "x" },
      }),
    ];
    emu.setFaults({ rules: [{ fault: "throttle", rate: 1, target: "invite" }] });
    errors.push(await invite(emu, [{ email: "lee@contoso.com" }]));
    for (const reply of errors) {
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expectShape(reply, "odataErrorResponse");
    }
  });
});
