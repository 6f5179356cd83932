// The app's upload queue: hashing, uploading with pause/resume/retry/cancel,
// progress and speed, resumed after a reload or when the network returns.
import { reactive } from 'vue'
import { mutate, query } from '../api/client'
import type { BeginEvidenceUploadInput } from '../gql/graphql'
import { BeginUploadDoc, CompleteUploadDoc, UploadPartsDoc, UploadStatusDoc } from '../graphql/ops'
import { hashFile } from './hasher'
import { allJobs, deleteJob, keepFile, loadFile, saveJob } from './store'
import { runUpload, type Api, type BeginInput, type Job, type Transport } from './uploader'

export interface Entry extends Job {
  hashed: number
  speed: number
}

export const queue = reactive<{ entries: Entry[] }>({ entries: [] })
const controllers = new Map<string, AbortController>()

const api: Api = {
  async begin(input) {
    const d = await mutate(BeginUploadDoc, { input: input as BeginEvidenceUploadInput })
    return { evidenceId: d.beginEvidenceUpload.evidence.id, partSize: d.beginEvidenceUpload.partSize, partCount: d.beginEvidenceUpload.partCount }
  },
  async presign(id, parts) {
    return (await mutate(UploadPartsDoc, { id, parts })).evidenceUploadParts
  },
  async status(id) {
    return (await query(UploadStatusDoc, { id })).evidenceUploadStatus.uploadedParts
  },
  async complete(id, parts) {
    return (await mutate(CompleteUploadDoc, { id, parts })).completeEvidenceUpload
  },
}

/** xhrTransport PUTs a part with upload progress (fetch has none). */
const xhrTransport: Transport = {
  put(url, headers, body, signal, onProgress) {
    return new Promise((resolve, reject) => {
      const x = new XMLHttpRequest()
      x.open('PUT', url)
      for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v)
      x.upload.onprogress = (e) => onProgress?.(e.loaded)
      x.onload = () => (x.status >= 200 && x.status < 300 ? resolve(x.getResponseHeader('ETag') ?? '') : reject(new Error(`HTTP ${x.status}`)))
      x.onerror = () => reject(new Error('network error'))
      x.onabort = () => reject(new DOMException('aborted', 'AbortError'))
      signal?.addEventListener('abort', () => x.abort())
      x.send(body)
    })
  },
}

let wakeLock: { release(): Promise<void> } | null = null
async function holdWake(on: boolean) {
  try {
    if (on && !wakeLock) wakeLock = await (navigator as Navigator & { wakeLock?: { request(t: string): Promise<{ release(): Promise<void> }> } }).wakeLock?.request('screen') ?? null
    if (!on && wakeLock) {
      await wakeLock.release()
      wakeLock = null
    }
  } catch {
    /* not granted: uploads go on */
  }
}

function entry(job: Job): Entry {
  let e = queue.entries.find((x) => x.id === job.id)
  if (!e) {
    e = reactive({ ...job, hashed: 0, speed: 0 }) as Entry
    queue.entries.unshift(e)
  } else Object.assign(e, job)
  return e
}

async function place(): Promise<{ latitude: number; longitude: number } | null> {
  if (!('geolocation' in navigator)) return null
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000, maximumAge: 600_000 },
    ),
  )
}

/** enqueue keeps the file, hashes it and starts uploading. */
export async function enqueue(classID: string, kind: string, file: File) {
  const id = crypto.randomUUID()
  const where = await place()
  const input: BeginInput = {
    classID, kind, fileName: file.name || 'video.mp4', contentType: file.type || 'video/mp4', size: file.size, sha256: '',
    capturedAt: new Date(file.lastModified || Date.now()).toISOString(), latitude: where?.latitude ?? null, longitude: where?.longitude ?? null,
  }
  const e = entry({ id, input, state: 'hashing', sent: 0 })
  try {
    await keepFile(id, file)
  } catch {
    e.state = 'failed'
    e.error = 'storageFull'
    return
  }
  await saveJob(e)
  e.input.sha256 = await hashFile(file, (done) => (e.hashed = done))
  e.state = 'queued'
  await saveJob(e)
  await start(id)
}

/** start (or resume) an upload from what storage already holds. */
export async function start(id: string) {
  const e = queue.entries.find((x) => x.id === id)
  if (!e || controllers.has(id) || e.state === 'verified') return
  const file = await loadFile(id)
  if (!file) {
    e.state = 'failed'
    e.error = 'the file is gone from this device'
    return
  }
  const ctl = new AbortController()
  controllers.set(id, ctl)
  e.state = 'uploading'
  e.error = undefined
  await holdWake(true)
  try {
    await runUpload(e, file, {
      api, transport: xhrTransport, signal: ctl.signal, save: saveJob,
      onProgress: (j, speed) => Object.assign(e, { sent: j.sent, speed }),
    })
    e.state = 'verified'
    await saveJob(e)
  } catch (err) {
    e.state = ctl.signal.aborted ? 'paused' : 'failed'
    e.error = ctl.signal.aborted ? undefined : String((err as Error).message ?? err)
    await saveJob(e)
  } finally {
    controllers.delete(id)
    if (controllers.size === 0) await holdWake(false)
  }
}

export function pause(id: string) {
  controllers.get(id)?.abort()
}

export async function cancel(id: string) {
  pause(id)
  await deleteJob(id)
  queue.entries = queue.entries.filter((x) => x.id !== id)
}

/** restore reloads the queue and resumes unfinished uploads. */
export async function restore() {
  for (const j of await allJobs()) entry(j)
  for (const e of queue.entries) {
    if (e.state === 'uploading' || e.state === 'queued' || e.state === 'completing') void start(e.id)
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    for (const e of queue.entries) if (e.state === 'failed' || e.state === 'uploading') void start(e.id)
  })
}
