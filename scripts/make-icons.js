// Draws the add-in's icons (an Excel-green rounded square with a white "share" glyph: three connected dots)
// and writes them as PNG files to assets/. Pure Node: shapes are signed-distance tests sampled on a
// supersampling grid into an RGBA buffer, and the PNG is encoded here with zlib and CRC-32.
//
//   node scripts/make-icons.js [outDir]      (default: assets/)
//
// The PNGs are committed; run this only when the design changes.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

/** Sizes the manifest and the admin center listing use (ribbon 16/32/80, IconUrl 32/64, listing 128). */
const ICON_SIZES = [16, 32, 64, 80, 128];

/** Supersampling grid per pixel edge (SUPERSAMPLE² samples per pixel). */
const SUPERSAMPLE = 8;

// Excel greens: lighter at the top, the brand green at the bottom.
const GREEN_TOP = [0x21, 0xa3, 0x66];
const GREEN_BOTTOM = [0x10, 0x7c, 0x41];
const WHITE = [0xff, 0xff, 0xff];

// Geometry in unit coordinates (0..1, y grows downwards).
const MARGIN = 1 / 16;
const CORNER = 0.2;
const NODE_RADIUS = 0.11;
const NODES = [
  [0.31, 0.5],
  [0.69, 0.29],
  [0.69, 0.71],
];
const EDGES = [
  [0, 1],
  [0, 2],
];
const LINE_WIDTH = 0.07;

/** Signed distance from (x, y) to a rounded square spanning [a, b]² with corner radius r (< 0 inside). */
function roundedSquareDistance(x, y, a, b, r) {
  const c = (a + b) / 2;
  const half = (b - a) / 2 - r;
  const qx = Math.abs(x - c) - half;
  const qy = Math.abs(y - c) - half;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from (x, y) to the segment p–q. */
function segmentDistance(x, y, p, q) {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const t = Math.max(0, Math.min(1, ((x - p[0]) * dx + (y - p[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (p[0] + t * dx), y - (p[1] + t * dy));
}

/**
 * Renders the icon at size×size pixels.
 * @param {number} size edge length in pixels
 * @returns {Buffer} RGBA, 4 bytes per pixel, rows top to bottom, straight (non-premultiplied) alpha
 */
function renderIcon(size) {
  if (!Number.isInteger(size) || size < 8 || size > 1024) {
    throw new RangeError(`Icon size must be an integer from 8 to 1024, got ${size}`);
  }
  // Strokes thinner than ~1.2 px vanish into grey at 16 px; keep them at least that wide.
  const halfLine = Math.max(LINE_WIDTH, 1.2 / size) / 2;
  const nodeRadius = Math.max(NODE_RADIUS, 1.6 / size);
  const rgba = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;

  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          if (roundedSquareDistance(x, y, MARGIN, 1 - MARGIN, CORNER) > 0) continue;
          let inGlyph = NODES.some(([nx, ny]) => Math.hypot(x - nx, y - ny) <= nodeRadius);
          if (!inGlyph) {
            inGlyph = EDGES.some(([i, j]) => segmentDistance(x, y, NODES[i], NODES[j]) <= halfLine);
          }
          let colour = WHITE;
          if (!inGlyph) {
            const t = Math.min(1, Math.max(0, (y - MARGIN) / (1 - 2 * MARGIN)));
            colour = GREEN_TOP.map((top, k) => top + (GREEN_BOTTOM[k] - top) * t);
          }
          covered++;
          r += colour[0];
          g += colour[1];
          b += colour[2];
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        rgba[offset] = Math.round(r / covered);
        rgba[offset + 1] = Math.round(g / covered);
        rgba[offset + 2] = Math.round(b / covered);
        rgba[offset + 3] = Math.round((covered / samples) * 255);
      }
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, as PNG uses it) of a byte buffer. */
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes an RGBA buffer as an 8-bit truecolour-with-alpha PNG.
 * @param {number} width
 * @param {number} height
 * @param {Buffer} rgba width*height*4 bytes
 * @returns {Buffer}
 */
function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(
      `Expected ${width * height * 4} RGBA bytes for ${width}x${height}, got ${rgba.length}`,
    );
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter "None": icons compress well enough without filters
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Writes icon-<size>.png for every size in `sizes` to `outDir`.
 * @returns {string[]} the written paths
 */
function writeIcons(outDir, sizes = ICON_SIZES) {
  fs.mkdirSync(outDir, { recursive: true });
  return sizes.map((size) => {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, renderIcon(size)));
    return file;
  });
}

module.exports = { ICON_SIZES, renderIcon, encodePng, crc32, writeIcons };

if (require.main === module) {
  const outDir = process.argv[2] || path.join(__dirname, "..", "assets");
  for (const file of writeIcons(outDir)) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
