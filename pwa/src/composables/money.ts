// Money as the user types it and as the server keeps it: integer fen, never float arithmetic on amounts.

/**
 * fenOf reads an amount typed in yuan ("1000", "1000.5", "1000.50") as integer fen, by joining the digit strings
 * (no float arithmetic); null unless it is a positive amount with at most two decimals.
 */
export function fenOf(text: string): number | null {
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  const fen = Number(m[1]! + (m[2] ?? '').padEnd(2, '0'))
  return fen > 0 ? fen : null
}

/**
 * useIntentKeys gives one idempotency key per intent of the user (what is asked, e.g. ['deposit', code, fen]):
 * a retry of the same intent, or a double tap, sends the same key, so the server moves the money once;
 * done() forgets it once it succeeded, so that the next intent gets a new key.
 */
export function useIntentKeys() {
  const keys = new Map<string, string>()
  return {
    keyFor(intent: unknown[]): string {
      const k = JSON.stringify(intent)
      let key = keys.get(k)
      if (!key) keys.set(k, (key = crypto.randomUUID()))
      return key
    },
    done(intent: unknown[]) {
      keys.delete(JSON.stringify(intent))
    },
  }
}
