// SHA-256 of a Blob read in slices, so that memory stays flat whatever the
// file size: at most one slice is held at a time.
import { createSHA256 } from 'hash-wasm'

export const HASH_SLICE = 4 * 1024 * 1024

export async function sha256OfBlob(
  blob: Blob,
  onProgress?: (done: number, total: number) => void,
  sliceSize = HASH_SLICE,
  signal?: AbortSignal,
): Promise<string> {
  const hasher = await createSHA256()
  hasher.init()
  for (let offset = 0; offset < blob.size; offset += sliceSize) {
    if (signal?.aborted) throw new DOMException('paused', 'AbortError')
    const end = Math.min(offset + sliceSize, blob.size)
    hasher.update(new Uint8Array(await blob.slice(offset, end).arrayBuffer()))
    onProgress?.(end, blob.size)
  }
  return hasher.digest('hex')
}
