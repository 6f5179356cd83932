// A new-style apprenticeship contract (企业新型学徒制, R5) as the staff of an enterprise or of a school, or an official,
// put it together on the phone: the two parties (the staff's own organisation fixed as its party, the counterpart picked
// or given by its credit code), the apprentice (a name and an ID number, its check character verified here), the
// occupation, the level aimed at, the start, the length, the two tutors (企校双师) and whether the apprentice is a
// dispatched worker (劳务派遣工, whom R5 excludes: the server refuses them). The phone checks what it can; the server
// checks again and says the rest, field by field, in the user's language. Also: the schools' quota rows, lagging first.
import { chinaTime } from './chinaTime'
import { cleanCreditCode, cleanID, idProblem } from './input'
import { codeProblem, foundParty, kindsOf, lookable, other, type Found, type Party, type Side } from './parties'
import { SCHOOL_KINDS, contractSigner, partySide } from './roles'

export { SCHOOL_KINDS, contractSigner, kindsOf, other, type Party, type Side }
export { choices, counterpartsOf, type ContractRow } from './parties'

/** sideOf is the party an organisation of this kind signs as, or null when it signs no contract. */
export const sideOf: (kind?: string | null) => Side | null = partySide

/** The levels a contract may aim at, from 五级（初级工） to 一级（高级技师）. */
export const LEVELS = [5, 4, 3, 2, 1] as const

/** chinaDay is the day it is in China, YYYY-MM-DD. */
export const chinaDay = (now = new Date()): string => chinaTime(now.toISOString()).slice(0, 10)

/** chinaYear is the calendar year it is in China (the quotas' year, 年内). */
export const chinaYear = (now = new Date()): number => Number(chinaDay(now).slice(0, 4))

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

/** codeField is the field of the draft a party's credit code is typed in. */
export const codeField = (side: Side) => (side === 'enterprise' ? 'enterpriseCode' : 'schoolCode')

/** Looks up what the server said of a credit code (parties.partyLookup's found.get); by default nothing was asked. */
export type Lookups = (code: string) => Found | undefined
const noLookups: Lookups = () => undefined

/** partyOf is the party of a side: the one picked, else the one the server found by the credit code typed (of the side's kinds), else null. */
export function partyOf(d: Draft, side: Side, found: Lookups = noLookups): Party | null {
  const picked = d[side]
  if (picked) return picked
  const code = lookable(d[codeField(side)])
  return code ? foundParty(side, found(code)) : null
}

/** A problem of a field: a key of the locale files (found on the phone) with its values, or the server's words. */
export interface Problem {
  field: string
  key?: string
  values?: Record<string, string>
  message?: string
}

/**
 * partyProblems finds what is wrong with the party of a side: none picked and no credit code typed (when required), or a
 * credit code that fails its check, is not yet looked up, names no enterprise or school, or one of the other side's kinds.
 */
export function partyProblems(picked: Party | null, typed: string, side: Side, field: string, found: Lookups, required = true): Problem[] {
  if (picked) return []
  const code = cleanCreditCode(typed)
  if (!code) return required ? [{ field, key: `apprenticeships.problems.${side}Missing` }] : []
  const p = codeProblem(side, code, found(code))
  return p ? [{ field, ...p }] : []
}

/** dayOK says whether a day typed is a real day written YYYY-MM-DD. */
export const dayOK = (s: string) => {
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

/** occupationOK says whether an occupation typed is 1 to 64 characters. */
export const occupationOK = (s: string) => !!s.trim() && runes(s) <= 64

/**
 * problemsOf finds what the phone itself can see wrong with the form (the server checks again): a party missing, a
 * credit code that fails its check or names no party of its side (partyProblems), no name, an ID number that fails its
 * check (roster.idProblems), no occupation or a long one, no start date, a length outside 1 to 48 months, a long tutor's
 * name. A dispatched apprentice is no problem here: the form says beforehand that the server will refuse them.
 */
export function problemsOf(d: Draft, found: Lookups = noLookups): Problem[] {
  const out: Problem[] = []
  for (const side of ['enterprise', 'school'] as const) out.push(...partyProblems(d[side], d[codeField(side)], side, partyField(side), found))
  if (!d.name.trim()) out.push({ field: 'name', key: 'roster.nameMissing' })
  const id = idProblem(cleanID(d.idNumber))
  if (id) out.push({ field: 'idNumber', key: 'roster.idProblems.' + id })
  if (!occupationOK(d.occupation)) out.push({ field: 'occupation', key: 'apprenticeships.problems.occupation' })
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
 * sending is the contract as signApprenticeshipContract takes it, cleaned, both parties by id (a party given by its
 * credit code by the id the server found for it); null while a party or the length is not known.
 */
export function sending(d: Draft, found: Lookups = noLookups): SignInput | null {
  const e = partyOf(d, 'enterprise', found)
  const s = partyOf(d, 'school', found)
  const months = monthsOf(d.months)
  if (!e?.id || !s?.id || months === null) return null
  const tutor = (t: string) => t.trim() || null
  return {
    enterpriseID: e.id, schoolID: s.id, apprentice: { name: d.name.trim(), idNumber: cleanID(d.idNumber) }, occupation: d.occupation.trim(),
    level: d.level, startsOn: d.startsOn.trim(), months, enterpriseTutor: tutor(d.enterpriseTutor), schoolTutor: tutor(d.schoolTutor), dispatched: d.dispatched,
  }
}

/** A refusal sorted out: messages beside the fields of the form, and those about no field of it (shown above the button). */
export interface Refusal {
  fields: Record<string, string[]>
  general: string[]
}

/** The fields the contract form shows messages beside. */
export const FIELDS = ['enterpriseID', 'schoolID', 'name', 'idNumber', 'occupation', 'level', 'startsOn', 'months', 'enterpriseTutor', 'schoolTutor', 'dispatched'] as const

/**
 * refusalOf sorts out what the server said of a refused form: the rows of a refusal (extensions.rows: row, field,
 * message), or the field of a refusal about one field (extensions.field and its message). Whatever is about none of
 * the form's fields (by default the contract form's) is general.
 */
export function refusalOf(said: { rows?: unknown; field?: unknown; message?: string }, fields: readonly string[] = FIELDS): Refusal {
  const r: Refusal = { fields: {}, general: [] }
  const file = (field: string, message: string) => {
    const list = fields.includes(field) ? (r.fields[field] ??= []) : r.general
    if (!list.includes(message)) list.push(message)
  }
  if (Array.isArray(said.rows)) {
    for (const x of said.rows as { field?: unknown; message?: unknown }[]) if (typeof x?.message === 'string') file(typeof x.field === 'string' ? x.field : '', x.message)
  }
  if (said.message && typeof said.field === 'string' && said.field) file(said.field, said.message)
  return r
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
