// The R7 clocks of an application as the queue reads them.

export interface ClockLike {
  name: string
  dueAt: string
  dueSoon: boolean
  overdue: boolean
  stopped: boolean
}

/** nextDue is the due time of the running clock due first, or undefined when none runs. */
export function nextDue(clocks: readonly ClockLike[]): string | undefined {
  let first: string | undefined
  for (const c of clocks) if (!c.stopped && (first === undefined || Date.parse(c.dueAt) < Date.parse(first))) first = c.dueAt
  return first
}

/** byDue sorts a queue: running clocks first, the one due soonest on top; then the rest, newest first. */
export function byDue<T extends { clocks: readonly ClockLike[]; submittedAt: string }>(rows: readonly T[]): T[] {
  const key = (r: T) => nextDue(r.clocks)
  return [...rows].sort((a, b) => {
    const da = key(a)
    const db = key(b)
    if (da && db) return Date.parse(da) - Date.parse(db)
    if (da) return -1
    if (db) return 1
    return Date.parse(b.submittedAt) - Date.parse(a.submittedAt)
  })
}
