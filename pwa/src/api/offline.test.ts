// @vitest-environment happy-dom
// Offline first for the trainer: the answers kept for when the network is down
// (one user's never shown to another, gone at sign-out, used only when the
// server cannot be reached, not when it refuses), and attendance marked offline
// (kept on the phone, sent once when the network returns, kept when refused).
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ClassDoc } from '../graphql/ops'
import { useQueryState } from '../composables/useQueryState'
import { cachedQuery } from './client'
import { flush, loadOutbox, markAttendance, outbox, startOutbox } from './outbox'
import { ApiError, session, signIn, signOut } from './session'

const userA = { id: '11', username: 'trainer-a', displayName: 'A', role: 'INSTITUTION_STAFF' }
const userB = { id: '12', username: 'trainer-b', displayName: 'B', role: 'INSTITUTION_STAFF' }
const as = (user: typeof userA) => signIn({ accessToken: 'at-' + user.id, refreshToken: 'rt', user })

// The network: up or down, and what the server answers to each operation.
let up = true
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => up })
type Body = { query: string; variables: Record<string, unknown> }
let answer: (b: Body) => unknown = () => ({ data: null })
const sent: Body[] = []
vi.stubGlobal(
  'fetch',
  vi.fn(async (_url: unknown, init?: RequestInit) => {
    if (!up) throw new TypeError('Failed to fetch')
    const b: Body = JSON.parse(String(init?.body))
    sent.push(b)
    const r = answer(b)
    if (r instanceof Error) throw r
    return new Response(JSON.stringify(r), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }),
)
const classAnswer = (occupation: string) => ({ data: { node: { __typename: 'TrainingClass', id: '7', occupation, allowedActions: ['RECORD_ATTENDANCE'], enrollments: [] } } })
const refused = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }], data: null })
const attendanceSent = () => sent.filter((b) => b.query.includes('recordOpeningAttendance'))
const occupation = (d: unknown) => (d as { node: { occupation: string } }).node.occupation

describe('the read cache', () => {
  beforeEach(() => {
    up = true
    sent.length = 0
  })

  it('shows the last answer when the network is down, with when it was saved', async () => {
    as(userA)
    answer = () => classAnswer('电工')
    const before = Date.now()
    const fresh = await cachedQuery(ClassDoc, { id: '7' })
    expect(fresh.savedAt).toBeNull()
    expect(occupation(fresh.data)).toBe('电工')

    up = false
    const kept = await cachedQuery(ClassDoc, { id: '7' })
    expect(occupation(kept.data)).toBe('电工')
    expect(kept.savedAt).toBeGreaterThanOrEqual(before)

    // Another class was never read: nothing to show, the network failure is the answer.
    await expect(cachedQuery(ClassDoc, { id: '8' })).rejects.toMatchObject({ code: 'NETWORK' })
  })

  it('does not stand in for a refusal: a GraphQL error is shown as it is', async () => {
    as(userA)
    answer = () => classAnswer('电工')
    await cachedQuery(ClassDoc, { id: '7' })
    answer = () => refused('FORBIDDEN', 'no access')
    const err = await cachedQuery(ClassDoc, { id: '7' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('FORBIDDEN')
  })

  it('keeps each user\'s answers to that user, and forgets all of them at sign-out', async () => {
    as(userA)
    answer = () => classAnswer('焊工')
    await cachedQuery(ClassDoc, { id: '7' })

    // Another user on the same phone, offline: A's answer is not theirs.
    as(userB)
    up = false
    await expect(cachedQuery(ClassDoc, { id: '7' })).rejects.toMatchObject({ code: 'NETWORK' })
    as(userA)
    expect(occupation((await cachedQuery(ClassDoc, { id: '7' })).data)).toBe('焊工')

    signOut()
    as(userA)
    await expect(cachedQuery(ClassDoc, { id: '7' })).rejects.toMatchObject({ code: 'NETWORK' })
  })

  it('tells the screen it shows kept answers (savedAt), and that they are fresh again once the network is back', async () => {
    as(userA)
    answer = () => classAnswer('电工')
    const { run, cached, savedAt, error } = useQueryState()
    await run(() => cached(ClassDoc, { id: '7' }))
    expect(savedAt.value).toBeNull()
    up = false
    const shown = await run(() => cached(ClassDoc, { id: '7' }))
    expect(occupation(shown)).toBe('电工')
    expect(savedAt.value).not.toBeNull()
    expect(error.value).toBe('')
    // A failed reload (the server refuses) leaves the screen as it was: still the kept answer.
    up = true
    answer = () => refused('INTERNAL', 'boom')
    await run(() => cached(ClassDoc, { id: '7' }))
    expect(savedAt.value).not.toBeNull()
    expect(error.value).not.toBe('')
    answer = () => classAnswer('电工')
    await run(() => cached(ClassDoc, { id: '7' }))
    expect(savedAt.value).toBeNull()
  })
})

describe('the attendance outbox', () => {
  startOutbox()
  beforeEach(async () => {
    up = true
    sent.length = 0
    as(userA)
    await loadOutbox()
    for (const m of outbox.marks) expect(m.state).toBe('refused') // nothing pending left by an earlier test
    outbox.marks = []
  })

  it('keeps marks made offline (the last ones win), and sends them once when the network returns', async () => {
    answer = (b) => ({ data: { recordOpeningAttendance: { id: b.variables.classID, presentCount: 2, effectiveHeadcount: 2 } } })
    up = false
    expect(await markAttendance('7', ['p1'])).toBe('kept')
    expect(await markAttendance('7', ['p1', 'p2'])).toBe('kept')
    expect(attendanceSent()).toEqual([])
    expect(outbox.marks.map((m) => [m.classID, m.present, m.state])).toEqual([['7', ['p1', 'p2'], 'pending']])

    // The app is closed and opened again: the marks come back from the phone.
    outbox.marks = []
    await loadOutbox()
    expect(outbox.marks.map((m) => m.present)).toEqual([['p1', 'p2']])

    // Back online: the event (twice, as browsers do) and the app's own try send them once.
    up = true
    window.dispatchEvent(new Event('online'))
    window.dispatchEvent(new Event('online'))
    await flush()
    expect(attendanceSent().map((b) => b.variables)).toEqual([{ classID: '7', present: ['p1', 'p2'] }])
    expect(outbox.marks).toEqual([])
    await loadOutbox()
    expect(outbox.marks).toEqual([])
  })

  it('keeps marks the server refuses, with its reason, until they are marked again', async () => {
    answer = () => refused('CONFLICT', '只有已审批通过或培训中的班级才能登记开班当日到课人数')
    expect(await markAttendance('9', ['p3'])).toBe('refused')
    expect(outbox.marks).toHaveLength(1)
    expect(outbox.marks[0]).toMatchObject({ classID: '9', present: ['p3'], state: 'refused' })
    expect(outbox.marks[0].reason).toContain('只有已审批通过')
    outbox.marks = []
    await loadOutbox()
    expect(outbox.marks[0]).toMatchObject({ classID: '9', present: ['p3'], state: 'refused' })

    // A refusal is not sent again by itself (it would be refused again)...
    window.dispatchEvent(new Event('online'))
    await flush()
    expect(attendanceSent()).toHaveLength(1)
    // ...the trainer changes the marks and saves them again.
    answer = () => ({ data: { recordOpeningAttendance: { id: '9', presentCount: 1, effectiveHeadcount: 1 } } })
    expect(await markAttendance('9', ['p4'])).toBe('sent')
    expect(outbox.marks).toEqual([])
  })

  it('keeps marks whose sending failed on the network, as pending', async () => {
    answer = () => new TypeError('Failed to fetch')
    expect(await markAttendance('10', ['p5'])).toBe('kept')
    expect(outbox.marks[0]).toMatchObject({ classID: '10', state: 'pending' })
    answer = () => ({ data: { recordOpeningAttendance: { id: '10', presentCount: 1, effectiveHeadcount: 1 } } })
    await flush()
    expect(outbox.marks).toEqual([])
  })

  it('sends one user\'s marks only for that user', async () => {
    up = false
    await markAttendance('11', ['p6'])
    as(userB)
    await loadOutbox()
    expect(outbox.marks).toEqual([])
    up = true
    answer = () => ({ data: { recordOpeningAttendance: { id: '11', presentCount: 1, effectiveHeadcount: 1 } } })
    await flush()
    expect(attendanceSent()).toEqual([])
    as(userA)
    await loadOutbox()
    await flush()
    expect(attendanceSent().map((b) => b.variables)).toEqual([{ classID: '11', present: ['p6'] }])
    expect(session.current?.user.id).toBe(userA.id)
  })
})
