// Retries with exponential backoff and jitter, for flaky mobile networks.

/** PermanentError is a failure that trying again cannot fix (a refused file, a checksum mismatch). */
export class PermanentError extends Error {}

/** The API's error codes that no retry can fix. */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'])

/** isPermanent tells failures worth retrying from those that are not. */
export function isPermanent(err: unknown): boolean {
  if (err instanceof PermanentError) return true
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && PERMANENT_CODES.has(code)
}

export interface RetryOptions {
  retries: number
  baseMs?: number
  maxMs?: number
  random?: () => number
  /** sleep waits between attempts; the default is a timer that a pause cuts short. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** online resolves when the network is (back) up: offline time does not burn retries in vain. */
  online?: (signal?: AbortSignal) => Promise<void>
  signal?: AbortSignal
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void
}

/** backoffDelay is min(max, base * 2^attempt) scaled by a jitter in [0.5, 1). */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt)
  return Math.round(ceiling * (0.5 + random() / 2))
}

export const abortError = () => new DOMException('paused', 'AbortError')

/** sleep waits ms milliseconds, or rejects as soon as signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError())
    const done = () => {
      signal?.removeEventListener('abort', stop)
      resolve()
    }
    const timer = setTimeout(done, ms)
    const stop = () => {
      clearTimeout(timer)
      reject(abortError())
    }
    signal?.addEventListener('abort', stop, { once: true })
  })
}

/** withRetry runs fn until it succeeds, fails permanently, is aborted, or runs out of retries. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (o.signal?.aborted) throw abortError()
    try {
      return await fn(attempt)
    } catch (err) {
      if (o.signal?.aborted) throw abortError()
      if (isPermanent(err) || attempt >= o.retries) throw err
      const delay = backoffDelay(attempt, o.baseMs, o.maxMs, o.random)
      o.onRetry?.(attempt + 1, delay, err)
      await (o.sleep ?? sleep)(delay, o.signal)
      await o.online?.(o.signal)
    }
  }
}
