// hashFile hashes in a Web Worker where there is one, else on the page.
import { sha256OfBlob, type HashOptions } from './hash'

export function hashFile(file: Blob, o: HashOptions = {}): Promise<string> {
  if (typeof Worker === 'undefined') return sha256OfBlob(file, o)
  const { signal } = o
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('paused', 'AbortError'))
    const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })
    const end = () => {
      worker.terminate()
      signal?.removeEventListener('abort', stop)
    }
    const stop = () => {
      end()
      reject(new DOMException('paused', 'AbortError'))
    }
    signal?.addEventListener('abort', stop, { once: true })
    worker.onmessage = (e) => {
      const m = e.data
      if (m.type === 'progress') return o.onProgress?.(m.done, m.total)
      if (m.type === 'state') return o.onState?.({ done: m.done, state: m.state })
      end()
      if (m.type === 'done') resolve(m.digest)
      else reject(new Error(m.message))
    }
    worker.onerror = (e) => {
      end()
      reject(new Error(e.message || 'the hashing worker failed'))
    }
    worker.postMessage({ file, from: o.from })
  })
}
