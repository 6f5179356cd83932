// The hashing Web Worker: keeps the page responsive while a video is hashed.
import { sha256OfBlob } from './hash'

self.onmessage = async (e: MessageEvent<{ file: Blob }>) => {
  try {
    const digest = await sha256OfBlob(e.data.file, (done, total) => self.postMessage({ type: 'progress', done, total }))
    self.postMessage({ type: 'done', digest })
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err) })
  }
}
