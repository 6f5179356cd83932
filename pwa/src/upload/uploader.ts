// The upload of one evidence file in the four steps of the API, resumable:
// it asks the server which parts storage already holds and sends the rest.
import { missingParts, planParts, type StoredPart } from './plan'
import { PermanentError, withRetry } from './retry'

export interface BeginInput {
  classID: string
  kind: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  capturedAt: string
  latitude?: number | null
  longitude?: number | null
}

export interface PresignedPart {
  partNumber: number
  url: string
  headers: { name: string; value: string }[]
}

export interface Api {
  begin(input: BeginInput): Promise<{ evidenceId: string; partSize: number; partCount: number }>
  presign(evidenceId: string, partNumbers: number[]): Promise<PresignedPart[]>
  status(evidenceId: string): Promise<StoredPart[]>
  complete(evidenceId: string, parts: { partNumber: number; etag: string }[]): Promise<{ status: string }>
}

export interface Transport {
  /** put sends one part and returns its ETag. */
  put(url: string, headers: Record<string, string>, body: Blob, signal?: AbortSignal, onProgress?: (sent: number) => void): Promise<string>
}

export interface Job {
  id: string
  input: BeginInput
  evidenceId?: string
  partSize?: number
  partCount?: number
  state: 'queued' | 'hashing' | 'uploading' | 'paused' | 'completing' | 'verified' | 'failed'
  sent: number
  error?: string
}

export interface RunOptions {
  api: Api
  transport: Transport
  save?: (job: Job) => Promise<void>
  signal?: AbortSignal
  retries?: number
  sleep?: (ms: number) => Promise<void>
  onProgress?: (job: Job, bytesPerSecond: number) => void
}

/** runUpload drives a job to VERIFIED, resuming from what storage holds. */
export async function runUpload(job: Job, file: Blob, o: RunOptions): Promise<Job> {
  const save = o.save ?? (async () => {})
  const retry = { retries: o.retries ?? 6, sleep: o.sleep, signal: o.signal }
  if (!job.evidenceId) {
    const b = await withRetry(() => o.api.begin(job.input), retry)
    Object.assign(job, { evidenceId: b.evidenceId, partSize: b.partSize, partCount: b.partCount })
    await save(job)
  }
  const plan = planParts(file.size, job.partSize!, job.partCount!)
  job.state = 'uploading'
  let stored = await withRetry(() => o.api.status(job.evidenceId!), retry)
  const etags = new Map(stored.map((p) => [p.partNumber, p.etag]))
  const todo = missingParts(plan, stored)
  job.sent = plan.filter((p) => !todo.includes(p.partNumber)).reduce((n, p) => n + p.end - p.start, 0)
  await save(job)
  const started = Date.now()
  const sentAtStart = job.sent
  for (let i = 0; i < todo.length; i += 10) {
    const batch = todo.slice(i, i + 10)
    const urls = await withRetry(() => o.api.presign(job.evidenceId!, batch), retry)
    for (const u of urls) {
      if (o.signal?.aborted) throw new DOMException('paused', 'AbortError')
      const p = plan[u.partNumber - 1]
      const headers = Object.fromEntries(u.headers.map((h) => [h.name, h.value]))
      const etag = await withRetry(
        () =>
          o.transport.put(u.url, headers, file.slice(p.start, p.end), o.signal, (n) => {
            const secs = Math.max((Date.now() - started) / 1000, 0.001)
            o.onProgress?.({ ...job, sent: job.sent + n }, (job.sent + n - sentAtStart) / secs)
          }),
        retry,
      )
      etags.set(u.partNumber, etag)
      job.sent += p.end - p.start
      await save(job)
    }
  }
  job.state = 'completing'
  await save(job)
  // Storage is the truth: take its list of parts and ETags.
  stored = await withRetry(() => o.api.status(job.evidenceId!), retry)
  const missing = missingParts(plan, stored)
  if (missing.length > 0) throw new Error(`parts ${missing.join(', ')} are missing after upload`)
  const done = await o.api.complete(job.evidenceId!, stored.map((p) => ({ partNumber: p.partNumber, etag: p.etag || etags.get(p.partNumber)! })))
  if (done.status !== 'VERIFIED') throw new PermanentError(`the server did not verify the file (${done.status})`)
  job.state = 'verified'
  await save(job)
  return job
}
