// The queue survives a reload: the job in IndexedDB, the file kept on the
// phone, and the upload resumed from the parts storage already holds.
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { allJobs, deleteJob, dropFile, keepFile, loadFile, saveJob } from './store'
import { runUpload, type Api, type Job, type Transport } from './uploader'

function memoryStorage(partSize: number) {
  const stored = new Map<number, { etag: string; size: number; bytes: Uint8Array }>()
  const puts: number[] = []
  let verified = false
  const api: Api = {
    begin: async (input) => ({ evidenceId: 'ev9', partSize, partCount: Math.ceil(input.size / partSize) }),
    presign: async (_id, parts) => parts.map((n) => ({ partNumber: n, url: `mem://${n}`, headers: [] })),
    status: async () => ({ status: verified ? 'VERIFIED' : 'UPLOADING', parts: [...stored].map(([partNumber, p]) => ({ partNumber, etag: p.etag, size: p.size })) }),
    complete: async () => ((verified = true), { status: 'VERIFIED' }),
  }
  const transport: Transport = {
    async put(url, _h, body, signal) {
      if (signal?.aborted) throw new DOMException('paused', 'AbortError')
      const n = Number(url.slice(6))
      puts.push(n)
      stored.set(n, { etag: `"${n}"`, size: body.size, bytes: new Uint8Array(await body.arrayBuffer()) })
      return `"${n}"`
    },
  }
  const object = () => {
    const parts = [...stored.keys()].sort((a, b) => a - b).map((n) => stored.get(n)!.bytes)
    return new Uint8Array(parts.flatMap((p) => [...p]))
  }
  return { api, transport, puts, object }
}

describe('the kept queue', () => {
  it('keeps the file and the job, and resumes after a reload from the parts storage holds', async () => {
    const content = new Uint8Array(45).map((_, i) => i)
    const job: Job = {
      id: 'reload-1', state: 'queued', sent: 0, createdAt: 1,
      input: { classID: 'c', kind: 'ATTENDANCE_VIDEO', fileName: 'v.mp4', contentType: 'video/mp4', size: 45, sha256: 'ab', capturedAt: '2020-09-01T02:00:00Z' },
    }
    await keepFile(job.id, new Blob([content]))
    await saveJob(job)

    // The first page: two parts go up, then the tab dies.
    const s = memoryStorage(10)
    const ctl = new AbortController()
    const dying: Transport = {
      async put(url, h, body, signal) {
        const etag = await s.transport.put(url, h, body, signal)
        if (s.puts.length === 2) ctl.abort()
        return etag
      },
    }
    await expect(runUpload(job, (await loadFile(job.id))!, { api: s.api, transport: dying, signal: ctl.signal, save: saveJob, concurrency: 1 })).rejects.toThrow()

    // The next page: everything comes back from IndexedDB.
    const [back] = await allJobs()
    expect(back).toMatchObject({ id: 'reload-1', evidenceId: 'ev9', partCount: 5, sent: 20 })
    const file = await loadFile(back.id)
    expect(file!.size).toBe(45)
    const done = await runUpload(back, file!, { api: s.api, transport: s.transport, save: saveJob })
    expect(done.state).toBe('verified')
    expect(s.puts).toEqual([1, 2, 3, 4, 5]) // parts 1 and 2 were not sent again
    expect(s.object()).toEqual(content)
    expect((await allJobs())[0].state).toBe('verified')

    // Verified: the phone's copy goes, the record stays until removed.
    await dropFile(back.id)
    expect(await loadFile(back.id)).toBeNull()
    await deleteJob(back.id)
    expect(await allJobs()).toEqual([])
  })
})
