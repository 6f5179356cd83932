// The upload of one evidence file in the four steps of the API, resumable:
// it asks the server which parts storage already holds and sends the rest,
// a few parts at a time, each with retries, backoff and fresh URLs.
import { missingParts, planParts, type StoredPart } from './plan'
import { PermanentError, abortError, sleep, withRetry, type RetryOptions } from './retry'

export interface BeginInput {
  /** The class; null for the photos of an enterprise visit. */
  classID: string | null
  kind: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  capturedAt: string
  latitude?: number | null
  longitude?: number | null
  /** A video's length as the phone read it, when it could. */
  durationSeconds?: number | null
  /** The failed or rejected evidence this upload replaces. */
  replacesID?: string | null
  /** The on-site check this photo documents (an inspector's upload). */
  onSiteCheckID?: string | null
  /** The enterprise visit this photo documents (R2: the contracting official's upload). */
  enterpriseVisitID?: string | null
  /** The part size the phone asks for (smaller on a slow link: a cut wastes less). */
  partSize?: number | null
}

export interface PresignedPart {
  partNumber: number
  url: string
  headers: { name: string; value: string }[]
  /** When the URL stops working (RFC 3339); absent means "soon": it is used once. */
  expiresAt?: string
}

/** What evidenceUploadStatus says: the evidence's status and the parts storage holds. */
export interface UploadStatus {
  /** UPLOADING, VERIFYING (assembled; the server reads it back), VERIFIED or FAILED. */
  status: string
  parts: StoredPart[]
  /** Why the server failed it, in the reader's language. */
  failureText?: string | null
}

/** The server side of an upload (the GraphQL operations; a fake in unit tests). */
export interface Api {
  begin(input: BeginInput): Promise<{ evidenceId: string; partSize: number; partCount: number }>
  /** check: would begin take this file? Asked before it is copied and hashed (sha256 still empty). */
  check?(input: BeginInput): Promise<void>
  presign(evidenceId: string, partNumbers: number[]): Promise<PresignedPart[]>
  status(evidenceId: string): Promise<UploadStatus>
  complete(evidenceId: string, parts: { partNumber: number; etag: string }[]): Promise<{ status: string }>
  abort?(evidenceId: string): Promise<void>
}

/** Transport sends bytes to storage (XMLHttpRequest in the app, a fake in unit tests). */
export interface Transport {
  /** put sends one part and returns its ETag. */
  put(url: string, headers: Record<string, string>, body: Blob, signal?: AbortSignal, onProgress?: (sent: number) => void): Promise<string>
}

/** Why a job failed: a key of uploads.errors in the locale files. */
export type FailureCode = 'storageFull' | 'fileGone' | 'network' | 'rejected' | 'serverFailed' | 'hashing'

export interface Job {
  id: string
  input: BeginInput
  evidenceId?: string
  partSize?: number
  partCount?: number
  state: 'queued' | 'hashing' | 'uploading' | 'paused' | 'completing' | 'verified' | 'failed'
  /** Bytes storage holds for sure. */
  sent: number
  error?: FailureCode
  /** The server's or the browser's own words, shown under the message. */
  detail?: string
  /** When the job was created (ms since the epoch). */
  createdAt?: number
  /** Where hashing stopped (bytes, the hasher's saved state), for a reload to go on from. */
  hashFrom?: { done: number; state: number[] }
}

export interface RunOptions {
  api: Api
  transport: Transport
  save?: (job: Job) => Promise<void>
  signal?: AbortSignal
  retries?: number
  /** Parts in flight at once (default 3). */
  concurrency?: number
  sleep?: RetryOptions['sleep']
  online?: RetryOptions['online']
  random?: () => number
  now?: () => number
  onProgress?: (p: Progress) => void
}

/**
 * Progress as the trainer sees it: the bytes storage has confirmed (they never
 * go back), the in-flight parts' bytes on top (lost if the connection is cut),
 * the speed over the last seconds and the time left at that speed (null while
 * there is nothing to measure it on).
 */
export interface Progress {
  stored: number
  inflight: number
  speed: number
  secondsLeft: number | null
}

/** Parts asked for in one evidenceUploadParts call. */
export const PRESIGN_BATCH = 10
/** A URL this close to its expiry is not used: a part may take that long to send. */
export const URL_MARGIN_MS = 2 * 60_000
/** Speed is measured over this window, once it spans at least SPEED_MIN_MS. */
const SPEED_WINDOW_MS = 8_000
const SPEED_MIN_MS = 2_000
/** Parts in flight at once, until a part fails: then one, so that a cut loses one part's bytes. */
const LANES = 2
/** While the server verifies an assembled file, the phone asks how it went this often, then less often. */
export const VERDICT_POLL_MS = 1_000
const VERDICT_POLL_MAX_MS = 5_000

/** ServerFailedError: the server marked the evidence FAILED; a new upload has to begin. */
export class ServerFailedError extends PermanentError {}

/** runUpload drives a job to VERIFIED, resuming from what storage holds. */
export async function runUpload(job: Job, file: Blob, o: RunOptions): Promise<Job> {
  const save = o.save ?? (async () => {})
  const now = o.now ?? Date.now
  // One failed part stops the others: they share this signal.
  const inner = new AbortController()
  const stop = () => inner.abort()
  o.signal?.addEventListener('abort', stop, { once: true })
  if (o.signal?.aborted) stop()
  const retry: RetryOptions = { retries: o.retries ?? 6, sleep: o.sleep, online: o.online, random: o.random, signal: inner.signal }
  try {
    if (file.size !== job.input.size) throw new PermanentError(`the kept file has ${file.size} bytes, not ${job.input.size}`)
    if (!job.evidenceId) {
      const b = await withRetry(() => o.api.begin(job.input), retry)
      Object.assign(job, { evidenceId: b.evidenceId, partSize: b.partSize, partCount: b.partCount })
      await save(job)
    }
    const id = job.evidenceId!
    const plan = planParts(file.size, job.partSize!, job.partCount!)
    const first = await withRetry(() => o.api.status(id), retry)
    if (first.status === 'VERIFIED') return finish(job, save)
    if (first.status === 'FAILED') throw new ServerFailedError(first.failureText || 'the server ended this upload')
    if (first.status === 'VERIFYING') return awaitVerdict(job, id, o, retry, save)
    job.state = 'uploading'
    const todo = missingParts(plan, first.parts)
    job.sent = plan.filter((p) => !todo.includes(p.partNumber)).reduce((n, p) => n + p.end - p.start, 0)
    await save(job)

    // Progress: job.sent counts what storage confirmed; in-flight bytes are
    // shown on top and count towards the speed, never towards job.sent.
    const inflight = new Map<number, number>()
    let moved = 0 // bytes that left the phone in this run, lost ones included
    const samples: [number, number][] = [[now(), 0]]
    const report = () => {
      const t = now()
      samples.push([t, moved])
      while (samples.length > 2 && t - samples[1][0] >= SPEED_WINDOW_MS) samples.shift()
      const [t0, m0] = samples[0]
      const speed = t - t0 >= SPEED_MIN_MS ? ((moved - m0) * 1000) / (t - t0) : 0
      let flying = 0
      for (const b of inflight.values()) flying += b
      flying = Math.min(flying, file.size - job.sent)
      const left = file.size - job.sent - flying
      o.onProgress?.({ stored: job.sent, inflight: flying, speed, secondsLeft: speed > 0 ? Math.ceil(left / speed) : null })
    }
    // A cut connection sends no progress events: the speed still has to fall.
    const ticker = setInterval(report, 1000)
    inner.signal.addEventListener('abort', () => clearInterval(ticker), { once: true })

    // URLs, asked for in batches and asked again when near expiry or after a failure.
    const pending = [...todo]
    const urls = new Map<number, { url: string; headers: Record<string, string>; expires: number }>()
    let presigning: Promise<void> | null = null
    const usable = (n: number) => {
      const u = urls.get(n)
      return u !== undefined && u.expires - URL_MARGIN_MS > now()
    }
    async function urlFor(n: number) {
      for (let round = 0; !usable(n); round++) {
        if (round === 3) throw new Error(`no usable URL for part ${n}`)
        if (!presigning) {
          const batch = [n, ...pending.filter((m) => !usable(m))].slice(0, PRESIGN_BATCH)
          presigning = (async () => {
            for (const u of await o.api.presign(id, batch)) {
              const expires = u.expiresAt ? Date.parse(u.expiresAt) : Infinity
              urls.set(u.partNumber, { url: u.url, headers: Object.fromEntries(u.headers.map((h) => [h.name, h.value])), expires })
            }
          })().finally(() => (presigning = null))
        }
        await presigning
      }
      return urls.get(n)!
    }

    let lanes = Math.max(1, Math.min(o.concurrency ?? LANES, todo.length))
    const partRetry: RetryOptions = { ...retry, onRetry: () => (lanes = 1) }
    async function worker(lane: number) {
      while (lane < lanes) {
        const n = pending.shift()
        if (n === undefined) return
        const part = plan[n - 1]
        await withRetry(async () => {
          const u = await urlFor(n)
          inflight.set(n, 0)
          try {
            await o.transport.put(u.url, u.headers, file.slice(part.start, part.end), inner.signal, (b) => {
              moved += Math.max(0, b - (inflight.get(n) ?? 0))
              inflight.set(n, b)
              report()
            })
          } finally {
            inflight.delete(n)
            urls.delete(n) // one URL per attempt: a retry asks for a fresh one
          }
        }, partRetry)
        job.sent += part.end - part.start
        report()
        await save(job)
      }
    }
    const workers = Array.from({ length: lanes }, (_, lane) =>
      worker(lane).catch((err) => {
        stop()
        throw err
      }),
    )
    const settled = await Promise.allSettled(workers)
    clearInterval(ticker)
    if (o.signal?.aborted) throw abortError()
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !isAbort(s.reason))
    if (failed) throw failed.reason
    const aborted = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (aborted) throw aborted.reason

    job.state = 'completing'
    await save(job)
    // Storage is the truth: its list of parts and ETags goes to completion.
    const last = await withRetry(() => o.api.status(id), retry)
    if (last.status === 'VERIFIED') return finish(job, save)
    if (last.status === 'VERIFYING') return awaitVerdict(job, id, o, retry, save)
    const missing = missingParts(plan, last.parts)
    if (missing.length > 0) throw new Error(`parts ${missing.join(', ')} are missing after upload`)
    const parts = [...last.parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ partNumber: p.partNumber, etag: p.etag }))
    const done = await withRetry(() => o.api.complete(id, parts), retry)
    if (done.status === 'VERIFIED') return finish(job, save)
    return awaitVerdict(job, id, o, retry, save)
  } finally {
    o.signal?.removeEventListener('abort', stop)
  }
}

/**
 * awaitVerdict follows a completed upload while the server reads it back and
 * checks it (VERIFYING, off the completion's request), to VERIFIED; FAILED
 * says why in the server's words. A reload finds the job completing and asks again.
 */
async function awaitVerdict(job: Job, id: string, o: RunOptions, retry: RetryOptions, save: (job: Job) => Promise<void>): Promise<Job> {
  if (job.state !== 'completing') {
    job.state = 'completing'
    await save(job)
  }
  const pause = o.sleep ?? sleep
  for (let wait = VERDICT_POLL_MS; ; wait = Math.min(wait * 1.5, VERDICT_POLL_MAX_MS)) {
    const st = await withRetry(() => o.api.status(id), retry)
    if (st.status === 'VERIFIED') return finish(job, save)
    if (st.status === 'FAILED') throw new ServerFailedError(st.failureText || 'the server did not verify the file')
    if (st.status !== 'VERIFYING') throw new Error(`the server says the upload is ${st.status}`)
    await pause(wait, o.signal)
  }
}

async function finish(job: Job, save: (job: Job) => Promise<void>) {
  job.state = 'verified'
  job.sent = job.input.size
  job.error = undefined
  job.detail = undefined
  await save(job)
  return job
}

export const isAbort = (err: unknown) => (err as { name?: string } | null)?.name === 'AbortError'
