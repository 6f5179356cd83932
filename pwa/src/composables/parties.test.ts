import { describe, expect, it } from 'vitest'
import { codeProblem, foundParty, lookable, partyLookup, type ContractParty, type Found } from './parties'

const ENTERPRISE = '91410100100012340E'
const college: ContractParty = { id: 's9', name: '洛阳技师学院', kind: 'TECHNICIAN_COLLEGE', regionName: '洛阳市' }

describe('a party named by its credit code', () => {
  it('is asked about once the code passes its check (cleaned: full-width, spaces, lower case)', () => {
    expect(lookable(' ９１４１０１００１０００１２３４０e ')).toBe(ENTERPRISE)
    expect(lookable(ENTERPRISE.slice(0, 17))).toBeNull()
    expect(lookable(ENTERPRISE.slice(0, 17) + 'A')).toBeNull()
    expect(lookable('')).toBeNull()
  })

  it('is looked up once per code; an answer is kept, a failure asked again', async () => {
    const asked: string[] = []
    let fail = true
    const l = partyLookup(async (code) => {
      asked.push(code)
      if (code === 'X' && fail) throw new Error('offline')
      return code === ENTERPRISE ? { id: 'e1', name: '郑州公司', kind: 'ENTERPRISE', regionName: '郑州市' } : null
    }, () => '无法连接服务器')
    const [a, b] = await Promise.all([l.look(ENTERPRISE), l.look(ENTERPRISE)])
    expect(a).toEqual(b)
    expect(a).toEqual({ state: 'found', party: { id: 'e1', name: '郑州公司', kind: 'ENTERPRISE', regionName: '郑州市' } })
    await l.look(ENTERPRISE)
    expect(asked).toEqual([ENTERPRISE])
    expect(await l.look('Y')).toEqual({ state: 'found', party: null })
    expect(await l.look('X')).toEqual({ state: 'failed', message: '无法连接服务器' })
    expect(l.found.get('X')).toEqual({ state: 'failed', message: '无法连接服务器' })
    fail = false
    expect(await l.look('X')).toEqual({ state: 'found', party: null })
    expect(asked).toEqual([ENTERPRISE, 'Y', 'X', 'X'])
  })

  it('counts only when it is of the side\'s kinds', () => {
    const found: Found = { state: 'found', party: college }
    expect(foundParty('school', found)).toEqual({ id: 's9', name: '洛阳技师学院', regionName: '洛阳市' })
    expect(foundParty('enterprise', found)).toBeNull()
    expect(foundParty('school', { state: 'found', party: null })).toBeNull()
    expect(foundParty('school', { state: 'looking' })).toBeNull()
    expect(foundParty('school', undefined)).toBeNull()
  })

  it('says what is wrong: the check, the look-up under way or failed, none, the wrong kind', () => {
    expect(codeProblem('enterprise', ENTERPRISE.slice(0, 10), undefined)).toEqual({ key: 'ledger.creditProblems.length' })
    expect(codeProblem('enterprise', ENTERPRISE, undefined)).toEqual({ key: 'parties.looking' })
    expect(codeProblem('enterprise', ENTERPRISE, { state: 'looking' })).toEqual({ key: 'parties.looking' })
    expect(codeProblem('enterprise', ENTERPRISE, { state: 'failed', message: '无法连接服务器' })).toEqual({ message: '无法连接服务器' })
    expect(codeProblem('enterprise', ENTERPRISE, { state: 'found', party: null })).toEqual({ key: 'parties.none.enterprise' })
    expect(codeProblem('enterprise', ENTERPRISE, { state: 'found', party: college })).toEqual({ key: 'parties.wrongKind.enterprise', values: { name: '洛阳技师学院' } })
    expect(codeProblem('school', ENTERPRISE, { state: 'found', party: college })).toBeNull()
  })
})
