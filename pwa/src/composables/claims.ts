// A 以工代训 monthly claim as the enterprise's staff put it together on the phone (R1): the month (one already begun,
// in China time), and the workers kept on, typed, pasted or read from a sheet. The phone checks what it can (a name,
// the ID number's check character, each number once); the server checks again and says the rest row by row.
import { chinaTime } from './chinaTime'
import { cleanID, idProblem, parseLines } from './input'

/** currentMonth is the month it is in China, as YYYY-MM. */
export const currentMonth = (now = new Date()): string => chinaTime(now.toISOString()).slice(0, 7)

/**
 * monthProblem says what is wrong with a claim's month, as a key of claims.monthProblems in the locale files ('' when
 * nothing is): not a month written YYYY-MM (2000 to 2100, as the server reads it), or one not begun yet in China.
 */
export function monthProblem(month: string, now = new Date()): '' | 'format' | 'future' {
  const m = /^(\d{4})-(\d{2})$/.exec(month.trim())
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100 || Number(m[2]) < 1 || Number(m[2]) > 12) return 'format'
  return month.trim() > currentMonth(now) ? 'future' : ''
}

/** recentMonths are the n months up to this one in China, newest first: those a claim is usually for. */
export function recentMonths(n: number, now = new Date()): string[] {
  const [y, m] = currentMonth(now).split('-').map(Number) as [number, number]
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - i
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
  })
}

/** monthParts splits YYYY-MM for a message such as "{year}年{month}月" (month without its leading zero). */
export function monthParts(month: string): { year: string; month: number; mm: string } {
  const [year = '', mm = ''] = month.split('-')
  return { year, month: Number(mm), mm }
}

/**
 * A problem of a worker's row: the field at fault and either a key of the locale files (found on the phone) or the
 * server's message (already in the user's language).
 */
export interface Problem {
  field: string
  key?: string
  message?: string
}

/** A worker of the claim being put together; row is the sheet's row (header = 1) when it came from a sheet. */
export interface Worker {
  key: number
  row?: number
  name: string
  idNumber: string
  /** Another enterprise claimed them for the month (the server said so for that month): held, not paid by this claim. */
  held: boolean
  problems: Problem[]
}

/**
 * problemsOf finds what the phone itself can see wrong with a worker (the server checks again): no name, an ID number
 * that fails its check (as a key of roster.idProblems), a number already in the list (others: the other rows).
 */
export function problemsOf(w: { name: string; idNumber: string }, others: { idNumber: string }[]): Problem[] {
  const problems: Problem[] = []
  if (!w.name.trim()) problems.push({ field: 'name', key: 'roster.nameMissing' })
  const p = idProblem(w.idNumber)
  if (p) problems.push({ field: 'idNumber', key: 'roster.idProblems.' + p })
  else if (others.some((o) => o.idNumber === w.idNumber)) problems.push({ field: 'idNumber', key: 'roster.duplicate' })
  return problems
}

/** masked shows a checked ID number by its ends only (a row to correct shows it whole). */
export const masked = (id: string): string => (id.length === 18 ? id.slice(0, 4) + '**********' + id.slice(14) : id)

/** pastedWorkers reads pasted or typed lines, one worker each: a name and an ID number (as parseLines reads them). */
export function pastedWorkers(text: string): { name: string; idNumber: string }[] {
  return parseLines(text).map((r) => ({ name: r.name, idNumber: cleanID(r.idNumber) }))
}

/** A row of the server's refusal (extensions.rows): row is 1-based in the list sent. */
export interface RefusedRow {
  row: number
  field: string
  message: string
}

/**
 * fileRefusal reads a refusal's extensions.rows (whatever the server sent) and files each message under the worker it
 * names (sent: the workers in the order they were sent), leaving everything typed as it was; it returns how many
 * messages it filed (0: the refusal named no row, to be shown as a whole).
 */
export function fileRefusal(sent: Worker[], rows: unknown): number {
  if (!Array.isArray(rows)) return 0
  let filed = 0
  for (const r of rows as Partial<RefusedRow>[]) {
    const w = typeof r?.row === 'number' ? sent[r.row - 1] : undefined
    if (!w || typeof r.message !== 'string') continue
    w.problems.push({ field: typeof r.field === 'string' ? r.field : '', message: r.message })
    filed++
  }
  return filed
}
