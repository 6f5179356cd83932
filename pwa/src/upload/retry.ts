// Retries with exponential backoff and jitter, for flaky mobile networks.

export class PermanentError extends Error {}

export interface RetryOptions {
  retries: number
  baseMs?: number
  maxMs?: number
  random?: () => number
  sleep?: (ms: number) => Promise<void>
  signal?: AbortSignal
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void
}

/** backoffDelay is min(max, base * 2^attempt) scaled by a jitter in [0.5, 1). */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt)
  return Math.round(ceiling * (0.5 + random() / 2))
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** withRetry runs fn until it succeeds, fails permanently, or runs out of retries. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (err) {
      if (err instanceof PermanentError || o.signal?.aborted || attempt >= o.retries) throw err
      const delay = backoffDelay(attempt, o.baseMs, o.maxMs, o.random)
      o.onRetry?.(attempt + 1, delay, err)
      await (o.sleep ?? sleep)(delay)
    }
  }
}
