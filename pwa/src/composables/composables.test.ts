// @vitest-environment happy-dom
// The composables: online state from the browser's events, one loading and
// error state per screen, and the role table behind the tab bar and home().
import { createApp, defineComponent, nextTick, type Ref } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, session, signIn, signOut } from '../api/session'
import { i18n } from '../i18n'
import { home } from '../router'
import { chinaTime, yuan } from './chinaTime'
import { byDue, nextDue } from './clocks'
import { fenOf, useIntentKeys } from './money'
import { applicant, filer, hasNotices, hasRejectedBadge, homeOf, moreOf, roleOf, roles } from './roles'
import { useOnline } from './useOnline'
import { useQueryState } from './useQueryState'

describe('useOnline', () => {
  it('follows online and offline events while mounted, and stops listening when unmounted', async () => {
    let online!: Ref<boolean>
    const app = createApp(defineComponent({ setup: () => ((online = useOnline()), () => null) }))
    app.mount(document.createElement('div'))
    expect(online.value).toBe(true)
    window.dispatchEvent(new Event('offline'))
    expect(online.value).toBe(false)
    window.dispatchEvent(new Event('online'))
    expect(online.value).toBe(true)
    app.unmount()
    window.dispatchEvent(new Event('offline'))
    await nextTick()
    expect(online.value).toBe(true)
  })
})

describe('useQueryState', () => {
  it('is loading while the call runs, and clears the last error', async () => {
    const { loading, error, run } = useQueryState()
    error.value = 'old'
    let release!: (v: number) => void
    const p = run(() => new Promise<number>((r) => (release = r)))
    expect(loading.value).toBe(true)
    expect(error.value).toBe('')
    release(7)
    expect(await p).toBe(7)
    expect(loading.value).toBe(false)
  })

  it('shows the failure in words: the server message for a conflict, a network text otherwise', async () => {
    const { loading, error, run } = useQueryState()
    expect(await run(() => Promise.reject(new ApiError('class is not a draft', 'CONFLICT')))).toBeUndefined()
    expect(error.value).toBe('class is not a draft')
    expect(loading.value).toBe(false)
    await run(() => Promise.reject(new TypeError('Failed to fetch')))
    expect(error.value).toBe(i18n.global.t('errors.NETWORK'))
  })
})

describe('roles', () => {
  afterEach(() => signOut())
  // What users see today; a change here is a change of the app's behaviour.
  const homes: Record<string, string> = {
    PROVINCE_ADMIN: '/dashboard', REGION_OFFICIAL: '/dashboard', FINANCE_OFFICER: '/funds',
    INSTITUTION_STAFF: '/classes', INSPECTOR: '/review', TRAINEE: '/certificates',
  }

  it.each(Object.keys(roles))('%s lands on its home, which is one of its tabs (the first unless named)', (role) => {
    signIn({ accessToken: 'a', refreshToken: 'r', user: { id: '1', username: 'u', displayName: 'U', role } })
    const entry = roleOf(role)
    expect(home()).toBe(homes[role])
    expect(home()).toBe(entry.home ?? entry.tabs[0]!.to)
    expect(entry.tabs.map((t) => t.to)).toContain(home())
    expect(entry.tabs.at(-1)!.to).toBe('/me')
  })

  it('gives officials and institution staff the notices inbox, with its unread badge, just before "me"', () => {
    const withInbox = Object.keys(roles).filter(hasNotices).sort()
    expect(withInbox).toEqual(['FINANCE_OFFICER', 'INSTITUTION_STAFF', 'PROVINCE_ADMIN', 'REGION_OFFICIAL'])
    for (const role of withInbox) expect(roleOf(role).tabs.at(-2)).toMatchObject({ to: '/notices', unreadBadge: true })
    expect(hasNotices(undefined)).toBe(false)
  })

  it('keeps every tab bar at five tabs at most; officials reach evidence review, on-site checks, funds, the work-in-lieu ledgers, the apprenticeships (contracts and applications) and the certification filings from "me", finance lands on funds', () => {
    for (const role of Object.keys(roles)) expect(roleOf(role).tabs.length).toBeLessThanOrEqual(5)
    for (const role of ['PROVINCE_ADMIN', 'REGION_OFFICIAL']) {
      expect(roleOf(role).more?.map((t) => t.to)).toEqual(['/reports', '/review', '/onsite', '/funds', '/ledger', '/apprenticeships', '/apprenticeship-applications', '/certification', '/contracting'])
    }
    for (const role of ['PROVINCE_ADMIN', 'REGION_OFFICIAL', 'FINANCE_OFFICER', 'INSTITUTION_STAFF']) expect(roleOf(role).tabs.map((t) => t.to)).toContain('/applications')
    expect(roleOf('FINANCE_OFFICER').tabs[0]!.to).toBe('/funds')
  })

  it('gives inspectors an on-site checks tab and only trainers the badge of rejected evidence on their classes tab', () => {
    expect(roleOf('INSPECTOR').tabs.map((t) => t.to)).toEqual(['/review', '/onsite', '/sample', '/me'])
    expect(roleOf('INSTITUTION_STAFF').tabs[0]).toMatchObject({ to: '/classes', rejectedBadge: true })
    expect(Object.keys(roles).filter((r) => hasRejectedBadge(r))).toEqual(['INSTITUTION_STAFF'])
    expect(hasRejectedBadge(undefined)).toBe(false)
  })

  it('offers the 以工代训 monthly claims from "me" to the staff of an enterprise only, not of a training institution', () => {
    expect(moreOf('INSTITUTION_STAFF', 'ENTERPRISE').map((t) => t.to)).toContain('/claims')
    expect(moreOf('INSTITUTION_STAFF', 'TRAINING_INSTITUTION').map((t) => t.to)).toEqual(['/certification'])
    expect(moreOf('INSTITUTION_STAFF', 'TECHNICIAN_COLLEGE').map((t) => t.to)).not.toContain('/claims')
    expect(moreOf('INSTITUTION_STAFF', null)).toEqual([])
    expect(moreOf('REGION_OFFICIAL', null).map((t) => t.to)).toEqual([
      '/reports', '/review', '/onsite', '/funds', '/ledger', '/apprenticeships', '/apprenticeship-applications', '/certification', '/contracting',
    ])
    expect(moreOf('TRAINEE')).toEqual([])
  })

  it('offers the new-style apprenticeships (R5) from "me" to the staff of an enterprise or of a school, and to officials', () => {
    expect(moreOf('INSTITUTION_STAFF', 'ENTERPRISE').map((t) => t.to)).toEqual(['/claims', '/apprenticeships', '/apprenticeship-applications', '/certification'])
    for (const kind of ['TECHNICIAN_COLLEGE', 'SENIOR_TECHNICAL_SCHOOL', 'TECHNICAL_SCHOOL']) {
      expect(moreOf('INSTITUTION_STAFF', kind).map((t) => t.to), kind).toEqual(['/apprenticeships', '/certification'])
    }
    for (const kind of ['TRAINING_INSTITUTION', 'INDUSTRY_ASSOCIATION', 'HR_BUREAU']) expect(moreOf('INSTITUTION_STAFF', kind).map((t) => t.to), kind).not.toContain('/apprenticeships')
    for (const role of ['PROVINCE_ADMIN', 'REGION_OFFICIAL']) expect(moreOf(role, null).map((t) => t.to)).toContain('/apprenticeships')
    for (const role of ['FINANCE_OFFICER', 'INSPECTOR', 'TRAINEE']) expect(moreOf(role, 'ENTERPRISE').map((t) => t.to)).not.toContain('/apprenticeships')
  })

  it('offers the certification filings (R8) to the staff of every organisation that files, and to officials; the applications to train apprentices to enterprises and officials', () => {
    for (const kind of ['ENTERPRISE', 'TECHNICIAN_COLLEGE', 'SENIOR_TECHNICAL_SCHOOL', 'TECHNICAL_SCHOOL', 'INDUSTRY_ASSOCIATION', 'TRAINING_INSTITUTION']) {
      expect(moreOf('INSTITUTION_STAFF', kind).map((t) => t.to), kind).toContain('/certification')
      expect(filer('INSTITUTION_STAFF', kind), kind).toBe('staff')
    }
    expect(moreOf('INSTITUTION_STAFF', 'HR_BUREAU')).toEqual([])
    expect(filer('INSTITUTION_STAFF', 'HR_BUREAU')).toBeNull()
    expect(filer('INSTITUTION_STAFF', null)).toBeNull()
    for (const role of ['PROVINCE_ADMIN', 'REGION_OFFICIAL']) {
      expect(filer(role, null), role).toBe('official')
      expect(applicant(role, null), role).toBe('official')
    }
    for (const role of ['FINANCE_OFFICER', 'INSPECTOR', 'TRAINEE']) {
      expect(filer(role, 'ENTERPRISE'), role).toBeNull()
      expect(applicant(role, 'ENTERPRISE'), role).toBeNull()
      expect(moreOf(role, 'ENTERPRISE').map((t) => t.to), role).not.toContain('/certification')
    }
    expect(applicant('INSTITUTION_STAFF', 'ENTERPRISE')).toBe('enterprise')
    expect(applicant('INSTITUTION_STAFF', 'TECHNICIAN_COLLEGE')).toBeNull()
    expect(moreOf('INSTITUTION_STAFF', 'TECHNICIAN_COLLEGE').map((t) => t.to)).not.toContain('/apprenticeship-applications')
  })

  it('knows every role the API has', () => {
    expect(Object.keys(roles).sort()).toEqual(Object.keys(homes).sort())
  })

  it('sends no one to a screen of another role: unknown roles get "me", no session the sign-in page', () => {
    expect(session.current).toBeNull()
    expect(home()).toBe('/login')
    expect(homeOf('NEW_ROLE')).toBe('/me')
    expect(roleOf('NEW_ROLE').tabs.map((t) => t.to)).toEqual(['/me'])
  })
})

describe('chinaTime and yuan', () => {
  it('shows times in China time whatever the zone they come in, and fen as yuan with two decimals', () => {
    expect(chinaTime('2026-12-02T16:30:00Z')).toBe('2026-12-03 00:30')
    expect(chinaTime('2026-12-03T00:30:00+08:00')).toBe('2026-12-03 00:30')
    expect(chinaTime('soon')).toBe('soon')
    expect(yuan(123456)).toBe('1234.56')
    expect(yuan(5)).toBe('0.05')
  })
})

describe('the queue by due time', () => {
  const clock = (dueAt: string, stopped = false) => ({ name: 'REVIEW', dueAt, dueSoon: false, overdue: false, stopped })
  it('reads the running clock due first, not a stopped one', () => {
    expect(nextDue([clock('2026-12-03T09:00:00Z', true), clock('2026-12-05T09:00:00Z'), clock('2026-12-04T09:00:00Z')])).toBe('2026-12-04T09:00:00Z')
    expect(nextDue([clock('2026-12-03T09:00:00Z', true)])).toBeUndefined()
  })
  it('puts what is due soonest on top and what has no running clock last, newest first', () => {
    const rows = [
      { id: 'paid-old', submittedAt: '2026-11-01T00:00:00Z', clocks: [clock('2026-11-02T00:00:00Z', true)] },
      { id: 'late', submittedAt: '2026-11-20T00:00:00Z', clocks: [clock('2026-12-10T00:00:00Z'), clock('2026-11-21T00:00:00Z')] },
      { id: 'paid-new', submittedAt: '2026-11-25T00:00:00Z', clocks: [] },
      { id: 'next', submittedAt: '2026-11-30T00:00:00Z', clocks: [clock('2026-12-01T00:00:00Z')] },
    ]
    expect(byDue(rows).map((r) => r.id)).toEqual(['late', 'next', 'paid-new', 'paid-old'])
  })
})

describe('money', () => {
  it('reads yuan as integer fen without float arithmetic, and refuses what is not a positive amount of at most two decimals', () => {
    expect(fenOf('1000')).toBe(100000)
    expect(fenOf(' 1000.5 ')).toBe(100050)
    expect(fenOf('0.07')).toBe(7)
    expect(fenOf('0.29')).toBe(29) // 0.29 * 100 is 28.999999999999996 in floats
    expect(fenOf('1234567.89')).toBe(123456789)
    for (const bad of ['', '0', '0.00', '-5', '1.234', '1e3', '１００', '12,000', 'abc', '.5']) expect(fenOf(bad)).toBeNull()
  })

  it('gives one idempotency key per intent: the same on a retry, a new one after success or for another intent', () => {
    const keys = useIntentKeys()
    const first = keys.keyFor(['deposit', '410100', 100])
    expect(keys.keyFor(['deposit', '410100', 100])).toBe(first)
    expect(keys.keyFor(['deposit', '410100', 200])).not.toBe(first)
    keys.done(['deposit', '410100', 100])
    expect(keys.keyFor(['deposit', '410100', 100])).not.toBe(first)
  })
})
