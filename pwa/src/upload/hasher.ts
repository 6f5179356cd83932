// hashFile hashes in a Web Worker where there is one, else on the page.
import { sha256OfBlob } from './hash'

export function hashFile(file: Blob, onProgress?: (done: number, total: number) => void): Promise<string> {
  if (typeof Worker === 'undefined') return sha256OfBlob(file, onProgress)
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e) => {
      const m = e.data
      if (m.type === 'progress') onProgress?.(m.done, m.total)
      else {
        worker.terminate()
        if (m.type === 'done') resolve(m.digest)
        else reject(new Error(m.message))
      }
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message))
    }
    worker.postMessage({ file })
  })
}
