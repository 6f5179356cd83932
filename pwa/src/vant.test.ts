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
    // The shell's and public screens' components, and those loaded for the signed-in screens.
    const registry = ['vant.ts', 'vant-screens.ts'].map((f) => readFileSync(join(src, f), 'utf8')).join('\n')
    const used = new Set(files(src).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<van-([a-z-]+)/g)].map((m) => m[1])))
    expect(used.size).toBeGreaterThan(0)
    for (const tag of used) {
      expect(registry, `van-${tag} is not registered in src/vant.ts or src/vant-screens.ts`).toMatch(new RegExp(`\\b${pascal(tag)}\\b`))
      expect(registry, `the styles of van-${tag} are not imported in src/vant.ts or src/vant-screens.ts`).toContain(`'vant/es/${tag}/style/index'`)
    }
  })
})

describe('public screens', () => {
  it('use only the components registered at start (the others load with the first signed-in screen)', () => {
    const eager = readFileSync(join(src, 'vant.ts'), 'utf8')
    const router = readFileSync(join(src, 'router.ts'), 'utf8')
    // Routes marked public: true, their view imported lazily (import('./views/X.vue')) or by name.
    const byName = new Map([...router.matchAll(/import (\w+) from '\.\/(views\/\w+\.vue)'/g)].map((m) => [m[1], m[2]]))
    const views = [...router.matchAll(/component: (?:\(\) => import\('\.\/(views\/\w+\.vue)'\)|(\w+))[^\n]*public: true/g)].map((m) => m[1] ?? byName.get(m[2]))
    expect(views).toEqual(expect.arrayContaining(['views/Login.vue', 'views/Verify.vue', 'views/Publicity.vue']))
    for (const v of views) {
      for (const [, tag] of readFileSync(join(src, v), 'utf8').matchAll(/<van-([a-z-]+)/g)) {
        expect(eager, `${v} shows van-${tag}, which src/vant.ts does not register at start`).toContain(`'vant/es/${tag}/style/index'`)
      }
    }
  })
})
