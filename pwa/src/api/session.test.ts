// @vitest-environment happy-dom
// Token refresh: on a 401 the refresh token is exchanged once, however many
// requests were refused at the same time, and they are sent again.
import { beforeEach, describe, expect, it, vi } from 'vitest'

const store = new Map<string, string>()
vi.stubGlobal('localStorage', {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
})

const { authFetch, session, signIn } = await import('./session')

const user = { id: '1', username: 'trainer', displayName: 'T', role: 'INSTITUTION_STAFF' }
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('authFetch', () => {
  beforeEach(() => signIn({ accessToken: 'old', refreshToken: 'r1', user }))

  it('refreshes once for many refused requests and sends them again', async () => {
    let refreshes = 0
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = String(init?.body ?? '')
      if (body.includes('refreshToken(')) {
        refreshes++
        await new Promise((r) => setTimeout(r, 20))
        return json(200, { data: { refreshToken: { accessToken: 'new', refreshToken: 'r2', user } } })
      }
      const auth = new Headers(init?.headers).get('Authorization')
      if (auth !== 'Bearer new') return json(401, { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] })
      return json(200, { data: { ok: true } })
    })
    vi.stubGlobal('fetch', fetch)
    const answers = await Promise.all([1, 2, 3].map(() => authFetch('/graphql', { method: 'POST', body: '{"query":"{ me { id } }"}' })))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    expect(refreshes).toBe(1)
    expect(session.current?.refreshToken).toBe('r2')
    expect(JSON.parse(store.get('bairi.session')!).accessToken).toBe('new')
  })

  it('signs out when the refresh token is refused', async () => {
    vi.stubGlobal('fetch', async (_u: unknown, init?: RequestInit) =>
      String(init?.body).includes('refreshToken(')
        ? json(401, { errors: [{ message: 'refresh token reused', extensions: { code: 'UNAUTHENTICATED' } }] })
        : json(401, { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
    )
    const r = await authFetch('/graphql', { method: 'POST', body: '{}' })
    expect(r.status).toBe(401)
    expect(session.current).toBeNull()
    expect(store.has('bairi.session')).toBe(false)
  })

  it('keeps the session when the refresh cannot reach the server (offline)', async () => {
    vi.stubGlobal('fetch', async (_u: unknown, init?: RequestInit) => {
      if (String(init?.body).includes('refreshToken(')) throw new TypeError('Failed to fetch')
      return json(401, { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] })
    })
    await authFetch('/graphql', { method: 'POST', body: '{}' })
    expect(session.current?.refreshToken).toBe('r1')
  })
})

describe('the language of the answers', () => {
  it('asks the server for the app language, so that its errors read in Chinese for a zh-CN user', async () => {
    const { i18n } = await import('../i18n')
    const sent: (string | null)[] = []
    vi.stubGlobal('fetch', async (_u: unknown, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get('Accept-Language'))
      return json(200, { data: {} })
    })
    await authFetch('/graphql', { method: 'POST', body: '{}' })
    i18n.global.locale.value = 'en-US'
    await authFetch('/graphql', { method: 'POST', body: '{}' })
    i18n.global.locale.value = 'zh-CN'
    expect(sent).toEqual(['zh-CN', 'en-US'])
  })
})
