import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, icons } from "./scripts";

export const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
export const devManifest = (): string => fs.readFileSync(MANIFEST_PATH, "utf8");

/** Replaces exactly one occurrence of `from`, so a fixture edit that misses fails loudly. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`expected exactly one "${from}" in the manifest`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found`);
  return text.slice(0, at).split("\n").length;
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs(). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary project root whose assets/ holds copies of the real icons (to break one at a time). */
export function tempProject(): string {
  const dir = tempDir();
  fs.cpSync(path.join(ROOT, "assets"), path.join(dir, "assets"), { recursive: true });
  return dir;
}

export function solidPng(width: number, height: number): Buffer {
  return icons.encodePng(width, height, Buffer.alloc(width * height * 4, 0xff));
}
