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

export async function saveJob(job: Job) {
  await (await db()).put('jobs', JSON.parse(JSON.stringify(job)))
}

export async function allJobs(): Promise<Job[]> {
  return (await db()).getAll('jobs')
}

export async function deleteJob(id: string) {
  const d = await db()
  await d.delete('jobs', id)
  await d.delete('files', id)
  try {
    const root = await navigator.storage.getDirectory()
    await root.removeEntry(`upload-${id}`)
  } catch {
    /* not in OPFS */
  }
}

/** keepFile stores the file so that a reload or a closed tab does not lose it. */
export async function keepFile(id: string, file: Blob) {
  try {
    const root = await navigator.storage.getDirectory()
    const handle = await root.getFileHandle(`upload-${id}`, { create: true })
    const w = await (handle as FileSystemFileHandle & { createWritable(): Promise<FileSystemWritableFileStream> }).createWritable()
    await w.write(file)
    await w.close()
  } catch {
    await (await db()).put('files', file, id)
  }
}

export async function loadFile(id: string): Promise<Blob | null> {
  try {
    const root = await navigator.storage.getDirectory()
    return await (await root.getFileHandle(`upload-${id}`)).getFile()
  } catch {
    return ((await (await db()).get('files', id)) as Blob | undefined) ?? null
  }
}
