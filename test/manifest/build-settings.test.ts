import * as fs from "fs";
import * as path from "path";
import { ROOT, buildSettings } from "./scripts";

const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const PUBLIC_URL = "https://share.contoso.com/addin/";

const read = (env: Record<string, string>, mode: "production" | "development" = "production") =>
  buildSettings.readBuildSettings(env, mode);

describe("a production build for a host (ADDIN_PUBLIC_URL) and sign-in", () => {
  test("without AAD_CLIENT_ID fails, naming the setting and the two ways out", () => {
    expect(() => read({ ADDIN_PUBLIC_URL: PUBLIC_URL })).toThrow(
      /^AAD_CLIENT_ID is not set, so the add-in built for https:\/\/share\.contoso\.com\/addin\/ could not sign anyone in/,
    );
    expect(() => read({ ADDIN_PUBLIC_URL: PUBLIC_URL })).toThrow(
      /Set AAD_CLIENT_ID to the Application \(client\) ID/,
    );
    expect(() => read({ ADDIN_PUBLIC_URL: PUBLIC_URL })).toThrow(/or set ALLOW_NO_SIGN_IN=1/);
    expect(() => read({ ADDIN_PUBLIC_URL: PUBLIC_URL, AAD_CLIENT_ID: "  " })).toThrow(
      /AAD_CLIENT_ID is not set/,
    );
  });

  test("without AAD_CLIENT_ID builds when asked to with ALLOW_NO_SIGN_IN=1, and says so in build-info", () => {
    const settings = read({ ADDIN_PUBLIC_URL: PUBLIC_URL, ALLOW_NO_SIGN_IN: "1" });
    expect(buildSettings.buildInfo(settings)).toEqual({
      mode: "production",
      publicUrl: PUBLIC_URL,
      signIn: {
        configured: false,
        clientId: null,
        authority: "https://login.microsoftonline.com/organizations",
        allowedWithout: true,
      },
    });
  });

  test("with AAD_CLIENT_ID builds, and build-info records the client ID and authority", () => {
    const settings = read({
      ADDIN_PUBLIC_URL: PUBLIC_URL,
      AAD_CLIENT_ID: ` ${CLIENT_ID} `,
      AAD_AUTHORITY: "https://login.microsoftonline.com/contoso.onmicrosoft.com",
    });
    expect(buildSettings.buildInfo(settings).signIn).toEqual({
      configured: true,
      clientId: CLIENT_ID,
      authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com",
      allowedWithout: false,
    });
  });

  test("development builds and production builds for localhost (no ADDIN_PUBLIC_URL) need no client ID", () => {
    expect(() => read({ ADDIN_PUBLIC_URL: PUBLIC_URL }, "development")).not.toThrow();
    expect(buildSettings.buildInfo(read({})).signIn.configured).toBe(false);
  });

  test.each([
    [{ AAD_CLIENT_ID: "changeme" }, /AAD_CLIENT_ID "changeme" is not a GUID/],
    [
      { AAD_AUTHORITY: "http://login.microsoftonline.com/x" },
      /AAD_AUTHORITY .* is not an https:\/\/ authority/,
    ],
    [{ AAD_AUTHORITY: "login.microsoftonline.com" }, /AAD_AUTHORITY/],
    [{ ALLOW_NO_SIGN_IN: "yes" }, /ALLOW_NO_SIGN_IN must be 1 \(or unset\), got "yes"/],
  ])("a sign-in setting the page would ignore fails the build: %p", (env, message) => {
    expect(() => read(env)).toThrow(message);
    expect(() => read(env, "development")).toThrow(message);
  });
});

describe("manifest settings", () => {
  test.each([
    [{ ADDIN_ID: "bulk-share" }, /ADDIN_ID "bulk-share" is not a GUID.*crypto\.randomUUID/],
    [{ ADDIN_ID: "00000000-0000-0000-0000-000000000000" }, /ADDIN_ID .* is not a GUID/],
    [{ ADDIN_PROVIDER_NAME: "p".repeat(126) }, /ADDIN_PROVIDER_NAME is 126 characters long; .* at most 125/],
    [{ ADDIN_DISPLAY_NAME: "d".repeat(126) }, /ADDIN_DISPLAY_NAME is 126 characters long/],
    [{ ADDIN_DISPLAY_NAME: "Bulk\u0007Share" }, /ADDIN_DISPLAY_NAME contains a control character/],
    [{ ADDIN_SUPPORT_URL: "http://help.contoso.com/" }, /ADDIN_SUPPORT_URL must be a public https:\/\/ page/],
    [
      { ADDIN_SUPPORT_URL: "https://localhost:3000/help" },
      /ADDIN_SUPPORT_URL must be a public https:\/\/ page/,
    ],
    [{ ADDIN_SUPPORT_URL: "help.contoso.com" }, /ADDIN_SUPPORT_URL "help\.contoso\.com" is not a URL/],
    [{ ADDIN_PUBLIC_URL: "http://share.contoso.com/" }, /ADDIN_PUBLIC_URL must be an https:\/\/ URL/],
  ])("a bad value fails before anything is compiled: %p", (env, message) => {
    expect(() => read({ ...env, AAD_CLIENT_ID: CLIENT_ID })).toThrow(message);
  });

  test("are passed to the manifest trimmed; blank means unset", () => {
    const settings = read({
      ADDIN_ID: " 1c7b0c4e-3f5a-4d2b-9a61-2f0e8d7c5b4a ",
      ADDIN_PROVIDER_NAME: "Contoso IT",
      ADDIN_DISPLAY_NAME: "Contoso Share",
      ADDIN_SUPPORT_URL: "https://contoso.com/help",
      ADDIN_PUBLIC_URL: "",
    });
    expect(settings.manifest).toEqual({
      publicUrl: undefined,
      id: "1c7b0c4e-3f5a-4d2b-9a61-2f0e8d7c5b4a",
      providerName: "Contoso IT",
      displayName: "Contoso Share",
      supportUrl: "https://contoso.com/help",
    });
  });

  test("every setting the build reads is listed (the list the docs are written from)", () => {
    expect(Object.keys(buildSettings.BUILD_SETTINGS).sort()).toEqual([
      "AAD_AUTHORITY",
      "AAD_CLIENT_ID",
      "ADDIN_DISPLAY_NAME",
      "ADDIN_ID",
      "ADDIN_PROVIDER_NAME",
      "ADDIN_PUBLIC_URL",
      "ADDIN_SUPPORT_URL",
      "ALLOW_NO_SIGN_IN",
    ]);
  });
});

describe("build-info problems (npm run validate:prod)", () => {
  const info = (signIn: { configured: boolean; allowedWithout: boolean }, mode = "production") => ({
    mode,
    publicUrl: PUBLIC_URL,
    signIn: { ...signIn, clientId: signIn.configured ? CLIENT_ID : null, authority: "https://x/y" },
  });

  test("a build with sign-in has none", () => {
    expect(buildSettings.buildInfoProblems(info({ configured: true, allowedWithout: false }))).toEqual([]);
  });

  test("a build without sign-in is one, unless it was built so on purpose", () => {
    expect(buildSettings.buildInfoProblems(info({ configured: false, allowedWithout: false }))).toEqual([
      expect.stringMatching(/^built without AAD_CLIENT_ID: nobody can sign in/),
    ]);
    expect(buildSettings.buildInfoProblems(info({ configured: false, allowedWithout: true }))).toEqual([]);
  });

  test("a development build, or no build-info at all, is one", () => {
    expect(
      buildSettings.buildInfoProblems(info({ configured: true, allowedWithout: false }, "development")),
    ).toEqual(["built with --mode development; use npm run build"]);
    expect(buildSettings.buildInfoProblems(undefined)).toEqual([
      expect.stringContaining("no build-info.json beside it"),
    ]);
  });
});

describe("the docs name every build setting", () => {
  const text = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
  const settings = Object.keys(buildSettings.BUILD_SETTINGS);

  test("the list covers every environment variable the build reads", () => {
    const sources = [
      "webpack.config.js",
      ...fs.readdirSync(path.join(ROOT, "scripts")).map((f) => `scripts/${f}`),
    ];
    const read = new Set<string>();
    for (const file of sources) {
      for (const m of text(file).matchAll(
        /process\.env\.([A-Z][A-Z0-9_]*)|read\(env, "([A-Z][A-Z0-9_]*)"\)/g,
      )) {
        read.add((m[1] ?? m[2])!);
      }
    }
    expect(read.has("AAD_CLIENT_ID")).toBe(true);
    expect([...read].filter((name) => !settings.includes(name))).toEqual([]);
  });

  test("docs/distribution.md step 1 explains each one", () => {
    const doc = text("docs/distribution.md");
    const step1 = doc.slice(doc.indexOf("### 1. Build for your host"), doc.indexOf("### 2. Host dist/"));
    for (const name of settings) expect(step1).toMatch(new RegExp(`^\\| \`${name}\` +\\| \\S`, "m"));
    expect(step1).toMatch(/ADDIN_ID=<new guid>/);
  });

  test("the README's deploy line names each one, and the distribution guide has no note to its author", () => {
    const deployLine = /^To deploy: [\s\S]*?\n\n/m.exec(text("README.md"))?.[0] ?? "";
    for (const name of settings) expect(deployLine).toMatch(new RegExp(`\\b${name}\\b`));
    expect(text("docs/distribution.md")).not.toMatch(/README-ready/);
  });
});
