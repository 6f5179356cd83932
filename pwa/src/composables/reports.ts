// The arithmetic of the report screens (R9): the ten-day periods, the month a bulletin covers, percentages and the
// summons facts' wording keys. Pure, so that it is unit-tested; the rules themselves stay on the server.

/** pad2 writes a month or day with two digits. */
const pad2 = (n: number) => String(n).padStart(2, '0')

/** ymd writes a date as YYYY-MM-DD. */
export const ymd = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`

/**
 * latestPeriod is the first day of the last ten-day period reported by `today` (YYYY-MM-DD, China time): on the 1st,
 * 11th and 21st the ten days before are reported (the 21st of the month before, the 1st, the 11th).
 */
export function latestPeriod(today: string): string {
  const [y, m, d] = today.split('-').map(Number)
  if (d >= 21) return ymd(y, m, 11)
  if (d >= 11) return ymd(y, m, 1)
  return m === 1 ? ymd(y - 1, 12, 21) : ymd(y, m - 1, 21)
}

/** previousPeriod is the first day of the period before the one starting on `start`. */
export function previousPeriod(start: string): string {
  const [y, m, d] = start.split('-').map(Number)
  if (d === 21) return ymd(y, m, 11)
  if (d === 11) return ymd(y, m, 1)
  return m === 1 ? ymd(y - 1, 12, 21) : ymd(y, m - 1, 21)
}

/** periods lists the first days of the `n` periods up to the one starting on `start`, newest first. */
export function periods(start: string, n: number): string[] {
  const out = [start]
  while (out.length < n) out.push(previousPeriod(out[out.length - 1]))
  return out
}

/** lastMonth is the month (YYYY-MM) a bulletin issued in the month of `today` covers: the month before. */
export function lastMonth(today: string): string {
  const [y, m] = today.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${pad2(m - 1)}`
}

/** pct writes a share (0.78) as a percentage with one decimal (78.0%). */
export const pct = (x: number) => `${(100 * x).toFixed(1)}%`

/** points writes a gap between shares (-0.28) in percentage points, signed (-28.0). */
export const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`

/** signed writes a difference with its sign (+90, -3, 0). */
export const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

/** Money counters of a ten-day report are in fen. */
export const isMoney = (category: string) => category === 'FUND_SPENDING' || category === 'FUND_ALLOCATED'

export interface Fact {
  kind: string
  category?: string | null
  completion?: number | null
  elapsed?: number | null
  count?: number | null
  periods?: string[] | null
}

/** factKey is the i18n key that words a summons fact (summons.fact.TRAILING_TARGET …), and its parameters. */
export function factWords(f: Fact): { key: string; params: Record<string, string | number> } {
  return {
    key: 'summons.fact.' + f.kind,
    params: {
      category: f.category ?? '', completion: pct(f.completion ?? 0), elapsed: pct(f.elapsed ?? 0), count: f.count ?? 0,
      periods: (f.periods ?? []).join('、'),
    },
  }
}
