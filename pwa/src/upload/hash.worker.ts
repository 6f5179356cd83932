// The hashing Web Worker: keeps the page responsive while a video is hashed,
// and hands out its state now and then so that hashing resumes after a reload.
import { sha256OfBlob, type HashState } from './hash'

self.onmessage = async (e: MessageEvent<{ file: Blob; from?: HashState }>) => {
  try {
    const digest = await sha256OfBlob(e.data.file, {
      from: e.data.from,
      onProgress: (done, total) => self.postMessage({ type: 'progress', done, total }),
      onState: (s) => self.postMessage({ type: 'state', ...s }),
    })
    self.postMessage({ type: 'done', digest })
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err) })
  }
}
