import { describe, expect, it } from 'vitest'
import { factWords, lastMonth, latestPeriod, periods, pct, points, previousPeriod, signed } from './reports'

describe('ten-day periods', () => {
  it('the period reported by a day', () => {
    expect(latestPeriod('2020-11-01')).toBe('2020-10-21')
    expect(latestPeriod('2020-10-10')).toBe('2020-09-21')
    expect(latestPeriod('2020-10-11')).toBe('2020-10-01')
    expect(latestPeriod('2020-10-21')).toBe('2020-10-11')
    expect(latestPeriod('2021-01-05')).toBe('2020-12-21')
  })
  it('walks back across months and years', () => {
    expect(previousPeriod('2020-10-01')).toBe('2020-09-21')
    expect(previousPeriod('2021-01-01')).toBe('2020-12-21')
    expect(periods('2020-10-11', 4)).toEqual(['2020-10-11', '2020-10-01', '2020-09-21', '2020-09-11'])
  })
  it('the bulletin covers the month before', () => {
    expect(lastMonth('2020-11-01')).toBe('2020-10')
    expect(lastMonth('2021-01-01')).toBe('2020-12')
  })
})

describe('figures', () => {
  it('percentages and differences', () => {
    expect(pct(0.78)).toBe('78.0%')
    expect(points(-0.28)).toBe('-28.0')
    expect(points(0.12)).toBe('+12.0')
    expect(signed(90)).toBe('+90')
    expect(signed(-3)).toBe('-3')
  })
  it('words a summons fact', () => {
    expect(factWords({ kind: 'TRAILING_TARGET', category: 'KEY_GROUP', completion: 0.5, elapsed: 0.78 })).toEqual({
      key: 'summons.fact.TRAILING_TARGET', params: { category: 'KEY_GROUP', completion: '50.0%', elapsed: '78.0%', count: 0, periods: '' },
    })
    expect(factWords({ kind: 'UNSUBMITTED_REPORTS', count: 1, periods: ['2020-10-11'] }).params.periods).toBe('2020-10-11')
  })
})
