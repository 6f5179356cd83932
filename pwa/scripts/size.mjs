// Prints the gzipped JS + CSS each screen needs before it can show, and fails over the budgets:
// - the initial load (what index.html loads): all that the sign-in page and the public certificate
//   check need, the pages a signed-out phone opens first;
// - each other screen: the initial load, the signed-in screens' Vant components (src/vant-screens.ts;
//   not for the public notice, a public page) and the screen's own chunks.
// It reads Vite's manifest (dist/.vite/manifest.json), then removes it: the server need not serve it.
import { readFileSync, rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const budget = { initial: 150 * 1024, screen: 250 * 1024 }
const dist = new URL('../dist/', import.meta.url).pathname
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const manifestPath = join(dist, '.vite', 'manifest.json')
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
rmSync(join(dist, '.vite'), { recursive: true, force: true })

const sizes = new Map()
const gz = (f) => {
  if (!sizes.has(f)) sizes.set(f, gzipSync(readFileSync(join(dist, f))).length)
  return sizes.get(f)
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`

const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
let initialTotal = 0
for (const f of initial) {
  initialTotal += gz(f)
  console.log(`${kb(gz(f)).padStart(10)}  ${f}`)
}
console.log(`initial JS + CSS (sign-in, certificate check), gzipped: ${kb(initialTotal)} (budget ${kb(budget.initial)})`)

/** files lists a manifest entry's chunk with its static imports and their CSS, transitively. */
function files(key, out = new Set()) {
  const e = manifest[key]
  if (!e || out.has(e.file)) return out
  out.add(e.file)
  for (const c of e.css ?? []) out.add(c)
  for (const i of e.imports ?? []) files(i, out)
  return out
}
const loaded = new Set(initial)
const shared = [...files('src/vant-screens.ts')]
const router = readFileSync(new URL('../src/router.ts', import.meta.url), 'utf8')
const isPublic = (key) => new RegExp(`import\\('\\./${key.replace(/^src\//, '').replace('.', '\\.')}'\\)[^\\n]*public: true`).test(router)
let over = initialTotal > budget.initial
const screens = Object.keys(manifest).filter((k) => /^src\/views\/\w+\.vue$/.test(k) && manifest[k].isDynamicEntry)
const rows = []
for (const key of screens) {
  const extra = new Set([...(isPublic(key) ? [] : shared), ...files(key)].filter((f) => !loaded.has(f)))
  const total = initialTotal + [...extra].reduce((n, f) => n + gz(f), 0)
  rows.push([key.replace(/^src\/views\//, ''), total])
  if (total > budget.screen) over = true
}
rows.sort((a, b) => b[1] - a[1])
console.log(`each other screen, initial load included (budget ${kb(budget.screen)}):\n  ${rows.map(([n, t]) => `${n} ${kb(t)}`).join(', ')}`)
if (over) {
  console.error('over the size budget')
  process.exit(1)
}
