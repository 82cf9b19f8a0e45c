// Typed handles on the CommonJS build scripts (plain .js so webpack.config.js can require them).
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

export interface ManifestError {
  line?: number;
  message: string;
}

export interface ManifestModule {
  DEV_WARNING: string;
  buildManifest(
    xmlText: string,
    options?: { publicUrl?: string | undefined },
  ): { xml: string; warnings: string[] };
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
export const icons: IconsModule = require(path.join(ROOT, "scripts", "make-icons.js"));
export const sideloadScript: SideloadModule = require(path.join(ROOT, "scripts", "sideload.js"));
export const syncVersion: SyncVersionModule = require(path.join(ROOT, "scripts", "sync-manifest-version.js"));
