// Each role's tab bar and home screen, for App.vue and the router alike.
import type { UserRole } from '../gql/graphql'

export interface Tab {
  to: string
  icon: string
  label: string
  /** Shows the number of unread notices as its badge. */
  unreadBadge?: boolean
  /** Shows the number of rejected evidence not yet uploaded again as its badge. */
  rejectedBadge?: boolean
  /** For institution staff, only those whose organisation is of one of these kinds (officials see it whatever). */
  kinds?: readonly string[]
}

const dashboard: Tab = { to: '/dashboard', icon: 'chart-trending-o', label: 'nav.dashboard' }
const classes: Tab = { to: '/classes', icon: 'notes-o', label: 'nav.classes' }
const applications: Tab = { to: '/applications', icon: 'balance-list-o', label: 'nav.applications' }
const uploads: Tab = { to: '/uploads', icon: 'upgrade', label: 'nav.uploads' }
const review: Tab = { to: '/review', icon: 'video-o', label: 'nav.review' }
const sample: Tab = { to: '/sample', icon: 'aim', label: 'nav.sample' }
const certificates: Tab = { to: '/certificates', icon: 'certificate', label: 'nav.certificates' }
const notices: Tab = { to: '/notices', icon: 'bell', label: 'nav.notices', unreadBadge: true }
const me: Tab = { to: '/me', icon: 'contact-o', label: 'nav.me' }
const funds: Tab = { to: '/funds', icon: 'balance-o', label: 'nav.funds' }
const onsite: Tab = { to: '/onsite', icon: 'location-o', label: 'nav.onsite' }
// 以工代训 county ledgers (R1): kept by the counties' officials, read and written by those above them.
const ledger: Tab = { to: '/ledger', icon: 'orders-o', label: 'nav.ledger' }
// 以工代训 monthly claims (R1): filed by the staff of an enterprise (on a county's ledger).
const claims: Tab = { to: '/claims', icon: 'gold-coin-o', label: 'nav.claims', kinds: ['ENTERPRISE'] }
// New-style apprenticeship contracts (R5): signed by an enterprise and a school (技师学院, 高级技工学校, 普通技工学校), whose
// staff enter and import them; officials read those of their region and follow the schools' yearly quotas.
export const SCHOOL_KINDS = ['TECHNICIAN_COLLEGE', 'SENIOR_TECHNICAL_SCHOOL', 'TECHNICAL_SCHOOL'] as const
const apprenticeships: Tab = { to: '/apprenticeships', icon: 'friends-o', label: 'nav.apprenticeships', kinds: ['ENTERPRISE', ...SCHOOL_KINDS] }
// Skill-level certification filings (R8): filed by enterprises, technician colleges and other schools, industry
// associations and training institutions; approved or returned by the officials of their city or the province.
export const FILING_ORG_KINDS = ['ENTERPRISE', ...SCHOOL_KINDS, 'INDUSTRY_ASSOCIATION', 'TRAINING_INSTITUTION'] as const
const certification: Tab = { to: '/certification', icon: 'medal-o', label: 'nav.certification', kinds: FILING_ORG_KINDS }
// Enterprises' applications to train apprentices (R5): an enterprise's staff apply, officials accept and decide.
const apprenticeshipApplications: Tab = { to: '/apprenticeship-applications', icon: 'todo-list-o', label: 'nav.apprenticeshipApplications', kinds: ['ENTERPRISE'] }
// Contracting (包干, R2): officials serve enterprises, visit them and confirm the five clears; the ledgers per city.
const contracting: Tab = { to: '/contracting', icon: 'cluster-o', label: 'nav.contracting' }
// R9: the ten-day reports, who has not reported, the monthly bulletin, the summons list and the backward schedule.
const reports: Tab = { to: '/reports', icon: 'newspaper-o', label: 'nav.reports' }
// The trainer's classes tab counts the evidence they have to upload again.
const trainerClasses: Tab = { ...classes, rejectedBadge: true }

interface Role {
  tabs: Tab[]
  /** The screen after sign-in, when it is not the first tab. */
  home?: string
  /** Opens new classes (for the user's own organisation). */
  createsClasses?: boolean
  /** Applies for subsidies (for the user's own organisation). */
  createsApplications?: boolean
  /** Screens reached from "me" when the tab bar (at most 5 tabs) has no room for them. */
  more?: Tab[]
}

const official: Role = {
  tabs: [dashboard, applications, classes, notices, me],
  more: [reports, review, onsite, funds, ledger, apprenticeships, apprenticeshipApplications, certification, contracting],
}
// Finance officers pay: the special account is their home, the applications handed over their queue.
const finance: Role = { tabs: [funds, applications, dashboard, notices, me] }

export const roles: Record<UserRole, Role> = {
  PROVINCE_ADMIN: official,
  REGION_OFFICIAL: official,
  FINANCE_OFFICER: finance,
  INSTITUTION_STAFF: { tabs: [trainerClasses, applications, uploads, notices, me], createsClasses: true, createsApplications: true,
    more: [claims, apprenticeships, apprenticeshipApplications, certification] },
  INSPECTOR: { tabs: [review, onsite, sample, me] },
  TRAINEE: { tabs: [classes, certificates, me], home: '/certificates' },
}

/** roleOf is the entry of a signed-in user's role; a role this app does not know gets only "me". */
export function roleOf(role: string): Role {
  return roles[role as UserRole] ?? { tabs: [me] }
}

/**
 * moreOf lists the screens a user reaches from "me": their role's; for institution staff, a screen meant for some kinds of
 * organisation (the 以工代训 claims and the apprenticeship applications for an enterprise, the apprenticeships for an
 * enterprise or a school, the certification filings for an organisation that may file) only when orgKind is one.
 */
export function moreOf(role: string, orgKind?: string | null): Tab[] {
  return (roleOf(role).more ?? []).filter((t) => !t.kinds || role !== 'INSTITUTION_STAFF' || (!!orgKind && t.kinds.includes(orgKind)))
}

/** partySide is the party of an apprenticeship contract an organisation of this kind signs as (R5), or null when it signs none. */
export function partySide(kind?: string | null): 'enterprise' | 'school' | null {
  if (kind === 'ENTERPRISE') return 'enterprise'
  return (SCHOOL_KINDS as readonly string[]).includes(kind ?? '') ? 'school' : null
}

/**
 * contractSigner says how a user signs new-style apprenticeship contracts (R5): as the enterprise or the school their
 * organisation is (its staff), for any two parties of their region (officials, who also follow its schools' quotas), or
 * not at all (null: an apprentice reads their own contracts only).
 */
export function contractSigner(role: string, orgKind?: string | null): 'enterprise' | 'school' | 'official' | null {
  if (roleOf(role) === official) return 'official'
  return role === 'INSTITUTION_STAFF' ? partySide(orgKind) : null
}

/**
 * filer says how a user takes part in skill-level certification filings (R8): as the staff of an organisation that files
 * ('staff': for their own organisation), as an official who reads their region's filings and (a city's or the
 * province's) approves or returns them ('official'), or not at all (null).
 */
export function filer(role: string, orgKind?: string | null): 'staff' | 'official' | null {
  if (roleOf(role) === official) return 'official'
  return role === 'INSTITUTION_STAFF' && (FILING_ORG_KINDS as readonly string[]).includes(orgKind ?? '') ? 'staff' : null
}

/**
 * applicant says how a user takes part in enterprises' applications to train apprentices (R5): an enterprise's staff
 * apply for it ('enterprise'), officials apply for one of their region and work the queue ('official'), others not (null).
 */
export function applicant(role: string, orgKind?: string | null): 'enterprise' | 'official' | null {
  if (roleOf(role) === official) return 'official'
  return role === 'INSTITUTION_STAFF' && orgKind === 'ENTERPRISE' ? 'enterprise' : null
}

/** homeOf is where a user of the role lands; with no role, the sign-in page. */
export function homeOf(role: string | undefined): string {
  if (role === undefined) return '/login'
  const r = roleOf(role)
  return r.home ?? r.tabs[0]!.to
}

/** hasNotices says whether the role has the notices inbox (and so its unread badge). */
export function hasNotices(role: string | undefined): boolean {
  return role !== undefined && roleOf(role).tabs.some((t) => t.unreadBadge)
}

/** hasRejectedBadge says whether the role's tabs show the count of rejected evidence to upload again. */
export function hasRejectedBadge(role: string | undefined): boolean {
  return role !== undefined && roleOf(role).tabs.some((t) => t.rejectedBadge)
}
