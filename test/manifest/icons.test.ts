import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { ROOT, icons, manifest } from "./scripts";
import { devManifest } from "./helpers";

const assets = path.join(ROOT, "assets");

/** Every icon URL in the manifest with the size it declares (IconUrl 32, HighResolutionIconUrl 64, ribbon by size). */
function referencedIcons(xml: string): Array<{ file: string; size: number }> {
  const refs: Array<{ file: string; size: number }> = [];
  const fileOf = (url: string) => path.posix.basename(new URL(url).pathname);
  const iconUrl = /<IconUrl DefaultValue="([^"]+)"/.exec(xml)?.[1];
  const highRes = /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(xml)?.[1];
  if (iconUrl) refs.push({ file: fileOf(iconUrl), size: 32 });
  if (highRes) refs.push({ file: fileOf(highRes), size: 64 });
  const imageUrls = new Map(
    [...xml.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1], m[2]] as const),
  );
  for (const m of xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)) {
    const url = imageUrls.get(m[2] ?? "");
    if (url) refs.push({ file: fileOf(url), size: Number(m[1]) });
  }
  return refs;
}

/** Decodes the PNGs make-icons.js writes (8-bit RGBA, filter 0) back to pixels. */
function decodeRgba(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const size = manifest.readPngSize(png);
  if (!size) throw new Error("not a PNG");
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    const crc = png.readUInt32BE(at + 8 + length);
    expect(icons.crc32(png.subarray(at + 4, at + 8 + length))).toBe(crc);
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = size.width * 4;
  const rgba = Buffer.alloc(stride * size.height);
  for (let y = 0; y < size.height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { ...size, rgba };
}

describe("icons", () => {
  test("the manifest references 16, 32, 64 and 80 px icons", () => {
    const sizes = [...new Set(referencedIcons(devManifest()).map((r) => r.size))].sort((a, b) => a - b);
    expect(sizes).toEqual([16, 32, 64, 80]);
  });

  test.each(referencedIcons(devManifest()).map((r) => [r.file, r.size] as const))(
    "assets/%s exists and is %i px square",
    (file, size) => {
      const png = fs.readFileSync(path.join(assets, file));
      expect(manifest.readPngSize(png)).toEqual({ width: size, height: size });
    },
  );

  test("the 128 px listing icon for the admin center exists", () => {
    expect(manifest.readPngSize(fs.readFileSync(path.join(assets, "icon-128.png")))).toEqual({
      width: 128,
      height: 128,
    });
  });

  test("the committed PNGs are what scripts/make-icons.js draws", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "icons-"));
    try {
      for (const file of icons.writeIcons(out)) {
        expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(assets, path.basename(file))))).toBe(
          true,
        );
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test.each(icons.ICON_SIZES)("the %i px icon is a green rounded square with a white glyph", (size) => {
    const { width, height, rgba } = decodeRgba(fs.readFileSync(path.join(assets, `icon-${size}.png`)));
    expect([width, height]).toEqual([size, size]);
    const pixel = (x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    // Rounded corners are transparent.
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(size - 1, size - 1)[3]).toBe(0);
    // Near the left edge, halfway down the top: opaque Excel green.
    const [r, g, b, a] = pixel(Math.floor(size * 0.15), Math.floor(size * 0.2));
    expect(a).toBe(255);
    expect(g).toBeGreaterThan((r ?? 0) + 50);
    expect(g).toBeGreaterThan((b ?? 0) + 20);
    // The left node of the share glyph is white.
    expect(pixel(Math.floor(size * 0.31), Math.floor(size * 0.5))).toEqual([255, 255, 255, 255]);
    // Anti-aliased: the edges have partly covered pixels.
    const alphas = new Set<number>();
    for (let i = 3; i < rgba.length; i += 4) alphas.add(rgba[i] ?? 0);
    expect([...alphas].some((v) => v > 0 && v < 255)).toBe(true);
  });

  test("encodePng refuses a buffer of the wrong length", () => {
    expect(() => icons.encodePng(2, 2, Buffer.alloc(15))).toThrow(/Expected 16 RGBA bytes/);
  });
});
