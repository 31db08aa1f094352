// Draws media/icon.png (128x128, the Marketplace icon): a radar screen with a sweep and a blip.
// Pure Node (zlib for PNG), 4x4 supersampling; run `node scripts/generateIcon.js` after changing it.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const size = 128;
const samples = 4;
const center = size / 2;

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

/** Colour (RGBA 0..255) of the point (x, y), before anti-aliasing. */
function shade(x, y) {
  const dx = x - center;
  const dy = y - center;
  const r = Math.hypot(dx, dy);
  // Rounded-square background.
  const corner = 22;
  const qx = Math.max(Math.abs(dx) - (center - corner), 0);
  const qy = Math.max(Math.abs(dy) - (center - corner), 0);
  if (Math.hypot(qx, qy) > corner) return [0, 0, 0, 0];
  let color = mix([16, 32, 48], [10, 20, 30], r / center);
  const screen = 54;
  if (r <= screen) {
    color = [12, 48, 40];
    // Sweep: a wedge fading behind the leading edge (pointing up-right).
    const lead = -Math.PI / 4;
    let behind = lead - Math.atan2(dy, dx);
    while (behind < 0) behind += 2 * Math.PI;
    if (behind < Math.PI / 2) color = mix([40, 200, 120], color, behind / (Math.PI / 2));
    // Rings and cross-hair.
    for (const ring of [18, 36, 53]) if (Math.abs(r - ring) < 1.2) color = [70, 220, 150];
    if (Math.abs(dx) < 0.7 || Math.abs(dy) < 0.7) color = mix(color, [70, 220, 150], 0.5);
    // Blip: an amber dot, the thing the radar warns about.
    if (Math.hypot(dx - 20, dy + 14) < 6) color = [255, 176, 32];
  }
  return [...color, 255];
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const c = shade(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
        // Premultiply so transparent corners do not darken the edge.
        sum[0] += c[0] * c[3]; sum[1] += c[1] * c[3]; sum[2] += c[2] * c[3]; sum[3] += c[3];
      }
    }
    const offset = y * (size * 4 + 1) + 1 + x * 4;
    const alpha = sum[3] / (samples * samples);
    for (let i = 0; i < 3; i++) raw[offset + i] = sum[3] > 0 ? Math.round(sum[i] / sum[3]) : 0;
    raw[offset + 3] = Math.round(alpha);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, '..', 'media', 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
