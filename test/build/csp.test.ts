// The Content-Security-Policy builder (scripts/csp.js) that webpack.config.js writes into taskpane.html
// and dialog.html. The built pages themselves are checked in production-build.test.ts (one build per
// mode is enough) and enforced by Chromium in test/browser/csp.test.ts.
import { directives, withoutLocalSources } from "../helpers/build-addin";

const { contentSecurityPolicy } = require("../../scripts/csp.js") as {
  contentSecurityPolicy(o: { dev: boolean; authority?: string }): string;
};

test("a build for another cloud's authority may talk to that authority, and still to nothing local", () => {
  const policy = contentSecurityPolicy({
    dev: false,
    authority: "https://login.microsoftonline.us/contoso.onmicrosoft.us",
  });
  const d = directives(policy);
  expect(d.get("connect-src")).toEqual(expect.arrayContaining(["https://login.microsoftonline.us"]));
  expect(d.get("frame-src")).toEqual(expect.arrayContaining(["https://login.microsoftonline.us"]));
  expect(policy).not.toMatch(/localhost|127\.0\.0\.1/);
});

test("an authority that is not https adds nothing", () => {
  expect(contentSecurityPolicy({ dev: false, authority: "http://evil.example/tenant" })).toBe(
    contentSecurityPolicy({ dev: false }),
  );
});

test('the only inline style allowed is office.js\'s hidden telemetry frame (style="display:none")', () => {
  const d = directives(contentSecurityPolicy({ dev: false }));
  expect(d.get("style-src")).toEqual([
    "'self'",
    "'unsafe-hashes'",
    // base64(sha256("display:none"))
    "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='",
  ]);
});

test("development adds the local origins and nothing else", () => {
  const dev = contentSecurityPolicy({ dev: true });
  expect(directives(dev).get("connect-src")).toEqual(
    expect.arrayContaining(["http://127.0.0.1:*", "http://localhost:*", "https://localhost:*"]),
  );
  expect(withoutLocalSources(dev)).toBe(contentSecurityPolicy({ dev: false }));
});
