import { afterEach, describe, expect, it } from 'vitest'
import { chinaYear } from './apprenticeship'
import { forgetServerTime, learnServerDay, learnServerTime, serverNow } from './serverClock'

const NOW = Date.parse('2026-12-29T10:00:00Z') // 18:00 in China, 29 December

describe('the server\'s clock as the phone learns it', () => {
  afterEach(forgetServerTime)

  it('is the phone\'s until an answer says otherwise', () => {
    expect(serverNow(NOW).getTime()).toBe(NOW)
  })

  it('takes an instant the server stamped as its now; a network\'s delay is no other clock', () => {
    learnServerTime('2026-12-29T10:00:40Z', NOW)
    expect(serverNow(NOW).getTime()).toBe(NOW)
    learnServerTime('2027-01-02T11:00:00Z', NOW) // moved on 97 hours
    expect(serverNow(NOW).toISOString()).toBe('2027-01-02T11:00:00.000Z')
    expect(chinaYear(serverNow(NOW))).toBe(2027)
    learnServerTime('not a time', NOW)
    expect(serverNow(NOW).toISOString()).toBe('2027-01-02T11:00:00.000Z')
  })

  it('takes a day the server gave as its today in whole days, keeping the phone\'s time of day', () => {
    learnServerDay('2026-12-29', NOW)
    expect(serverNow(NOW).getTime()).toBe(NOW)
    learnServerDay('2027-01-02', NOW)
    expect(serverNow(NOW).toISOString()).toBe('2027-01-02T10:00:00.000Z')
    expect(chinaYear(serverNow(NOW))).toBe(2027)
    // The same day again changes nothing; a malformed one is ignored.
    learnServerDay('2027-01-02', NOW)
    learnServerDay('2027-1-2', NOW)
    expect(serverNow(NOW).toISOString()).toBe('2027-01-02T10:00:00.000Z')
  })
})
