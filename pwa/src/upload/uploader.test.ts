import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256OfBlob, type HashState } from './hash'
import { contentTypeOf } from './accept'
import { missingParts, planParts } from './plan'
import { backoffDelay, PermanentError, withRetry } from './retry'
import { PRESIGN_BATCH, ServerFailedError, VERDICT_POLL_MS, runUpload, type Api, type Job, type Progress, type Transport } from './uploader'

describe('part planning', () => {
  it('splits a file into the server parts, the last shorter', () => {
    const parts = planParts(17, 8, 3)
    expect(parts).toEqual([
      { partNumber: 1, start: 0, end: 8 },
      { partNumber: 2, start: 8, end: 16 },
      { partNumber: 3, start: 16, end: 17 },
    ])
    expect(planParts(16, 8, 2).map((p) => p.end - p.start)).toEqual([8, 8])
    expect(() => planParts(17, 8, 2)).toThrow(/plan mismatch/)
    expect(() => planParts(0, 8, 0)).toThrow()
  })
  it('plans a 4 GiB file in the server 8 MiB parts', () => {
    const size = 4 * 1024 ** 3
    const parts = planParts(size, 8 << 20, 512)
    expect(parts).toHaveLength(512)
    expect(parts[511]).toEqual({ partNumber: 512, start: size - (8 << 20), end: size })
  })
  it('tells a content type by the file name when the browser gives none (HEIC on a desktop)', () => {
    expect(contentTypeOf({ type: '', name: 'IMG_0001.HEIC' })).toBe('image/heic')
    expect(contentTypeOf({ type: '', name: 'clip.mov' })).toBe('video/quicktime')
    expect(contentTypeOf({ type: 'video/mp4', name: 'x.mov' })).toBe('video/mp4')
    expect(contentTypeOf({ type: '', name: 'notes' })).toBe('application/octet-stream')
    // An online class's learning record: a platform's sheet, a .csv Windows calls an Excel file.
    expect(contentTypeOf({ type: 'application/vnd.ms-excel', name: '学习记录.csv' })).toBe('text/csv')
    expect(contentTypeOf({ type: '', name: 'record.XLSX' })).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })
  it('lists the parts storage lacks or holds short', () => {
    const plan = planParts(20, 8, 3)
    expect(missingParts(plan, [{ partNumber: 1, etag: 'a', size: 8 }, { partNumber: 2, etag: 'b', size: 3 }])).toEqual([2, 3])
    expect(missingParts(plan, [{ partNumber: 3, etag: 'c', size: 4 }, { partNumber: 1, etag: 'a', size: 8 }, { partNumber: 2, etag: 'b', size: 8 }])).toEqual([])
  })
})

describe('retry and backoff', () => {
  it('grows exponentially with jitter and a ceiling', () => {
    expect(backoffDelay(0, 500, 30000, () => 0)).toBe(250)
    expect(backoffDelay(1, 500, 30000, () => 0)).toBe(500)
    expect(backoffDelay(3, 500, 30000, () => 0)).toBe(2000)
    expect(backoffDelay(3, 500, 30000, () => 0.999)).toBeLessThanOrEqual(4000)
    expect(backoffDelay(3, 500, 30000, () => 0.999)).toBeGreaterThan(3900)
    expect(backoffDelay(20, 500, 30000, () => 0.999)).toBeLessThanOrEqual(30000)
    expect(backoffDelay(20, 500, 30000, () => 0)).toBe(15000)
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
  it('does not retry what the API refused (BAD_USER_INPUT, FORBIDDEN, ...)', async () => {
    let calls = 0
    const refused = Object.assign(new Error('sha256 mismatch'), { code: 'BAD_USER_INPUT' })
    await expect(withRetry(async () => { calls++; throw refused }, { retries: 5, sleep: async () => {} })).rejects.toThrow('mismatch')
    expect(calls).toBe(1)
  })
  it('waits for the network to come back before trying again', async () => {
    const log: string[] = []
    let up: () => void = () => {}
    const back = new Promise<void>((r) => (up = r))
    const p = withRetry(
      async (n) => {
        log.push(`try ${n}`)
        if (n === 0) throw new Error('offline')
        return 'ok'
      },
      { retries: 3, sleep: async () => {}, online: () => (log.push('waiting'), back) },
    )
    await new Promise((r) => setTimeout(r, 20))
    expect(log).toEqual(['try 0', 'waiting'])
    up()
    expect(await p).toBe('ok')
    expect(log).toEqual(['try 0', 'waiting', 'try 1'])
  })
  it('a pause cuts a long backoff short', async () => {
    const ctl = new AbortController()
    const t0 = Date.now()
    const p = withRetry(async () => { throw new Error('down') }, { retries: 5, baseMs: 60_000, signal: ctl.signal })
    setTimeout(() => ctl.abort(), 20)
    await expect(p).rejects.toThrow(/paused/)
    expect(Date.now() - t0).toBeLessThan(5000)
  })
})

/** A file of any size that is made up as it is read: it never exists whole in memory. */
function virtualFile(size: number) {
  const P = 1024 * 1024 + 7 // not a power of two, so that slices and segments do not line up
  const pattern = new Uint8Array(P)
  for (let i = 0; i < P; i++) pattern[i] = (i * 2654435761) >>> 24
  const bytes = (start: number, end: number) => {
    const out = new Uint8Array(end - start)
    for (let seg = Math.floor(start / P); seg * P < end; seg++) {
      const from = Math.max(start, seg * P)
      const to = Math.min(end, (seg + 1) * P)
      out.set(pattern.subarray(from - seg * P, to - seg * P), from - start)
      // Each segment starts with its own number, so that no two are equal.
      for (let k = 0; k < 4; k++) {
        const at = seg * P + k
        if (at >= start && at < end) out[at - start] = (seg >>> (8 * k)) & 0xff
      }
    }
    return out
  }
  let largestSlice = 0
  const blob = {
    size,
    slice(start = 0, end = size) {
      largestSlice = Math.max(largestSlice, end - start)
      return { size: end - start, arrayBuffer: async () => bytes(start, end).buffer }
    },
  } as unknown as Blob
  return { blob, bytes, largestSlice: () => largestSlice }
}

describe('hashing', () => {
  it('hashes a file larger than the memory it may use, slice by slice', async () => {
    const allowance = 96 * 1024 * 1024 // what the hashing may hold at most
    const size = 256 * 1024 * 1024 + 123 // the file: well over the allowance
    const sliceSize = 1024 * 1024
    const f = virtualFile(size)
    const before = process.memoryUsage()
    let peak = 0
    let progressed = 0
    const digest = await sha256OfBlob(f.blob, {
      onProgress: (done, total) => {
        expect(total).toBe(size)
        progressed = done
        const m = process.memoryUsage()
        peak = Math.max(peak, m.arrayBuffers - before.arrayBuffers, m.rss - before.rss)
      },
      sliceSize,
    })
    // The reference digest, streamed the same way through node:crypto.
    const h = createHash('sha256')
    for (let o = 0; o < size; o += 8 << 20) h.update(f.bytes(o, Math.min(o + (8 << 20), size)))
    expect(digest).toBe(h.digest('hex'))
    expect(progressed).toBe(size)
    expect(f.largestSlice()).toBeLessThanOrEqual(sliceSize)
    expect(peak).toBeLessThan(allowance)
  }, 60_000)
  it('hashes a real Blob like node:crypto does', async () => {
    const data = new Uint8Array(5 * 1024 * 1024 + 3).map((_, i) => i % 251)
    const digest = await sha256OfBlob(new Blob([data]), { sliceSize: 1024 * 1024 })
    expect(digest).toBe(createHash('sha256').update(data).digest('hex'))
    expect(await sha256OfBlob(new Blob([]))).toBe(createHash('sha256').digest('hex'))
  })
  it('resumes from a saved state (a reload mid-hashing) to the same digest', async () => {
    const data = new Uint8Array(9 * 1024 * 1024 + 7).map((_, i) => (i * 7) % 253)
    const blob = new Blob([data])
    const states: HashState[] = []
    const ctl = new AbortController()
    // The page is reloaded once the second state was saved.
    await expect(
      sha256OfBlob(blob, { sliceSize: 1 << 20, stateEvery: 2 << 20, signal: ctl.signal, onState: (st) => states.push(st) && states.length === 2 && ctl.abort() }),
    ).rejects.toThrow(/paused/)
    expect(states.map((st) => st.done)).toEqual([2 << 20, 4 << 20])
    // A structured clone, as IndexedDB keeps it.
    const kept = structuredClone(states[1])
    const read: number[] = []
    const digest = await sha256OfBlob(blob, { sliceSize: 1 << 20, from: kept, onProgress: (done) => read.push(done) })
    expect(digest).toBe(createHash('sha256').update(data).digest('hex'))
    expect(read[0]).toBe(5 << 20) // it went on from 4 MiB, not from zero
  })
})

/** A fake storage and API in memory, for narrow unit tests of the protocol. */
function fakeServer(partSize: number, opts: { now?: () => number; urlTtlMs?: number } = {}) {
  const now = opts.now ?? Date.now
  const stored = new Map<number, { etag: string; size: number }>()
  const presigned: number[][] = []
  const expiry = new Map<string, number>()
  let status = 'UPLOADING'
  let failureText: string | null = null
  /** How many times status answers VERIFYING after a completion before the verdict (the server's check, off the request). */
  let verifying = 0
  let verdict = 'VERIFIED'
  let failNextPuts = 0
  let completeError: Error | null = null
  let urlSeq = 0
  const api: Api = {
    async begin(input) {
      return { evidenceId: 'ev1', partSize, partCount: Math.ceil(input.size / partSize) }
    },
    async presign(_id, parts) {
      presigned.push(parts)
      expect(parts.length).toBeLessThanOrEqual(PRESIGN_BATCH)
      return parts.map((n) => {
        const url = `mem://part/${n}?u=${++urlSeq}`
        const exp = now() + (opts.urlTtlMs ?? 15 * 60_000)
        expiry.set(url, exp)
        return { partNumber: n, url, headers: [{ name: 'Content-Type', value: 'application/octet-stream' }], expiresAt: new Date(exp).toISOString() }
      })
    },
    async status() {
      if (status === 'VERIFYING' && verifying-- <= 0) {
        status = verdict
        if (verdict === 'FAILED') failureText = '上传的文件与申报的校验值不符'
      }
      return { status, parts: [...stored].map(([partNumber, p]) => ({ partNumber, ...p })), failureText }
    },
    async complete(_id, parts) {
      if (completeError) throw completeError
      expect(parts.map((p) => p.partNumber)).toEqual([...stored.keys()].sort((a, b) => a - b))
      for (const p of parts) expect(p.etag).toBe(stored.get(p.partNumber)!.etag)
      status = 'VERIFYING'
      return { status }
    },
  }
  const puts: number[] = []
  let inFlight = 0
  let maxInFlight = 0
  const transport: Transport = {
    async put(url, headers, body, signal) {
      if (signal?.aborted) throw new DOMException('paused', 'AbortError')
      expect(headers['Content-Type']).toBe('application/octet-stream')
      if (now() > expiry.get(url)!) throw new Error('HTTP 403: the URL expired')
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        await new Promise((r) => setTimeout(r, 1))
        if (failNextPuts > 0) {
          failNextPuts--
          throw new Error('connection reset')
        }
        const n = Number(new URL(url).pathname.split('/').pop())
        puts.push(n)
        stored.set(n, { etag: `"e${n}"`, size: body.size })
        return `"e${n}"`
      } finally {
        inFlight--
      }
    },
  }
  return {
    api, transport, stored, puts, presigned,
    failPuts: (k: number) => (failNextPuts = k),
    setStatus: (s: string) => (status = s),
    failComplete: (e: Error) => (completeError = e),
    verdict: (v: string, polls: number) => ((verdict = v), (verifying = polls)),
    maxInFlight: () => maxInFlight,
  }
}

const job = (size: number): Job => ({
  id: 'j1', state: 'queued', sent: 0,
  input: { classID: 'c1', kind: 'ATTENDANCE_VIDEO', fileName: 'a.mp4', contentType: 'video/mp4', size, sha256: 'x', capturedAt: '2020-09-01T10:00:00+08:00' },
})
const bytes = (n: number) => new Blob([new Uint8Array(n)])
const noSleep = async () => {}

describe('upload', () => {
  it('uploads every part and completes with the ETags storage holds', async () => {
    const s = fakeServer(10)
    const progress: number[] = []
    const done = await runUpload(job(95), bytes(95), { api: s.api, transport: s.transport, onProgress: (p) => progress.push(p.stored) })
    expect(done.state).toBe('verified')
    expect(done.sent).toBe(95)
    expect([...s.puts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(progress.at(-1)).toBe(95)
  })
  it('resumes from the parts storage already holds', async () => {
    const s = fakeServer(10)
    s.stored.set(1, { etag: '"e1"', size: 10 })
    s.stored.set(2, { etag: '"e2"', size: 10 })
    const j = job(35)
    Object.assign(j, { evidenceId: 'ev1', partSize: 10, partCount: 4 })
    const saved: number[] = []
    const done = await runUpload(j, bytes(35), { api: s.api, transport: s.transport, save: async (x) => void saved.push(x.sent) })
    expect(done.state).toBe('verified')
    expect(s.puts.sort()).toEqual([3, 4])
    expect(saved[0]).toBe(20) // what storage held was counted as sent from the start
  })
  it('finishes at once when the server had already verified it (the answer was lost)', async () => {
    const s = fakeServer(10)
    s.setStatus('VERIFIED')
    const j = Object.assign(job(30), { evidenceId: 'ev1', partSize: 10, partCount: 3 })
    const done = await runUpload(j, bytes(30), { api: s.api, transport: s.transport })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([])
  })
  it('follows the server\'s check of the assembled file to VERIFIED, asking less and less often', async () => {
    const s = fakeServer(10)
    s.verdict('VERIFIED', 3)
    const slept: number[] = []
    const saved: string[] = []
    const done = await runUpload(job(25), bytes(25), {
      api: s.api, transport: s.transport, sleep: async (ms) => void slept.push(ms), save: async (x) => void saved.push(x.state),
    })
    expect(done.state).toBe('verified')
    expect(slept).toEqual([VERDICT_POLL_MS, VERDICT_POLL_MS * 1.5, VERDICT_POLL_MS * 2.25])
    expect(saved).toContain('completing') // a reload asks again instead of uploading again
  })
  it('says in the server\'s words why its check failed the file', async () => {
    const s = fakeServer(10)
    s.verdict('FAILED', 1)
    const run = runUpload(job(25), bytes(25), { api: s.api, transport: s.transport, sleep: noSleep })
    await expect(run).rejects.toBeInstanceOf(ServerFailedError)
    await expect(run).rejects.toThrow('上传的文件与申报的校验值不符')
  })
  it('after a reload, waits for the check of a file the server is still verifying', async () => {
    const s = fakeServer(10)
    s.setStatus('VERIFYING')
    s.verdict('VERIFIED', 1)
    const j = Object.assign(job(30), { evidenceId: 'ev1', partSize: 10, partCount: 3, state: 'completing' as const })
    const done = await runUpload(j, bytes(30), { api: s.api, transport: s.transport, sleep: noSleep })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([])
  })
  it('stops when the server has ended the upload', async () => {
    const s = fakeServer(10)
    s.setStatus('FAILED')
    const j = Object.assign(job(30), { evidenceId: 'ev1', partSize: 10, partCount: 3 })
    await expect(runUpload(j, bytes(30), { api: s.api, transport: s.transport })).rejects.toBeInstanceOf(ServerFailedError)
  })
  it('retries a part whose PUT failed, with backoff', async () => {
    const s = fakeServer(10)
    s.failPuts(2)
    const slept: number[] = []
    const done = await runUpload(job(25), bytes(25), {
      api: s.api, transport: s.transport, concurrency: 1, random: () => 0, sleep: async (ms) => void slept.push(ms),
    })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([1, 2, 3])
    expect(slept).toEqual([250, 500])
  })
  it('shows bytes in flight on top of what storage confirmed, never counting them twice, and a speed from a window', async () => {
    const s = fakeServer(10)
    let clock = 0
    const seen: Progress[] = []
    // A transport that reports its progress three times per part, as XHR does, each tick one second later.
    const transport: Transport = {
      async put(url, h, body, signal, onProgress) {
        for (const b of [3, 6, body.size]) {
          clock += 1000
          onProgress?.(b)
        }
        return s.transport.put(url, h, body, signal)
      },
    }
    await runUpload(job(95), bytes(95), { api: s.api, transport, concurrency: 1, now: () => clock, onProgress: (p) => seen.push({ ...p }) })
    for (let i = 1; i < seen.length; i++) expect(seen[i].stored).toBeGreaterThanOrEqual(seen[i - 1].stored)
    for (const p of seen) expect(p.stored + p.inflight).toBeLessThanOrEqual(95)
    // 10 bytes per 3 s: the speed and the time left follow, once there is a window to measure.
    const mid = seen.find((p) => p.stored === 50 && p.inflight === 3)!
    expect(mid.speed).toBeGreaterThan(2.5)
    expect(mid.speed).toBeLessThan(4.5)
    expect(mid.secondsLeft).toBe(Math.ceil((95 - 53) / mid.speed))
    expect(seen[0].secondsLeft).toBeNull()
    expect(seen.at(-1)!.stored).toBe(95)
  })
  it('sends one part at a time once a part failed (a bad link), so that a cut loses one part', async () => {
    const s = fakeServer(10)
    let inflight = 0
    let cut = false
    let recovered = false
    let maxBefore = 0
    let maxAfter = 0
    const transport: Transport = {
      async put(url, h, body, signal) {
        inflight++
        if (recovered) maxAfter = Math.max(maxAfter, inflight)
        else maxBefore = Math.max(maxBefore, inflight)
        try {
          await new Promise((r) => setTimeout(r, 2))
          if (!cut && url.includes('/part/4?')) {
            cut = true
            throw new Error('connection reset')
          }
          const etag = await s.transport.put(url, h, body, signal)
          if (cut && url.includes('/part/4?')) recovered = true
          return etag
        } finally {
          inflight--
        }
      },
    }
    const done = await runUpload(job(200), bytes(200), { api: s.api, transport, concurrency: 2, sleep: noSleep })
    expect(done.state).toBe('verified')
    expect(s.stored.size).toBe(20)
    expect(maxBefore).toBe(2) // two lanes on a good link
    expect(maxAfter).toBe(1) // one after the cut
  })
  it('gives up after the retries and keeps what was sent', async () => {
    const s = fakeServer(10)
    s.failPuts(100)
    const j = job(25)
    await expect(runUpload(j, bytes(25), { api: s.api, transport: s.transport, retries: 2, sleep: noSleep })).rejects.toThrow('connection reset')
    expect(j.evidenceId).toBe('ev1') // a retry later resumes this upload, it does not begin another
  })
  it('sends a few parts at once, never more than asked', async () => {
    const s = fakeServer(10)
    await runUpload(job(200), bytes(200), { api: s.api, transport: s.transport, concurrency: 3 })
    expect(s.maxInFlight()).toBe(3)
    expect(s.stored.size).toBe(20)
    // URLs are asked for in batches, not one call per part.
    expect(s.presigned.length).toBeLessThan(20)
  })
  it('asks for a fresh URL when one has expired or a PUT failed', async () => {
    let clock = 1_000_000
    const s = fakeServer(10, { now: () => clock, urlTtlMs: 10 * 60_000 })
    // The first PUT of part 2 finds its URL expired (the phone slept); the retry gets a new one.
    const transport: Transport = {
      async put(url, h, body, signal) {
        if (url.includes('/part/2?') && !s.stored.has(2) && s.presigned.flat().filter((n) => n === 2).length === 1) clock += 11 * 60_000
        return s.transport.put(url, h, body, signal)
      },
    }
    const done = await runUpload(job(30), bytes(30), { api: s.api, transport, concurrency: 1, sleep: noSleep, now: () => clock })
    expect(done.state).toBe('verified')
    expect(s.presigned.flat().filter((n) => n === 2)).toHaveLength(2)
  })
  it('does not use a URL about to expire', async () => {
    const s = fakeServer(10, { urlTtlMs: 60_000 }) // shorter than the safety margin
    await expect(runUpload(job(30), bytes(30), { api: s.api, transport: s.transport, retries: 1, sleep: noSleep })).rejects.toThrow(/no usable URL/)
  })
  it('stops when paused and continues later from what storage holds', async () => {
    const s = fakeServer(10)
    const ctl = new AbortController()
    const transport: Transport = {
      async put(url, h, body, signal) {
        const etag = await s.transport.put(url, h, body, signal)
        if (url.includes('/part/1?')) ctl.abort()
        return etag
      },
    }
    const j = job(30)
    await expect(runUpload(j, bytes(30), { api: s.api, transport, signal: ctl.signal, concurrency: 1 })).rejects.toThrow(/paused/)
    expect([...s.stored.keys()]).toEqual([1])
    const done = await runUpload(j, bytes(30), { api: s.api, transport: s.transport })
    expect(done.state).toBe('verified')
    expect(s.puts.sort()).toEqual([1, 2, 3])
  })
  it('does not retry a completion the server refused (checksum mismatch)', async () => {
    const s = fakeServer(10)
    let calls = 0
    const refused = Object.assign(new Error('the uploaded file does not match'), { code: 'BAD_USER_INPUT' })
    const api: Api = { ...s.api, complete: async () => { calls++; throw refused } }
    await expect(runUpload(job(20), bytes(20), { api, transport: s.transport, sleep: noSleep })).rejects.toThrow(/does not match/)
    expect(calls).toBe(1)
  })
  it('refuses a kept file whose size changed', async () => {
    const s = fakeServer(10)
    await expect(runUpload(job(20), bytes(19), { api: s.api, transport: s.transport })).rejects.toBeInstanceOf(PermanentError)
  })
})
