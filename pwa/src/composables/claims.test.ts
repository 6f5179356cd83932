import { describe, expect, it } from 'vitest'
import { currentMonth, fileRefusal, masked, monthParts, monthProblem, pastedWorkers, problemsOf, recentMonths, type Worker } from './claims'

// 11010519491231002X is GB 11643's own example number.
const EXAMPLE = '11010519491231002X'

describe('the month of a claim', () => {
  it('is the month in China: from 16:00 UTC on the last day of a month, the next month there', () => {
    expect(currentMonth(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11')
    expect(currentMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12')
    expect(currentMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01')
  })
  it('is written YYYY-MM and has begun', () => {
    const now = new Date('2026-12-03T02:00:00Z')
    expect(monthProblem('2026-12', now)).toBe('')
    expect(monthProblem(' 2020-09 ', now)).toBe('')
    expect(monthProblem('2027-01', now)).toBe('future')
    // Begun in China while it is still the day before in UTC.
    expect(monthProblem('2027-01', new Date('2026-12-31T16:30:00Z'))).toBe('')
    for (const bad of ['', '2026-13', '2026-00', '2026-1', '26-12', '1999-12', '2026/12', '2026-12-01']) expect(monthProblem(bad, now), bad).toBe('format')
  })
  it('is picked among the months up to this one, newest first, across a new year', () => {
    expect(recentMonths(4, new Date('2027-01-31T17:00:00Z'))).toEqual(['2027-02', '2027-01', '2026-12', '2026-11'])
    expect(recentMonths(12, new Date('2026-12-03T02:00:00Z'))).toHaveLength(12)
    expect(recentMonths(12, new Date('2026-12-03T02:00:00Z')).at(-1)).toBe('2026-01')
    expect(monthParts('2026-05')).toEqual({ year: '2026', month: 5, mm: '05' })
  })
})

describe('the workers of a claim', () => {
  it('are checked on the phone: a name, the ID number and its check character, each number once', () => {
    expect(problemsOf({ name: '王五', idNumber: EXAMPLE }, [])).toEqual([])
    expect(problemsOf({ name: ' ', idNumber: '110105194912310021' }, [])).toEqual([
      { field: 'name', key: 'roster.nameMissing' },
      { field: 'idNumber', key: 'roster.idProblems.check' },
    ])
    expect(problemsOf({ name: '王五', idNumber: '1101051949' }, [])).toEqual([{ field: 'idNumber', key: 'roster.idProblems.length' }])
    expect(problemsOf({ name: '王五', idNumber: EXAMPLE }, [{ idNumber: EXAMPLE }])).toEqual([{ field: 'idNumber', key: 'roster.duplicate' }])
  })
  it('show a checked ID number by its ends only', () => {
    expect(masked(EXAMPLE)).toBe('1101**********002X')
    expect(masked('1101')).toBe('1101')
  })
  it('are pasted one a line, the ID number cleaned, a third column left out', () => {
    expect(pastedWorkers(`甲,${EXAMPLE}\n\n乙\t${EXAMPLE.toLowerCase()}\n丙 １１０１０５１９４９１２３１００２Ｘ 138 0013 8000`)).toEqual([
      { name: '甲', idNumber: EXAMPLE },
      { name: '乙', idNumber: EXAMPLE },
      { name: '丙', idNumber: EXAMPLE },
    ])
    expect(pastedWorkers('  \n')).toEqual([])
  })
  it('get the messages of a refused claim beside their rows (1-based in the list sent), nothing typed lost', () => {
    const w = (key: number, name: string): Worker => ({ key, name, idNumber: EXAMPLE, held: false, problems: [] })
    const sent = [w(1, '甲'), w(2, '乙'), w(3, '丙')]
    const filed = fileRefusal(sent, [
      { row: 2, field: 'name', message: '姓名与该身份证号登记的姓名不一致' },
      { row: 3, field: 'idNumber', message: '已在本企业2026-12的申请中' },
      { row: 9, field: 'name', message: 'no such row' },
      { field: 'name', message: 'no row at all' },
    ])
    expect(filed).toBe(2)
    expect(sent.map((s) => [s.name, s.idNumber, s.problems])).toEqual([
      ['甲', EXAMPLE, []],
      ['乙', EXAMPLE, [{ field: 'name', message: '姓名与该身份证号登记的姓名不一致' }]],
      ['丙', EXAMPLE, [{ field: 'idNumber', message: '已在本企业2026-12的申请中' }]],
    ])
    expect(fileRefusal(sent, undefined)).toBe(0)
    expect(fileRefusal(sent, 'rows')).toBe(0)
  })
})
