// Skill-level certification filings (职业技能等级认定备案, R8) as the phone puts them together: the kind of filing the
// organisation's own kind decides (never asked), the occupations with their levels (5 初级工 to 1 高级技师), the materials
// of the kind's checklist handed in item by item (checked here for type and size before they are sent; a file picked
// offline, or whose sending failed, waits on the phone and goes when it can), and what the officials see: the filings of
// their region with those filed (to decide) first, the missing items before they approve.
import { contentTypeOf } from '../upload/accept'

/** The kind of filing each kind of organisation makes (internal/certification Kinds); others do not certify. */
export const FILING_KINDS: Readonly<Record<string, string>> = {
  ENTERPRISE: 'ENTERPRISE',
  TECHNICIAN_COLLEGE: 'SCHOOL',
  SENIOR_TECHNICAL_SCHOOL: 'SCHOOL',
  TECHNICAL_SCHOOL: 'SCHOOL',
  INDUSTRY_ASSOCIATION: 'ASSOCIATION',
  TRAINING_INSTITUTION: 'TRAINING_INSTITUTION',
}

/** filingKindOf is the kind of filing an organisation of this kind makes, or null when it does not certify. */
export const filingKindOf = (orgKind?: string | null): 'ENTERPRISE' | 'SCHOOL' | 'ASSOCIATION' | 'TRAINING_INSTITUTION' | null =>
  (FILING_KINDS[orgKind ?? ''] as 'ENTERPRISE' | 'SCHOOL' | 'ASSOCIATION' | 'TRAINING_INSTITUTION' | undefined) ?? null

const COMMON = ['APPLICATION_FORM', 'LEGAL_REGISTRATION', 'WORK_PLAN', 'ASSESSORS', 'VENUE_EQUIPMENT', 'QUALITY_RULES'] as const
/**
 * The checklist of each kind of filing (the province's reference templates), as the server keeps it: shown before a new
 * filing is first saved; once it is, the server's checklist is the one shown.
 */
export const CHECKLISTS: Readonly<Record<string, readonly string[]>> = {
  ENTERPRISE: [...COMMON, 'STAFF_ROSTER'],
  SCHOOL: [...COMMON, 'SCHOOL_LICENCE'],
  ASSOCIATION: [...COMMON, 'INDUSTRY_STANDING'],
  TRAINING_INSTITUTION: [...COMMON, 'SCHOOL_LICENCE'],
}

/** The skill levels, from 五级（初级工） to 一级（高级技师）. */
export const LEVELS = [5, 4, 3, 2, 1] as const

/** An occupation as typed in the form, with the levels ticked. */
export interface OccupationRow {
  key: number
  occupation: string
  levels: number[]
}

let keys = 0
/** blankRow is an occupation not yet typed. */
export const blankRow = (): OccupationRow => ({ key: ++keys, occupation: '', levels: [] })

/** rowsOf are the form's rows of a filing's occupations (one blank row for a filing with none). */
export function rowsOf(occupations: readonly { occupation: string; levels: readonly number[] }[] | null | undefined): OccupationRow[] {
  const rows = (occupations ?? []).map((o) => ({ key: ++keys, occupation: o.occupation, levels: [...o.levels] }))
  return rows.length ? rows : [blankRow()]
}

/** A problem of the form: a key of the locale files with its values, and the row it is about (or none: the whole list). */
export interface Problem {
  row?: number
  key: string
  values?: Record<string, string>
}

const runes = (s: string) => [...s.trim()].length

/** The occupations as fileCertificationUnit takes them: names trimmed, blank rows left out, each row's levels from 5 down, each once. */
export function occupationsOf(rows: readonly OccupationRow[]): { occupation: string; levels: number[] }[] {
  return rows
    .filter((r) => r.occupation.trim() || r.levels.length)
    .map((r) => ({ occupation: r.occupation.trim(), levels: [...new Set(r.levels)].filter((l) => l >= 1 && l <= 5).sort((a, b) => b - a) }))
}

/**
 * problemsOf finds what the phone can see wrong with the occupations (the server checks again): none at all, a row
 * without its name or with a name over 64 characters, a name given twice, a row without levels. Rows left blank are
 * ignored.
 */
export function problemsOf(rows: readonly OccupationRow[]): Problem[] {
  const out: Problem[] = []
  const filled = rows.filter((r) => r.occupation.trim() || r.levels.length)
  if (!filled.length) return [{ key: 'certification.problems.none' }]
  const seen = new Set<string>()
  for (const r of filled) {
    const name = r.occupation.trim()
    if (!name || runes(name) > 64) out.push({ row: r.key, key: 'certification.problems.occupation' })
    else if (seen.has(name)) out.push({ row: r.key, key: 'certification.problems.twice', values: { name } })
    if (name) seen.add(name)
    if (!r.levels.length) out.push({ row: r.key, key: 'certification.problems.levels', values: { name: name || '—' } })
  }
  return out
}

/** sameOccupations says whether the rows say what a filing says (nothing to save). */
export function sameOccupations(rows: readonly OccupationRow[], saved: readonly { occupation: string; levels: readonly number[] }[] | null | undefined): boolean {
  const norm = (o: readonly { occupation: string; levels: readonly number[] }[]) => JSON.stringify(o.map((x) => [x.occupation.trim(), [...x.levels].sort()]))
  return norm(occupationsOf(rows)) === norm(saved ?? [])
}

/** The most a material may weigh (internal/certification/filing MaxMaterialSize). */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024

/** The content types a material may have: PDF, pictures from a phone, the Word and Excel files the templates come as. */
export const MATERIAL_TYPES = [
  'application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const

/** What the file picker offers for a material. */
export const MATERIAL_ACCEPT = `.pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.xlsx,${MATERIAL_TYPES.join(',')}`

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** materialType is a file's content type, its name telling what the phone did not (a .docx is not known to contentTypeOf). */
export function materialType(file: { type: string; name: string }): string {
  if (/\.docx$/i.test(file.name) && !file.type) return DOCX
  return contentTypeOf(file)
}

/** materialProblem says what keeps a file from being a material ('' when nothing does): empty, too big, not a type the server takes. */
export function materialProblem(file: { size: number; type: string; name: string }): '' | 'empty' | 'size' | 'type' {
  if (file.size <= 0) return 'empty'
  if (file.size > MAX_MATERIAL_BYTES) return 'size'
  return (MATERIAL_TYPES as readonly string[]).includes(materialType(file)) ? '' : 'type'
}

/** A file picked for a checklist item and not yet accepted by the server: waiting (offline, or for the draft), sending, or failed with the server's words. */
export interface Pending {
  key: number
  item: string
  file: File
  state: 'waiting' | 'sending' | 'failed'
  message?: string
}

/** sizeText shows a file's size the way people read it: 0.3 MB, 12 KB. */
export const sizeText = (bytes: number) => (bytes >= 100 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)

/** The tag each status of a filing is shown with. */
export const statusType = (status: string): 'default' | 'primary' | 'success' | 'danger' | 'warning' =>
  (({ DRAFT: 'default', FILED: 'primary', APPROVED: 'success', RETURNED: 'danger' }) as Record<string, 'default' | 'primary' | 'success' | 'danger'>)[status] ?? 'default'

/**
 * savesAsDraft says whether a filing may be saved as a draft without filing it: a new one or a draft. A returned one
 * is mended and filed again (the server refuses to turn it back into a draft); its materials are handed in meanwhile.
 */
export const savesAsDraft = (status?: string | null) => !status || status === 'DRAFT'

/** The officials' filters of their region's filings: those filed (to decide) first. */
export const OFFICIAL_FILTERS = ['FILED', 'RETURNED', 'APPROVED', 'ALL'] as const
export type OfficialFilter = (typeof OFFICIAL_FILTERS)[number]

/**
 * listOf is how a list of filings is asked for: an official's filter (those filed oldest first, the queue; the others
 * newest first), or a staff's own filings (newest first).
 */
export function listOf(filter: OfficialFilter | null): { where: { status?: 'FILED' | 'RETURNED' | 'APPROVED' } | null; orderBy: { field: 'CREATED_AT' | 'FILED_AT'; direction: 'ASC' | 'DESC' } } {
  if (filter === 'FILED') return { where: { status: 'FILED' }, orderBy: { field: 'FILED_AT', direction: 'ASC' } }
  if (filter === 'RETURNED' || filter === 'APPROVED') return { where: { status: filter }, orderBy: { field: 'CREATED_AT', direction: 'DESC' } }
  return { where: null, orderBy: { field: 'CREATED_AT', direction: 'DESC' } }
}
