// SHA-256 of a Blob read in slices, so that memory stays flat whatever the file size.
import { createSHA256 } from 'hash-wasm'

export const HASH_SLICE = 4 * 1024 * 1024

export async function sha256OfBlob(
  blob: Blob,
  onProgress?: (done: number, total: number) => void,
  sliceSize = HASH_SLICE,
): Promise<string> {
  const hasher = await createSHA256()
  hasher.init()
  for (let offset = 0; offset < blob.size; offset += sliceSize) {
    const chunk = new Uint8Array(await blob.slice(offset, Math.min(offset + sliceSize, blob.size)).arrayBuffer())
    hasher.update(chunk)
    onProgress?.(Math.min(offset + sliceSize, blob.size), blob.size)
  }
  return hasher.digest('hex')
}
