// The upload queue kept across reloads: job state in IndexedDB, the file
// itself in OPFS where the browser has it, else in IndexedDB.
import { openDB, type IDBPDatabase } from 'idb'
import type { Job } from './uploader'

let dbp: Promise<IDBPDatabase> | null = null
function db() {
  dbp ??= openDB('bairi-uploads', 1, {
    upgrade(d) {
      d.createObjectStore('jobs', { keyPath: 'id' })
      d.createObjectStore('files')
    },
  })
  return dbp
}

/** StorageFullError: the phone has no room to keep the file. */
export class StorageFullError extends Error {}

export async function saveJob(job: Job) {
  await (await db()).put('jobs', JSON.parse(JSON.stringify(job)))
}

export async function allJobs(): Promise<Job[]> {
  const jobs: Job[] = await (await db()).getAll('jobs')
  return jobs.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0))
}

export async function deleteJob(id: string) {
  await (await db()).delete('jobs', id)
  await dropFile(id)
}

const opfsName = (id: string) => `upload-${id}`
const storage = (): StorageManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage)

async function opfs(): Promise<FileSystemDirectoryHandle | null> {
  try {
    return (await storage()?.getDirectory?.()) ?? null
  } catch {
    return null
  }
}

/** keepFile stores the file so that a reload or a closed tab does not lose it. */
export async function keepFile(id: string, file: Blob) {
  // Ask the browser not to evict what we keep (granted silently to installed apps).
  await storage()?.persist?.().catch(() => false)
  const est = await storage()?.estimate?.().catch(() => undefined)
  if (est?.quota !== undefined && est.usage !== undefined && est.quota - est.usage < file.size) throw new StorageFullError('no room')
  const root = await opfs()
  const handle = await root?.getFileHandle(opfsName(id), { create: true }).catch(() => null)
  const writable = handle && 'createWritable' in handle ? await handle.createWritable().catch(() => null) : null
  if (writable) {
    try {
      await writable.write(file)
      await writable.close()
      return
    } catch (err) {
      await writable.abort().catch(() => {})
      await root?.removeEntry(opfsName(id)).catch(() => {})
      if (isQuota(err)) throw new StorageFullError(String(err))
    }
  }
  try {
    await (await db()).put('files', file, id)
  } catch (err) {
    throw isQuota(err) ? new StorageFullError(String(err)) : err
  }
}

/** loadFile returns the kept file, or null when it is gone. */
export async function loadFile(id: string): Promise<Blob | null> {
  const root = await opfs()
  const f = await root
    ?.getFileHandle(opfsName(id))
    .then((h) => h.getFile())
    .catch(() => null)
  if (f) return f
  return ((await (await db()).get('files', id)) as Blob | undefined) ?? null
}

/** dropFile frees the space of a file that storage now holds. */
export async function dropFile(id: string) {
  await (await db()).delete('files', id)
  await (await opfs())?.removeEntry(opfsName(id)).catch(() => {})
}

const isQuota = (err: unknown) => (err as { name?: string } | null)?.name === 'QuotaExceededError'
