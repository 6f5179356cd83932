// One home per rule: GraphQL documents live in src/graphql/ops.ts, and the
// screens follow the server's allowedActions and src/composables/roles.ts
// instead of testing states or roles themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const src = new URL('.', import.meta.url).pathname
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return f === 'gql' ? [] : files(p)
    return /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') ? [p] : []
  })

describe('one home per rule', () => {
  it('defines GraphQL documents only in src/graphql/ops.ts', () => {
    const elsewhere = files(src).filter((f) => !f.endsWith('graphql/ops.ts') && /\bgraphql\(|[`'"]\s*(query|mutation|subscription)\b/.test(readFileSync(f, 'utf8')))
    expect(elsewhere.map((f) => relative(src, f))).toEqual([])
  })

  it('gates no view on a class state or a role', () => {
    const gated = /\bcls\.status\s*[!=]==|\brole\s*[!=]==|'(DRAFT|SUBMITTED|APPROVED|IN_PROGRESS|INSTITUTION_STAFF|REGION_OFFICIAL|PROVINCE_ADMIN|FINANCE_OFFICER|INSPECTOR|TRAINEE)'/
    const views = files(join(src, 'views')).filter((f) => gated.test(readFileSync(f, 'utf8')))
    expect(views.map((f) => relative(src, f))).toEqual([])
  })
})
