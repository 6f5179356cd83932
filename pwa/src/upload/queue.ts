// The app's upload queue: keep the file, hash it, upload it with
// pause/resume/retry/cancel, progress and speed; resumed after a reload,
// a closed tab or when the network returns. Nothing recorded is lost.
import { reactive } from 'vue'
import { errorText } from '../api/errors'
import { ApiError } from '../api/session'
import { graphqlApi, xhrTransport } from './api'
import { contentTypeOf } from './accept'
import { hashFile } from './hasher'
import { PART_SIZE } from './plan'
import { isPermanent } from './retry'
import { StorageFullError, allJobs, deleteJob, dropFile, keepFile, loadFile, saveJob } from './store'
import { ServerFailedError, isAbort, runUpload, type BeginInput, type FailureCode, type Job } from './uploader'

export interface Entry extends Job {
  /** Bytes hashed so far. */
  hashed: number
  /** Bytes on their way in parts storage has not confirmed yet (lost if the connection is cut). */
  inflight: number
  /** Bytes per second over the last seconds. */
  speed: number
  /** Seconds left at that speed; null while it cannot be told. */
  secondsLeft: number | null
}

/** busy: the job runs on this page; closing the page stops it. */
export const busy = (e: Job) => e.state === 'uploading' || e.state === 'hashing' || e.state === 'completing'


export const queue = reactive<{ entries: Entry[] }>({ entries: [] })
const running = new Map<string, AbortController>()

/** online resolves when the browser says the network is up (or when paused). */
function online(signal?: AbortSignal): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const up = () => {
      signal?.removeEventListener('abort', paused)
      resolve()
    }
    const paused = () => {
      window.removeEventListener('online', up)
      reject(new DOMException('paused', 'AbortError'))
    }
    window.addEventListener('online', up, { once: true })
    signal?.addEventListener('abort', paused, { once: true })
  })
}

// The screen stays on while uploading; the lock is lost when the page is
// hidden, so it is asked for again when the page is visible.
type Lock = { release(): Promise<void> }
let wakeLock: Lock | null = null
async function holdWake(on: boolean) {
  const wl = (navigator as Navigator & { wakeLock?: { request(t: 'screen'): Promise<Lock> } }).wakeLock
  try {
    if (on && !wakeLock && wl && document.visibilityState === 'visible') {
      wakeLock = await wl.request('screen')
      ;(wakeLock as unknown as EventTarget).addEventListener?.('release', () => (wakeLock = null))
    }
    if (!on && wakeLock) {
      const l = wakeLock
      wakeLock = null
      await l.release()
    }
  } catch {
    /* not granted: uploads go on */
  }
}

function entry(job: Job): Entry {
  let e = queue.entries.find((x) => x.id === job.id)
  if (!e) {
    e = reactive({ hashed: job.input.sha256 ? job.input.size : (job.hashFrom?.done ?? 0), inflight: 0, speed: 0, secondsLeft: null, ...job }) as Entry
    queue.entries.unshift(e)
  } else Object.assign(e, job)
  return e
}

/** place asks for the phone's position, with permission, and gives up after a while. */
async function place(): Promise<{ latitude: number; longitude: number } | null> {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return null
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 10_000) // an unanswered permission prompt
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer)
        resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude })
      },
      () => {
        clearTimeout(timer)
        resolve(null)
      },
      { timeout: 8000, maximumAge: 600_000, enableHighAccuracy: false },
    )
  })
}

/** still: nothing moving (no speed, nothing in flight, no time to tell). */
const still = (e: Entry) => Object.assign(e, { speed: 0, inflight: 0, secondsLeft: null })

function fail(e: Entry, code: FailureCode, detail?: unknown) {
  e.state = 'failed'
  e.error = code
  e.detail = detail === undefined ? undefined : code === 'rejected' ? (detail instanceof ApiError ? errorText(detail) : undefined) : String((detail as Error)?.message ?? detail)
  still(e)
}

/** What an upload is for besides its class and kind: the evidence it replaces, the on-site check or enterprise visit it documents. */
export interface Purpose {
  replacesID?: string
  onSiteCheckID?: string
  enterpriseVisitID?: string
}

/** Refusal: the server will not take this file (its size, type, the class's state...), in the user's language. */
export interface Refusal {
  refused: string
}

/**
 * enqueue asks the server whether it will take the file (before anything is
 * copied or hashed: a 4 GiB + 1 byte video is refused at once), then keeps it
 * on the phone, hashes it and starts uploading it. Offline the question waits:
 * the file is kept and the server answers when the upload begins.
 */
export async function enqueue(classID: string | null, kind: string, file: File, purpose: Purpose = {}): Promise<string | Refusal> {
  const id = crypto.randomUUID()
  // Capture time: the camera's file time (or now); the place with permission.
  const capturedAt = new Date(file.lastModified || Date.now()).toISOString()
  const input: BeginInput = {
    classID, kind, fileName: file.name || 'video.mp4', contentType: contentTypeOf(file), size: file.size, sha256: '',
    capturedAt, latitude: null, longitude: null, durationSeconds: null,
    replacesID: purpose.replacesID ?? null, onSiteCheckID: purpose.onSiteCheckID ?? null,
    ...(purpose.enterpriseVisitID ? { enterpriseVisitID: purpose.enterpriseVisitID } : {}),
    partSize: PART_SIZE,
  }
  try {
    await graphqlApi.check?.(input)
  } catch (err) {
    if (isPermanent(err)) return { refused: errorText(err) }
    // Offline or the server is unreachable: begin will check.
  }
  const e = entry({ id, input, state: 'hashing', sent: 0, createdAt: Date.now() })
  try {
    await keepFile(id, file)
  } catch (err) {
    fail(e, err instanceof StorageFullError ? 'storageFull' : 'fileGone', err)
    return id
  }
  await saveJob(e)
  const where = await place()
  e.input.latitude = where?.latitude ?? null
  e.input.longitude = where?.longitude ?? null
  await saveJob(e)
  void start(id)
  return id
}

/** A job that failed on the network tries again after this long (the 'online' event may never come). */
const NETWORK_RETRY_MS = 30_000

/** start (or resume) a job: hash the kept file if that is not done, then upload what storage lacks. */
export async function start(id: string) {
  const e = queue.entries.find((x) => x.id === id)
  if (!e || running.has(id) || e.state === 'verified') return
  const ctl = new AbortController()
  running.set(id, ctl)
  e.error = undefined
  e.detail = undefined
  // A cancelled job is not written back.
  const save = async (j: Job) => {
    if (queue.entries.includes(e)) await saveJob(j)
  }
  try {
    const file = await loadFile(id)
    if (!file) {
      fail(e, 'fileGone')
      return await save(e)
    }
    await holdWake(true)
    if (!e.input.sha256) {
      e.state = 'hashing'
      // The hasher's state is kept now and then: a reload goes on from there.
      e.input.sha256 = await hashFile(file, {
        signal: ctl.signal,
        from: e.hashFrom ? { done: e.hashFrom.done, state: new Uint8Array(e.hashFrom.state) } : undefined,
        onProgress: (done) => (e.hashed = done),
        onState: (st) => {
          e.hashFrom = { done: st.done, state: Array.from(st.state) }
          void save(e)
        },
      })
      e.hashed = file.size
      e.hashFrom = undefined
    }
    e.state = 'uploading'
    await save(e)
    await runUpload(e, file, {
      api: graphqlApi, transport: xhrTransport, signal: ctl.signal, save, online,
      onProgress: (p) => Object.assign(e, { inflight: p.inflight, speed: p.speed, secondsLeft: p.secondsLeft }),
    })
    still(e)
    await dropFile(id) // storage holds it, verified: free the phone's space
  } catch (err) {
    if (ctl.signal.aborted || isAbort(err)) {
      e.state = 'paused'
      still(e)
    } else if (err instanceof ServerFailedError) {
      // The server ended this upload (e.g. the file did not match): a retry begins a new one.
      fail(e, 'serverFailed', err)
      Object.assign(e, { evidenceId: undefined, partSize: undefined, partCount: undefined, sent: 0 })
      e.input.sha256 = ''
      e.hashFrom = undefined
    } else if (isPermanent(err)) fail(e, 'rejected', err)
    else {
      fail(e, 'network', err)
      setTimeout(() => e.state === 'failed' && e.error === 'network' && void start(id), NETWORK_RETRY_MS)
    }
    await save(e)
  } finally {
    running.delete(id)
    if (running.size === 0) await holdWake(false)
  }
}

export function pause(id: string) {
  running.get(id)?.abort()
}

/** cancel stops a job, tells the server to drop the unfinished upload and forgets the file. */
export async function cancel(id: string) {
  pause(id)
  const e = queue.entries.find((x) => x.id === id)
  if (e?.evidenceId && e.state !== 'verified') await graphqlApi.abort?.(e.evidenceId).catch(() => {})
  await deleteJob(id)
  queue.entries = queue.entries.filter((x) => x.id !== id)
}

/** restore reloads the queue and resumes the jobs that were under way. */
export async function restore() {
  for (const j of await allJobs()) entry(j)
  for (const e of queue.entries) {
    if (['hashing', 'queued', 'uploading', 'completing'].includes(e.state)) void start(e.id)
  }
}

if (typeof window !== 'undefined') {
  // Back online: jobs that failed on the network go on by themselves.
  window.addEventListener('online', () => {
    for (const e of queue.entries) if (e.state === 'failed' && e.error === 'network') void start(e.id)
  })
  // Closing or reloading the page stops what runs on it: the browser asks first.
  window.addEventListener('beforeunload', (ev) => {
    if (queue.entries.some(busy)) {
      ev.preventDefault()
      ev.returnValue = ''
    }
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && running.size > 0) void holdWake(true)
  })
}
