import { describe, expect, it } from 'vitest'
import { shownCount } from './count'

describe('shownCount', () => {
  it('shows an exact count as it is', () => {
    expect(shownCount(970, true)).toBe('970')
    expect(shownCount(0, true)).toBe('0')
  })
  it('shows a count that reached the cap as a lower bound', () => {
    expect(shownCount(1000, false)).toBe('1000+')
  })
  it('takes a count without its exactness as exact', () => {
    expect(shownCount(12, undefined)).toBe('12')
  })
})
