// An experiment, not the add-in: what one round trip fewer at the start is worth. The flow opens the
// session, then reads the permissions: two requests that do not depend on each other. This GraphPort
// sends both in one $batch when the session is opened, and answers the flow's next permission read from
// it (once; every later read goes to Graph). The benchmark reports it beside the real flow so the lead
// can weigh the change proposed in docs/performance.md; src/ is untouched.
import type { DriveItemRef, PermissionInfo } from "../src/core/types";
import type { GraphPort } from "../src/app/ports";
import { packBatch, unpackBatch } from "../src/core/batch-json";
import { parsePermissionCollection } from "../src/core/graph-json";
import type { GraphApi } from "../src/graph/graph-api";

export function withSetupBatch(api: GraphApi): GraphPort {
  let prefetched: PermissionInfo[] | undefined;
  const itemPath = (item: DriveItemRef) =>
    `/drives/${encodeURIComponent(item.driveId)}/items/${encodeURIComponent(item.itemId)}`;
  return {
    resolveWorkbook: (url) => api.resolveWorkbook(url),
    refreshSession: (item, id) => api.refreshSession(item, id),
    closeSession: (item, id) => api.closeSession(item, id),
    deletePermission: (item, id) => api.deletePermission(item, id),
    inviteBatch: (item, calls, session, signal) => api.inviteBatch(item, calls, session, signal),
    roundTrips: () => api.roundTrips(),
    async createSession(item) {
      const res = await api.http.send("POST", "/$batch", {
        body: packBatch([
          {
            id: "session",
            method: "POST",
            url: `${itemPath(item)}/workbook/createSession`,
            body: { persistChanges: true },
          },
          { id: "permissions", method: "GET", url: `${itemPath(item)}/permissions` },
        ]),
      });
      const items = res.status === 200 ? unpackBatch(res.body, ["session", "permissions"]) : undefined;
      const perms = items?.get("permissions");
      const body = perms?.body as Record<string, unknown> | undefined;
      if (perms?.status === 200 && body && body["@odata.nextLink"] === undefined) {
        prefetched = parsePermissionCollection(body);
      }
      const session = items?.get("session");
      const id = (session?.body as Record<string, unknown> | undefined)?.["id"];
      // Anything unexpected: fall back to the client's own call, with its retries.
      return session?.status === 201 && typeof id === "string" ? id : api.createSession(item);
    },
    listPermissions(item) {
      const once = prefetched;
      prefetched = undefined;
      return once ? Promise.resolve(once) : api.listPermissions(item);
    },
  };
}
