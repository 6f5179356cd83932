// Both languages have the same keys, and every key the screens use exists.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from './en-US'
import zh from './zh-CN'

type Tree = { [k: string]: string | Tree }
const keys = (o: Tree, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))

const src = new URL('..', import.meta.url).pathname
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return f === 'gql' ? [] : files(p)
    return /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') ? [p] : []
  })

describe('locales', () => {
  it('zh-CN and en-US have the same keys', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zh as Tree).sort())
  })
  it('every literal key the code asks for exists', () => {
    const all = new Set(keys(zh as Tree))
    const prefixes = new Set([...all].flatMap((k) => k.split('.').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('.') + '.')))
    for (const f of files(src)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'\s*(\+|[,)])/g)) {
        const [, key, next] = m
        // t('status.' + x): a prefix; t('nav.me'): a whole key.
        if (next === '+') expect(prefixes.has(key), `${f}: no keys under ${key}`).toBe(true)
        else expect(all.has(key), `${f}: missing key ${key}`).toBe(true)
      }
    }
  })
  it('no Chinese text outside the locale files', () => {
    for (const f of files(src)) {
      if (f.includes('/i18n/')) continue
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '').replace(/'中文'/g, '')
      expect(text.match(/[\u4e00-\u9fff]+/g), f).toBeNull()
    }
  })
})
