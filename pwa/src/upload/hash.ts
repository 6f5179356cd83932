// SHA-256 of a Blob read in slices, so that memory stays flat whatever the
// file size: at most one slice is held at a time. The hasher's state can be
// saved as it goes and hashing resumed from it, so that a reload does not
// start a 4 GiB file from zero.
import { createSHA256 } from 'hash-wasm'

export const HASH_SLICE = 4 * 1024 * 1024
/** How often (in bytes) the state is handed out to be saved. */
export const HASH_STATE_EVERY = 32 * 1024 * 1024

/** Where hashing stopped: the bytes hashed and the hasher's saved state. */
export interface HashState {
  done: number
  state: Uint8Array
}

export interface HashOptions {
  onProgress?: (done: number, total: number) => void
  sliceSize?: number
  signal?: AbortSignal
  /** Resume from a state saved earlier (for the same file). */
  from?: HashState
  /** Called with the state every stateEvery bytes. */
  onState?: (s: HashState) => void
  stateEvery?: number
}

export async function sha256OfBlob(blob: Blob, o: HashOptions = {}): Promise<string> {
  const slice = o.sliceSize ?? HASH_SLICE
  const every = o.stateEvery ?? HASH_STATE_EVERY
  const hasher = await createSHA256()
  hasher.init()
  let offset = 0
  if (o.from && o.from.done > 0 && o.from.done <= blob.size) {
    hasher.load(o.from.state)
    offset = o.from.done
  }
  let lastState = offset
  while (offset < blob.size) {
    if (o.signal?.aborted) throw new DOMException('paused', 'AbortError')
    const end = Math.min(offset + slice, blob.size)
    hasher.update(new Uint8Array(await blob.slice(offset, end).arrayBuffer()))
    offset = end
    o.onProgress?.(end, blob.size)
    if (o.onState && end < blob.size && end - lastState >= every) {
      lastState = end
      o.onState({ done: end, state: hasher.save() })
    }
  }
  return hasher.digest('hex')
}
