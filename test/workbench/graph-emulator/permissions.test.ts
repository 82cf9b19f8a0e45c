import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_OWNER,
  type Emulator,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  call,
  errorCode,
  invite,
  ITEM_PATH,
  obj,
  SEEDED_PERMISSIONS,
  values,
} from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const PEOPLE = ["alexw", "allan", "christie", "debra", "diego", "emily", "enrico"].map(
  (a) => `${a}@contoso.com`,
);

async function grantAll(): Promise<void> {
  const reply = await invite(
    emu,
    PEOPLE.map((email) => ({ email })),
  );
  expect(reply.status).toBe(200);
}

describe("permissions", () => {
  it("lists every permission including the owner's", async () => {
    await grantAll();
    const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`);
    expect(reply.status).toBe(200);
    const list = values(reply);
    expect(list).toHaveLength(PEOPLE.length + SEEDED_PERMISSIONS);
    expect(list[0]).toMatchObject({ roles: ["owner"], grantedToV2: { user: { email: DEMO_OWNER.email } } });
    expect(obj(reply.body)["@odata.nextLink"]).toBeUndefined();
    const viaMe = await call(emu, "GET", `/me/drive/items/${DEMO_ITEM_ID}/permissions`);
    expect(values(viaMe)).toEqual(list);
  });

  it("pages with $top and an absolute @odata.nextLink", async () => {
    await grantAll();
    const seen: string[] = [];
    let url: string | undefined = `${ITEM_PATH}/permissions?$top=3`;
    let pages = 0;
    while (url !== undefined) {
      const reply = await call(emu, "GET", url);
      expect(reply.status).toBe(200);
      const page = values(reply);
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((p) => String(p["id"])));
      const next = obj(reply.body)["@odata.nextLink"];
      url = typeof next === "string" ? next : undefined;
      if (url !== undefined) expect(url.startsWith(`${emu.baseUrl}/`)).toBe(true);
      pages++;
    }
    expect(pages).toBe(Math.ceil((PEOPLE.length + SEEDED_PERMISSIONS) / 3));
    expect(new Set(seen).size).toBe(PEOPLE.length + SEEDED_PERMISSIONS);
    const bad = await call(emu, "GET", `${ITEM_PATH}/permissions?$top=zero`);
    expect(bad.status).toBe(400);
  });

  it("gets one permission and deletes it (204), then 404", async () => {
    await grantAll();
    const target = emu
      .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
      .find((p) => p.invitation?.email === "debra@contoso.com");
    const id = target?.id ?? "";
    expect((await call(emu, "GET", `${ITEM_PATH}/permissions/${id}`)).status).toBe(200);
    const del = await call(emu, "DELETE", `${ITEM_PATH}/permissions/${id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBeUndefined();
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).some((p) => p.id === id)).toBe(false);
    expect(emu.ledger.deletions).toMatchObject([{ itemId: DEMO_ITEM_ID, permissionId: id }]);
    const again = await call(emu, "DELETE", `${ITEM_PATH}/permissions/${id}`);
    expect(again.status).toBe(404);
    expect(errorCode(again)).toBe("itemNotFound");
  });

  it("protects the owner's permission with 403 accessDenied", async () => {
    const owner = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)[0];
    const reply = await call(emu, "DELETE", `${ITEM_PATH}/permissions/${owner?.id ?? ""}`);
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe("accessDenied");
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS);
  });

  it("after a delete, a new invite creates the permission again", async () => {
    const first = await invite(emu, [{ email: "lee@contoso.com" }]);
    const id = String(values(first)[0]?.["id"]);
    await call(emu, "DELETE", `${ITEM_PATH}/permissions/${id}`);
    const second = await invite(emu, [{ email: "lee@contoso.com" }]);
    expect(second.status).toBe(200);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS + 1);
  });
});
