// Every <van-x> tag in the app must be registered in src/vant.ts (with its
// styles): an unregistered one would render as nothing, silently.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const src = new URL('.', import.meta.url).pathname

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.vue') ? [p] : []
  })
}
const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())

describe('vant registration', () => {
  it('registers every component the templates use, styles included', () => {
    const registry = readFileSync(join(src, 'vant.ts'), 'utf8')
    const used = new Set(files(src).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<van-([a-z-]+)/g)].map((m) => m[1])))
    expect(used.size).toBeGreaterThan(0)
    for (const tag of used) {
      expect(registry, `van-${tag} is not registered in src/vant.ts`).toMatch(new RegExp(`\\b${pascal(tag)}\\b`))
      expect(registry, `the styles of van-${tag} are not imported in src/vant.ts`).toContain(`'vant/es/${tag}/style/index'`)
    }
  })
})
