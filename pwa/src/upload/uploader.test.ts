import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256OfBlob } from './hash'
import { missingParts, planParts } from './plan'
import { backoffDelay, PermanentError, withRetry } from './retry'
import { runUpload, type Api, type Job, type Transport } from './uploader'

describe('part planning', () => {
  it('splits a file into the server parts, the last shorter', () => {
    const parts = planParts(17, 8, 3)
    expect(parts).toEqual([
      { partNumber: 1, start: 0, end: 8 },
      { partNumber: 2, start: 8, end: 16 },
      { partNumber: 3, start: 16, end: 17 },
    ])
    expect(() => planParts(17, 8, 2)).toThrow(/plan mismatch/)
  })
  it('lists the parts storage lacks or holds short', () => {
    const plan = planParts(20, 8, 3)
    expect(missingParts(plan, [{ partNumber: 1, etag: 'a', size: 8 }, { partNumber: 2, etag: 'b', size: 3 }])).toEqual([2, 3])
  })
})

describe('retry and backoff', () => {
  it('grows exponentially with jitter and a ceiling', () => {
    expect(backoffDelay(0, 500, 30000, () => 0)).toBe(250)
    expect(backoffDelay(3, 500, 30000, () => 0.999)).toBeLessThanOrEqual(4000)
    expect(backoffDelay(3, 500, 30000, () => 0)).toBe(2000)
    expect(backoffDelay(20, 500, 30000, () => 0.999)).toBeLessThanOrEqual(30000)
  })
  it('retries transient failures and stops on permanent ones', async () => {
    const delays: number[] = []
    let calls = 0
    const v = await withRetry(
      async () => {
        if (++calls < 3) throw new Error('network down')
        return 'ok'
      },
      { retries: 5, random: () => 0, sleep: async (ms) => void delays.push(ms) },
    )
    expect(v).toBe('ok')
    expect(delays).toEqual([250, 500])
    await expect(withRetry(async () => { throw new PermanentError('bad') }, { retries: 5, sleep: async () => {} })).rejects.toThrow('bad')
    await expect(withRetry(async () => { throw new Error('still down') }, { retries: 2, sleep: async () => {} })).rejects.toThrow('still down')
  })
})

describe('hashing', () => {
  it('hashes a file larger than the memory it may use, slice by slice', async () => {
    const size = 48 * 1024 * 1024 + 123
    const data = new Uint8Array(size)
    for (let i = 0; i < size; i += 4096) data[i] = i % 251
    const blob = new Blob([data])
    let largestSlice = 0
    const realSlice = blob.slice.bind(blob)
    blob.slice = ((start?: number, end?: number) => {
      largestSlice = Math.max(largestSlice, (end ?? size) - (start ?? 0))
      return realSlice(start, end)
    }) as typeof blob.slice
    const sliceSize = 1024 * 1024
    const digest = await sha256OfBlob(blob, undefined, sliceSize)
    expect(digest).toBe(createHash('sha256').update(data).digest('hex'))
    expect(largestSlice).toBeLessThanOrEqual(sliceSize)
  })
})

/** A fake storage and API in memory, for narrow unit tests of the protocol. */
function fakeServer(partSize: number) {
  const stored = new Map<number, { etag: string; size: number }>()
  let failNextPuts = 0
  const api: Api = {
    async begin(input) {
      return { evidenceId: 'ev1', partSize, partCount: Math.ceil(input.size / partSize) }
    },
    async presign(_id, parts) {
      return parts.map((n) => ({ partNumber: n, url: `mem://part/${n}`, headers: [] }))
    },
    async status() {
      return [...stored].map(([partNumber, p]) => ({ partNumber, ...p }))
    },
    async complete(_id, parts) {
      return { status: parts.length === stored.size ? 'VERIFIED' : 'FAILED' }
    },
  }
  const puts: number[] = []
  const transport: Transport = {
    async put(url, _h, body) {
      if (failNextPuts > 0) {
        failNextPuts--
        throw new Error('connection reset')
      }
      const n = Number(url.split('/').pop())
      puts.push(n)
      stored.set(n, { etag: `"e${n}"`, size: body.size })
      return `"e${n}"`
    },
  }
  return { api, transport, stored, puts, failPuts: (k: number) => (failNextPuts = k) }
}

const job = (size: number): Job => ({
  id: 'j1', state: 'queued', sent: 0,
  input: { classID: 'c1', kind: 'ATTENDANCE_VIDEO', fileName: 'a.mp4', contentType: 'video/mp4', size, sha256: 'x', capturedAt: '2020-09-01T10:00:00+08:00' },
})

describe('upload', () => {
  it('resumes from the parts storage already holds', async () => {
    const s = fakeServer(10)
    const file = new Blob([new Uint8Array(35)])
    s.stored.set(1, { etag: '"e1"', size: 10 })
    s.stored.set(2, { etag: '"e2"', size: 10 })
    const j = job(35)
    j.evidenceId = 'ev1'
    j.partSize = 10
    j.partCount = 4
    const done = await runUpload(j, file, { api: s.api, transport: s.transport })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([3, 4])
  })
  it('retries a part whose PUT failed, with backoff', async () => {
    const s = fakeServer(10)
    s.failPuts(2)
    const slept: number[] = []
    const done = await runUpload(job(25), new Blob([new Uint8Array(25)]), {
      api: s.api, transport: s.transport, sleep: async (ms) => void slept.push(ms),
    })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([1, 2, 3])
    expect(slept.length).toBe(2)
  })
  it('stops when paused and continues later', async () => {
    const s = fakeServer(10)
    const ctl = new AbortController()
    const transport: Transport = {
      async put(url, h, body, signal) {
        const etag = await s.transport.put(url, h, body, signal)
        if (url.endsWith('/1')) ctl.abort()
        return etag
      },
    }
    const j = job(30)
    await expect(runUpload(j, new Blob([new Uint8Array(30)]), { api: s.api, transport, signal: ctl.signal })).rejects.toThrow()
    expect([...s.stored.keys()]).toEqual([1])
    const done = await runUpload(j, new Blob([new Uint8Array(30)]), { api: s.api, transport: s.transport })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([1, 2, 3])
  })
})
