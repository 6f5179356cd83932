// Prints the gzipped size of the initial JS + CSS (what index.html loads)
// and fails when it is over the budget.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const budget = 250 * 1024
const dist = new URL('../dist/', import.meta.url).pathname
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
let total = 0
for (const f of files) {
  const size = gzipSync(readFileSync(join(dist, f))).length
  total += size
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${f}`)
}
console.log(`initial JS + CSS, gzipped: ${(total / 1024).toFixed(1)} KB (budget ${budget / 1024} KB)`)
if (total > budget) {
  console.error('over the size budget')
  process.exit(1)
}
