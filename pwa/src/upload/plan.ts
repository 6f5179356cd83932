// Part planning: which byte ranges make up each part, and which are still missing.

export interface Part {
  partNumber: number
  start: number
  end: number // exclusive
}

export interface StoredPart {
  partNumber: number
  etag: string
  size: number
}

/** planParts splits size bytes into the server's parts (the last may be shorter). */
export function planParts(size: number, partSize: number, partCount: number): Part[] {
  if (size <= 0 || partSize <= 0) throw new Error('nothing to upload')
  if (Math.ceil(size / partSize) !== partCount) throw new Error(`plan mismatch: ${size} bytes in ${partCount} parts of ${partSize}`)
  const parts: Part[] = []
  for (let n = 1; n <= partCount; n++) {
    const start = (n - 1) * partSize
    parts.push({ partNumber: n, start, end: Math.min(start + partSize, size) })
  }
  return parts
}

/** missingParts lists the parts storage does not hold whole yet. */
export function missingParts(plan: Part[], stored: StoredPart[]): number[] {
  const have = new Map(stored.map((p) => [p.partNumber, p]))
  return plan.filter((p) => have.get(p.partNumber)?.size !== p.end - p.start).map((p) => p.partNumber)
}

/**
 * The part size the phone asks for: the smallest storage takes (S3: 5 MiB). A cut
 * connection loses at most the parts in flight, and after a cut one part is in
 * flight at a time (uploader.ts), so a bad link wastes little. On a good link two
 * parts in flight hide the cost of the extra requests.
 */
export const PART_SIZE = 5 * 1024 * 1024
