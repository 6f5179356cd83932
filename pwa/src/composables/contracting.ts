// 包干 (contracting, R2) as the screens show it: the five clears in the notice's order, where an enterprise's
// visits stand, a ledger's state as a tag, today's date in China for a new visit, and the photos of a visit
// still in the upload queue. The rules themselves are the server's (internal/contractrule).
import type { Job } from '../upload/uploader'

/** The five clears (五清) in the notice's order. */
export const FIVE_CLEARS = ['ELIGIBLE_STAFF', 'CLASS_PLAN', 'TRAINEE_COUNT', 'ASSESSMENT', 'SUBSIDY'] as const

/** clearsDone counts the confirmed items of a checklist. */
export function clearsDone(checks: readonly { confirmation?: unknown | null }[]): number {
  return checks.filter((c) => c.confirmation).length
}

/** visitTag is the tag type of an enterprise's visit state: done green, due orange, none grey. */
export function visitTag(state: string): 'success' | 'warning' | 'default' {
  return state === 'DONE' ? 'success' : state === 'DUE' ? 'warning' : 'default'
}

/** ledgerTag is the tag type of a ledger's state: late or overdue red, complete green, open orange. */
export function ledgerTag(state: string): 'success' | 'warning' | 'danger' | 'default' {
  switch (state) {
    case 'COMPLETE': return 'success'
    case 'LATE': case 'OVERDUE': return 'danger'
    case 'OPEN': return 'warning'
  }
  return 'default'
}

/** lateFirst orders ledgers overdue, late, open, complete, empty; then by region code. */
export function lateFirst<T extends { state: string; region: { code: string } }>(ls: readonly T[]): T[] {
  const rank = ['OVERDUE', 'LATE', 'OPEN', 'COMPLETE', 'EMPTY']
  return [...ls].sort((a, b) => rank.indexOf(a.state) - rank.indexOf(b.state) || a.region.code.localeCompare(b.region.code))
}

const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** chinaToday is today's date in China as YYYY-MM-DD (a visit's default day). */
export function chinaToday(now = new Date()): string {
  return day.format(now)
}

/** visitPhotos are the upload jobs of the photos of these visits that storage has not verified yet. */
export function visitPhotos<J extends Pick<Job, 'state' | 'input'>>(jobs: readonly J[], visitIDs: readonly string[]): J[] {
  return jobs.filter((j) => j.input.enterpriseVisitID && visitIDs.includes(j.input.enterpriseVisitID) && j.state !== 'verified')
}
