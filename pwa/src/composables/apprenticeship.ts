// A new-style apprenticeship contract (企业新型学徒制, R5) as the staff of an enterprise or of a school, or an official,
// put it together on the phone: the two parties (the staff's own organisation fixed as its party, the counterpart picked
// or given by its credit code), the apprentice (a name and an ID number, its check character verified here), the
// occupation, the level aimed at, the start, the length, the two tutors (企校双师) and whether the apprentice is a
// dispatched worker (劳务派遣工, whom R5 excludes: the server refuses them). The phone checks what it can; the server
// checks again and says the rest, field by field, in the user's language. Also: the schools' quota rows, lagging first.
import { chinaTime } from './chinaTime'
import { cleanCreditCode, cleanID, creditCodeProblem, idProblem } from './input'
import { SCHOOL_KINDS, contractSigner, partySide } from './roles'

export { SCHOOL_KINDS, contractSigner }

/** The two parties of a contract besides the apprentice. */
export type Side = 'enterprise' | 'school'

/** sideOf is the party an organisation of this kind signs as, or null when it signs no contract. */
export const sideOf: (kind?: string | null) => Side | null = partySide

/** other is the counterpart's side. */
export const other = (side: Side): Side => (side === 'enterprise' ? 'school' : 'enterprise')

/** kindsOf are the organisation kinds that may sign as side. */
export const kindsOf = (side: Side): ('ENTERPRISE' | (typeof SCHOOL_KINDS)[number])[] => (side === 'enterprise' ? ['ENTERPRISE'] : [...SCHOOL_KINDS])

/** The levels a contract may aim at, from 五级（初级工） to 一级（高级技师）. */
export const LEVELS = [5, 4, 3, 2, 1] as const

/** chinaDay is the day it is in China, YYYY-MM-DD. */
export const chinaDay = (now = new Date()): string => chinaTime(now.toISOString()).slice(0, 10)

/** chinaYear is the calendar year it is in China (the quotas' year, 年内). */
export const chinaYear = (now = new Date()): number => Number(chinaDay(now).slice(0, 4))

/** A party of the contract: an organisation picked from a list (its id, and its credit code when the list has it), or given by its credit code. */
export interface Party {
  id?: string
  name?: string
  creditCode?: string
}

/** The form as typed. For each side, a party picked (or the staff's own organisation) or else a credit code typed. */
export interface Draft {
  enterprise: Party | null
  enterpriseCode: string
  school: Party | null
  schoolCode: string
  name: string
  idNumber: string
  occupation: string
  level: number | null
  startsOn: string
  months: string
  enterpriseTutor: string
  schoolTutor: string
  dispatched: boolean
}

export const blankDraft = (): Draft => ({
  enterprise: null, enterpriseCode: '', school: null, schoolCode: '', name: '', idNumber: '', occupation: '', level: null,
  startsOn: '', months: '', enterpriseTutor: '', schoolTutor: '', dispatched: false,
})

/** The field of the form a party's problems go to: the names of signApprenticeshipContract's input. */
export const partyField = (side: Side) => (side === 'enterprise' ? 'enterpriseID' : 'schoolID')

/** partyOf is the party of a side: the one picked, else one given by the credit code typed (cleaned), else null. */
export function partyOf(d: Draft, side: Side): Party | null {
  const picked = d[side]
  if (picked) return picked
  const code = cleanCreditCode(d[side === 'enterprise' ? 'enterpriseCode' : 'schoolCode'])
  return code ? { creditCode: code } : null
}

/** A problem of a field: a key of the locale files (found on the phone) or the server's message (already in the user's language). */
export interface Problem {
  field: string
  key?: string
  message?: string
}

const dayOK = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim())
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}
const runes = (s: string) => [...s.trim()].length

/** monthsOf reads the length typed: a whole number of months 1 to 48, or null. */
export function monthsOf(s: string): number | null {
  const t = s.trim()
  if (!/^\d{1,2}$/.test(t)) return null
  const n = Number(t)
  return n >= 1 && n <= 48 ? n : null
}

/**
 * problemsOf finds what the phone itself can see wrong with the form (the server checks again): a party missing or a
 * credit code that fails its check (ledger.creditProblems), no name, an ID number that fails its check
 * (roster.idProblems), no occupation or a long one, no start date, a length outside 1 to 48 months, a long tutor's name.
 * A dispatched apprentice is no problem here: the form says beforehand that the server will refuse them.
 */
export function problemsOf(d: Draft): Problem[] {
  const out: Problem[] = []
  for (const side of ['enterprise', 'school'] as const) {
    const field = partyField(side)
    const p = partyOf(d, side)
    if (!p) out.push({ field, key: `apprenticeships.problems.${side}Missing` })
    else if (!p.id && p.creditCode) {
      const c = creditCodeProblem(p.creditCode)
      if (c) out.push({ field, key: 'ledger.creditProblems.' + c })
    }
  }
  if (!d.name.trim()) out.push({ field: 'name', key: 'roster.nameMissing' })
  const id = idProblem(cleanID(d.idNumber))
  if (id) out.push({ field: 'idNumber', key: 'roster.idProblems.' + id })
  if (!d.occupation.trim() || runes(d.occupation) > 64) out.push({ field: 'occupation', key: 'apprenticeships.problems.occupation' })
  if (!dayOK(d.startsOn)) out.push({ field: 'startsOn', key: 'apprenticeships.problems.startsOn' })
  if (monthsOf(d.months) === null) out.push({ field: 'months', key: 'apprenticeships.problems.months' })
  for (const f of ['enterpriseTutor', 'schoolTutor'] as const) if (runes(d[f]) > 64) out.push({ field: f, key: 'apprenticeships.problems.tutor' })
  return out
}

/** The contract as signApprenticeshipContract takes it (both parties known by id). */
export interface SignInput {
  enterpriseID: string
  schoolID: string
  apprentice: { name: string; idNumber: string }
  occupation: string
  level: number | null
  startsOn: string
  months: number
  enterpriseTutor: string | null
  schoolTutor: string | null
  dispatched: boolean
}

/**
 * How the contract is sent: by signApprenticeshipContract when both parties are known by id; otherwise (a counterpart
 * given by its credit code, which its staff cannot look up) as a one-row sheet through importApprenticeshipContracts,
 * which finds the parties by their credit codes and signs all-or-nothing the same way; null when neither can be sent.
 */
export type Sending = { by: 'sign'; input: SignInput } | { by: 'sheet'; csv: string }

export function sending(d: Draft): Sending | null {
  const e = partyOf(d, 'enterprise')
  const s = partyOf(d, 'school')
  const months = monthsOf(d.months)
  if (!e || !s || months === null) return null
  const tutor = (t: string) => t.trim() || null
  const input: SignInput = {
    enterpriseID: e.id ?? '', schoolID: s.id ?? '', apprentice: { name: d.name.trim(), idNumber: cleanID(d.idNumber) }, occupation: d.occupation.trim(),
    level: d.level, startsOn: d.startsOn.trim(), months, enterpriseTutor: tutor(d.enterpriseTutor), schoolTutor: tutor(d.schoolTutor), dispatched: d.dispatched,
  }
  if (e.id && s.id) return { by: 'sign', input }
  if (e.creditCode && s.creditCode) return { by: 'sheet', csv: contractSheet(input, e.creditCode, s.creditCode) }
  return null
}

/** The sheet's headers, as the server reads them (its English aliases: internal/apprenticeship contractColumns). */
export const SHEET_COLUMNS = [
  'enterprise_credit_code', 'school_credit_code', 'name', 'id_number', 'occupation', 'level', 'starts_on', 'months', 'enterprise_tutor', 'school_tutor', 'dispatched',
] as const

/** csvCell quotes a cell when it holds a comma, a quote or a line break (RFC 4180). */
export const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** contractSheet is a one-row CSV of the contract, its parties by credit code (the header is row 1, the contract row 2). */
export function contractSheet(k: SignInput, enterpriseCode: string, schoolCode: string): string {
  const cells = [
    enterpriseCode, schoolCode, k.apprentice.name, k.apprentice.idNumber, k.occupation, k.level === null ? '' : String(k.level), k.startsOn,
    String(k.months), k.enterpriseTutor ?? '', k.schoolTutor ?? '', k.dispatched ? 'yes' : 'no',
  ]
  return `${SHEET_COLUMNS.join(',')}\r\n${cells.map(csvCell).join(',')}\r\n`
}

/** fieldOfColumn names the form's field a column of a sheet's report is about (the parties by their ids' names). */
export function fieldOfColumn(column: string | null | undefined): string {
  if (column === 'enterprise') return 'enterpriseID'
  if (column === 'school') return 'schoolID'
  return column ?? ''
}

/** A refusal sorted out: messages beside the fields of the form, and those about no field of it (shown above the button). */
export interface Refusal {
  fields: Record<string, string[]>
  general: string[]
}

/** The fields the form shows messages beside. */
export const FIELDS = ['enterpriseID', 'schoolID', 'name', 'idNumber', 'occupation', 'level', 'startsOn', 'months', 'enterpriseTutor', 'schoolTutor', 'dispatched'] as const

function file(r: Refusal, field: string, message: string) {
  const list = (FIELDS as readonly string[]).includes(field) ? (r.fields[field] ??= []) : r.general
  if (!list.includes(message)) list.push(message)
}

/**
 * refusalOf sorts out what the server said of a refused contract: the rows of signApprenticeshipContract's refusal
 * (extensions.rows: row, field, message), the field of a refusal about one field (extensions.field and its message), or
 * the errors of the one-row sheet's report (row, column, message). Whatever is about no field of the form is general.
 */
export function refusalOf(said: { rows?: unknown; field?: unknown; message?: string; report?: { column?: string | null; message: string }[] }): Refusal {
  const r: Refusal = { fields: {}, general: [] }
  if (Array.isArray(said.rows)) {
    for (const x of said.rows as { field?: unknown; message?: unknown }[]) if (typeof x?.message === 'string') file(r, typeof x.field === 'string' ? x.field : '', x.message)
  }
  for (const e of said.report ?? []) file(r, fieldOfColumn(e.column), e.message)
  if (said.message && typeof said.field === 'string' && said.field) file(r, said.field, said.message)
  return r
}

/** A contract as the list shows it. */
export interface ContractRow {
  enterpriseID: string
  enterpriseName: string
  schoolID: string
  schoolName: string
}

/**
 * counterpartsOf are the organisations of a side met in contracts (newest first, each once): a party's staff read no
 * other organisation, so the counterparts they signed with before are the ones they can pick again by name.
 */
export function counterpartsOf(contracts: ContractRow[], side: Side): Party[] {
  const seen = new Set<string>()
  const out: Party[] = []
  for (const c of contracts) {
    const id = side === 'enterprise' ? c.enterpriseID : c.schoolID
    if (seen.has(id)) continue
    seen.add(id)
    out.push({ id, name: side === 'enterprise' ? c.enterpriseName : c.schoolName })
  }
  return out
}

/** choices merges the organisations read (with their credit codes) and those met in contracts, each once, the first kept, by name. */
export function choices(read: Party[], met: Party[], q = ''): Party[] {
  const byID = new Map<string, Party>()
  for (const p of [...read, ...met]) if (p.id && !byID.has(p.id)) byID.set(p.id, p)
  const needle = q.trim()
  return [...byID.values()].filter((p) => !needle || (p.name ?? '').includes(needle)).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'))
}

/** A school's quota row. */
export interface QuotaRow {
  school: { id: string; name: string }
  quota: number
  signed: number
  lagging: boolean
}

/** laggingFirst orders quota rows for a region's officials: the schools trailing the year first, each group as the server gave it (by name). */
export function laggingFirst<T extends QuotaRow>(rows: T[]): T[] {
  return [...rows.filter((r) => r.lagging), ...rows.filter((r) => !r.lagging)]
}

/** quotaPercent is how much of its quota a school signed, 0 to 100 (a whole number, for a progress bar). */
export const quotaPercent = (r: { quota: number; signed: number }): number => (r.quota > 0 ? Math.min(100, Math.floor((r.signed * 100) / r.quota)) : 0)

/** quotaShare is how much of its quota a school signed, in percent with one decimal (floored; past 100 when it signed more): 4 of 500 is "0.8". */
export const quotaShare = (r: { quota: number; signed: number }): string => (r.quota > 0 ? (Math.floor((r.signed * 1000) / r.quota) / 10).toFixed(1) : '0.0')
