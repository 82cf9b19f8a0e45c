/**
 * @jest-environment jsdom
 */
// The dialog page's entry (src/dialog/dialog.ts) as Office loads it: whatever it sends to the pane goes
// through messageParent with the pane's origin as the only allowed recipient, never to "whoever is there".

type MessageParent = (message: string, options?: { targetOrigin: string }) => void;

function installOffice(messageParent: MessageParent): void {
  (globalThis as unknown as { Office: unknown }).Office = {
    onReady: () => Promise.resolve({ host: null, platform: null }),
    context: { ui: { messageParent } },
  };
}

test("the dialog page names the pane's origin as the target of its message", async () => {
  const calls: { message: string; options: unknown }[] = [];
  installOffice((message, options) => calls.push({ message, options }));
  // This build has no client ID (no __AAD_CLIENT_ID__ under Jest), so the page answers at once.
  jest.isolateModules(() => {
    require("../../src/dialog/dialog");
  });
  for (let i = 0; i < 20 && calls.length === 0; i += 1) await new Promise((r) => setTimeout(r, 0));
  expect(calls).toHaveLength(1);
  expect(JSON.parse(calls[0]!.message)).toMatchObject({ kind: "failed", errorCode: "not_configured" });
  expect(calls[0]!.options).toEqual({ targetOrigin: window.location.origin });
  expect(window.location.origin).toBe("http://localhost");
});
