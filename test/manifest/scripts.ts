// Typed handles on the CommonJS build scripts (plain .js so webpack.config.js can require them).
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

export interface ManifestError {
  line?: number;
  message: string;
}

/** Build settings that end up in the manifest; undefined keeps what manifest.xml says. */
export interface ManifestSettings {
  publicUrl?: string | undefined;
  id?: string | undefined;
  providerName?: string | undefined;
  displayName?: string | undefined;
  supportUrl?: string | undefined;
}

export interface BuildSettings {
  mode: "production" | "development";
  signIn: { clientId: string | undefined; authority: string };
  allowNoSignIn: boolean;
  manifest: ManifestSettings;
}

export interface BuildInfo {
  mode: string;
  publicUrl: string | null;
  signIn: { configured: boolean; clientId: string | null; authority: string; allowedWithout: boolean };
}

export interface BuildSettingsModule {
  BUILD_SETTINGS: Record<string, string>;
  readBuildSettings(
    env: Record<string, string | undefined>,
    mode: "production" | "development",
  ): BuildSettings;
  buildInfo(settings: BuildSettings): BuildInfo;
  buildInfoProblems(info: BuildInfo | undefined): string[];
}

export interface ManifestModule {
  DEV_WARNING: string;
  buildManifest(xmlText: string, options?: ManifestSettings): { xml: string; warnings: string[] };
  checkManifestSettings(settings: ManifestSettings): void;
  stripComments(xml: string): string;
  validateManifest(
    xmlText: string,
    options?: { baseDir?: string; production?: boolean },
  ): Promise<{ ok: boolean; errors: ManifestError[] }>;
  versionFromPackage(pkgVersion: string): string;
  setManifestVersion(xmlText: string, version: string): string;
  readPngSize(bytes: Buffer): { width: number; height: number } | null;
}

export interface IconsModule {
  ICON_SIZES: number[];
  renderIcon(size: number): Buffer;
  encodePng(width: number, height: number, rgba: Buffer): Buffer;
  crc32(bytes: Buffer): number;
  writeIcons(outDir: string, sizes?: number[]): string[];
}

export interface SideloadModule {
  LINUX_MESSAGE: string;
  sideload(
    argv: string[],
    deps?: {
      platform?: string;
      run?: (pkg: string, args: string[]) => number;
      out?: (line: string) => void;
      err?: (line: string) => void;
      manifest?: string;
    },
  ): number;
}

export interface SyncVersionModule {
  syncManifestVersion(
    manifestXml: string,
    pkgVersion: string,
  ): { version: string; changed: boolean; xml: string };
}

export const manifest: ManifestModule = require(path.join(ROOT, "scripts", "manifest.js"));
export const buildSettings: BuildSettingsModule = require(path.join(ROOT, "scripts", "build-settings.js"));
export const icons: IconsModule = require(path.join(ROOT, "scripts", "make-icons.js"));
export const sideloadScript: SideloadModule = require(path.join(ROOT, "scripts", "sideload.js"));
export const syncVersion: SyncVersionModule = require(path.join(ROOT, "scripts", "sync-manifest-version.js"));
