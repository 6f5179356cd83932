// The server's notion of now, as far as the phone has seen it: the rules (a school's quota year, 年内) run on the
// server's clock, which may differ from the phone's (a phone set wrong; a test server whose clock was moved on). Each
// answer that carries the server's "now" (a contract's day of signing, an application's time of submission, a filing's
// time of filing or decision) teaches the phone the difference; until one has, the phone's own clock stands.
const KEY = 'bairi-server-offset'
/** Differences of less than this are the network's delay, not another clock. */
const SLACK = 2 * 60_000
const DAY = 86_400_000

let offset = read()
function read(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(KEY) ?? 0)
    return Number.isFinite(n) ? n : 0
  } catch {
    return 0
  }
}
function keep(ms: number) {
  offset = ms
  try {
    globalThis.localStorage?.setItem(KEY, String(ms))
  } catch {
    /* the difference lives as long as the page */
  }
}

/** chinaDayOf is the day it is in China at ms (YYYY-MM-DD). */
const chinaDayOf = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)

/** learnServerTime takes an instant the server just stamped with its now (RFC 3339) as the server's time. */
export function learnServerTime(iso: string | null | undefined, now = Date.now()) {
  const at = iso ? Date.parse(iso) : NaN
  if (Number.isNaN(at)) return
  keep(Math.abs(at - now) < SLACK ? 0 : at - now)
}

/**
 * learnServerDay takes a day the server just gave as its today (YYYY-MM-DD, China time): when it is not the day the
 * phone reckons with, the difference is taken in whole days (the time of day is the phone's).
 */
export function learnServerDay(day: string | null | undefined, now = Date.now()) {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return
  if (chinaDayOf(now + offset) === day) return
  keep(Math.round((Date.parse(day) - Date.parse(chinaDayOf(now))) / DAY) * DAY)
}

/** serverNow is the server's now as far as the phone knows it. */
export const serverNow = (now = Date.now()) => new Date(now + offset)

/** forgetServerTime goes back to the phone's own clock (tests; signing out keeps it: it is the server's, not the user's). */
export function forgetServerTime() {
  keep(0)
}
