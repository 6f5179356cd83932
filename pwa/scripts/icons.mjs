// Draws the app's icons as PNG files in public/ (no image library: a polygon
// rasterised with 4x4 supersampling, written with node:zlib).
//   node scripts/icons.mjs
// icon-192.png and icon-512.png: "any" icons; icon-maskable-512.png keeps its
// mark inside the central 80 % circle that launchers may crop to.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const BLUE = [0x19, 0x89, 0xfa]
const WHITE = [0xff, 0xff, 0xff]
// The mark on a 512 grid: an arrow-like plate pointing right ("play", "go on").
const MARK = [[154, 128], [282, 128], [384, 230], [384, 282], [282, 384], [154, 384]]

function inside(x, y, poly) {
  let c = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]
    const [xj, yj] = poly[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c
  }
  return c
}

function draw(size, scale) {
  // The mark, scaled about the centre.
  const poly = MARK.map(([x, y]) => [((x - 256) * scale + 256) * (size / 512), ((y - 256) * scale + 256) * (size / 512)])
  const rgb = Buffer.alloc(size * size * 3)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4, poly)) hits++
      const a = hits / 16
      for (let k = 0; k < 3; k++) rgb[(y * size + x) * 3 + k] = Math.round(BLUE[k] * (1 - a) + WHITE[k] * a)
    }
  }
  return png(size, size, rgb)
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c
})
function crc32(buf) {
  let c = -1
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ -1) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(w, h, rgb) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const raw = Buffer.alloc(h * (w * 3 + 1))
  for (let y = 0; y < h; y++) rgb.copy(raw, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3)
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

const out = new URL('../public/', import.meta.url)
writeFileSync(new URL('icon-192.png', out), draw(192, 1))
writeFileSync(new URL('icon-512.png', out), draw(512, 1))
writeFileSync(new URL('icon-maskable-512.png', out), draw(512, 0.8))
console.log('public/icon-192.png, public/icon-512.png, public/icon-maskable-512.png')
