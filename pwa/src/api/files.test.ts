// @vitest-environment happy-dom
// A certificate's QR code is fetched with the session's token and shown
// through an object URL that is revoked when it is no longer shown.
import { beforeEach, describe, expect, it, vi } from 'vitest'

const store = new Map<string, string>()
vi.stubGlobal('localStorage', {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
})

const { signIn } = await import('./session')
const { fetchBlob, objectURLs } = await import('./files')
const { ApiError } = await import('./session')

const user = { id: '7', username: 'trainee', displayName: '张三', role: 'TRAINEE' }
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47])

describe('fetchBlob', () => {
  beforeEach(() => signIn({ accessToken: 'tok', refreshToken: 'r', user }))

  it('sends the session token and returns the file', async () => {
    const fetch = vi.fn(async (_u: RequestInfo | URL, _init?: RequestInit) => new Response(png, { headers: { 'Content-Type': 'image/png' } }))
    vi.stubGlobal('fetch', fetch)
    const b = await fetchBlob('/certificates/5/qr.png')
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(png)
    expect(fetch.mock.calls[0][0]).toBe('/certificates/5/qr.png')
    expect(new Headers(fetch.mock.calls[0][1]?.headers).get('Authorization')).toBe('Bearer tok')
  })

  it('says why a file was refused', async () => {
    vi.stubGlobal('fetch', async () => new Response('404 page not found', { status: 404 }))
    await expect(fetchBlob('/certificates/9/qr.png')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    const e = await fetchBlob('/certificates/9/qr.png').catch((e: unknown) => e)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as InstanceType<typeof ApiError>).code).toBe('NETWORK')
  })
})

describe('objectURLs', () => {
  it('revokes what is no longer shown, a late answer included', async () => {
    let n = 0
    const made: string[] = []
    const revoked: string[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      const u = `blob:qr-${++n}`
      made.push(u)
      return u
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((u: string) => void revoked.push(u))
    const answers: ((r: Response) => void)[] = []
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => answers.push(resolve)))
    const qr = objectURLs()

    const first = qr.show('/certificates/1/qr.png')
    await vi.waitFor(() => expect(answers.length).toBe(1))
    const second = qr.show('/certificates/2/qr.png') // opened another before the first arrived
    await vi.waitFor(() => expect(answers.length).toBe(2))
    answers[0](new Response(png))
    expect(await first).toBeNull()
    answers[1](new Response(png))
    expect(await second).toBe('blob:qr-2')
    expect(revoked).toEqual(['blob:qr-1'])
    qr.clear()
    expect(revoked).toEqual(['blob:qr-1', 'blob:qr-2'])
    expect(made).toHaveLength(2)
  })
})
