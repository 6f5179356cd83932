// An enterprise's application to train apprentices (申请开展企业新型学徒制, R5) as the phone puts it together: the
// enterprise (its staff's own, or one an official picks), the school it trains with when it names one (picked, or given
// by its credit code), the occupation, how many apprentices, the length, the start. It is due for acceptance by the end
// of the working day it arrives (即时受理) and is approved or rejected whole: the number applied for is never cut
// (不得刻意压缩规模), so nothing here offers to change it. Also: how the officials' queue is read.
import { codeField as contractCodeField, dayOK, monthsOf, occupationOK, partyProblems, type Lookups, type Problem } from './apprenticeship'
import { foundParty, lookable, type Party, type Side } from './parties'

export type { Problem }

/** The form as typed: the parties picked or given by their credit codes, and the rest as typed. */
export interface ApplicationDraft {
  enterprise: Party | null
  enterpriseCode: string
  school: Party | null
  schoolCode: string
  occupation: string
  apprentices: string
  months: string
  startsOn: string
}

export const blankApplication = (): ApplicationDraft => ({
  enterprise: null, enterpriseCode: '', school: null, schoolCode: '', occupation: '', apprentices: '', months: '', startsOn: '',
})

/** codeField is the field of the draft a party's credit code is typed in. */
export const codeField: (side: Side) => 'enterpriseCode' | 'schoolCode' = contractCodeField

/** The most apprentices one application may name (the server's bound). */
export const MAX_APPRENTICES = 100000

/** apprenticesOf reads the number of apprentices typed: a whole number 1 to 100000, or null. */
export function apprenticesOf(s: string): number | null {
  const t = s.trim()
  if (!/^\d{1,6}$/.test(t)) return null
  const n = Number(t)
  return n >= 1 && n <= MAX_APPRENTICES ? n : null
}

/** The fields the form shows messages beside: the names of applyForApprenticeship's input. */
export const APPLICATION_FIELDS = ['enterpriseID', 'schoolID', 'occupation', 'apprentices', 'months', 'startsOn'] as const

const partyOf = (d: ApplicationDraft, side: Side, found: Lookups): Party | null => {
  if (d[side]) return d[side]
  const code = lookable(d[codeField(side)])
  return code ? foundParty(side, found(code)) : null
}

/**
 * applicationProblems finds what the phone can see wrong (the server checks again): no enterprise, a credit code that
 * fails its check or names no party of its side (the school may be left out), no occupation or a long one, a number of
 * apprentices that is not a whole number from 1 to 100000, a length outside 1 to 48 months, no start date.
 */
export function applicationProblems(d: ApplicationDraft, found: Lookups): Problem[] {
  const out: Problem[] = [
    ...partyProblems(d.enterprise, d.enterpriseCode, 'enterprise', 'enterpriseID', found),
    ...partyProblems(d.school, d.schoolCode, 'school', 'schoolID', found, false),
  ]
  if (!occupationOK(d.occupation)) out.push({ field: 'occupation', key: 'apprenticeships.problems.occupation' })
  if (apprenticesOf(d.apprentices) === null) out.push({ field: 'apprentices', key: 'apprenticeshipApplications.problems.apprentices' })
  if (monthsOf(d.months) === null) out.push({ field: 'months', key: 'apprenticeships.problems.months' })
  if (!dayOK(d.startsOn)) out.push({ field: 'startsOn', key: 'apprenticeships.problems.startsOn' })
  return out
}

/** The application as applyForApprenticeship takes it. */
export interface ApplicationInput {
  enterpriseID: string
  schoolID: string | null
  occupation: string
  apprentices: number
  months: number
  startsOn: string
}

/** applicationInput is the application cleaned, the parties by id; null while something the server needs is not known. */
export function applicationInput(d: ApplicationDraft, found: Lookups): ApplicationInput | null {
  const e = partyOf(d, 'enterprise', found)
  const s = partyOf(d, 'school', found)
  const apprentices = apprenticesOf(d.apprentices)
  const months = monthsOf(d.months)
  if (!e?.id || apprentices === null || months === null) return null
  // A school's code typed but not (yet) found is not "no school".
  if (!d.school && d.schoolCode.trim() && !s?.id) return null
  return { enterpriseID: e.id, schoolID: s?.id ?? null, occupation: d.occupation.trim(), apprentices, months, startsOn: d.startsOn.trim() }
}

type State = 'SUBMITTED' | 'ACCEPTED' | 'APPROVED' | 'REJECTED'
/** How a list of applications is asked for: its filter and its order. */
export interface ListQuery {
  where: { state?: State; stateIn?: State[] } | null
  orderBy: { field: 'SUBMITTED_AT'; direction: 'ASC' | 'DESC' }
}

/**
 * The officials' queue, in the order they work it: the applications to accept (即时受理: the oldest, overdue ones first),
 * then those accepted and waiting for a decision (oldest first).
 */
export const QUEUE: readonly ListQuery[] = [
  { where: { state: 'SUBMITTED' }, orderBy: { field: 'SUBMITTED_AT', direction: 'ASC' } },
  { where: { state: 'ACCEPTED' }, orderBy: { field: 'SUBMITTED_AT', direction: 'ASC' } },
]
/** The applications decided (approved or rejected), newest first. */
export const DECIDED: ListQuery = { where: { stateIn: ['APPROVED', 'REJECTED'] }, orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' } }
/** An enterprise's own applications, newest first. */
export const OWN: ListQuery = { where: null, orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' } }

/** The tag each state of an application is shown with. */
export const stateType = (state: string): 'primary' | 'warning' | 'success' | 'danger' =>
  (({ SUBMITTED: 'warning', ACCEPTED: 'primary', APPROVED: 'success', REJECTED: 'danger' }) as Record<string, 'primary' | 'warning' | 'success' | 'danger'>)[state] ?? 'primary'

/** waitsForAcceptance says whether the application's acceptance clock (即时受理) runs: it is shown with its due time. */
export const waitsForAcceptance = (a: { state: string }) => a.state === 'SUBMITTED'
