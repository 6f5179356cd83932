// The read cache: the last answer the server gave to each query a screen
// opted into, kept in IndexedDB so that the screen still shows something
// when the network is down. An answer belongs to the user who read it (its
// key starts with their id) and the whole cache goes at sign-out.
import { openDB, type IDBPDatabase } from 'idb'

export interface Saved<D = unknown> {
  key: string
  user: string
  data: D
  /** When the server gave this answer (ms since the epoch). */
  savedAt: number
}

let dbp: Promise<IDBPDatabase> | null = null
function db() {
  dbp ??= openDB('bairi-cache', 1, {
    upgrade(d) {
      d.createObjectStore('answers', { keyPath: 'key' }).createIndex('user', 'user')
    },
  })
  return dbp
}

/** stable writes a value as JSON with the keys of every object sorted, so that {a,b} and {b,a} make one key. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stable).join(',') + ']'
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + stable(o[k])).join(',') + '}'
  }
  return JSON.stringify(v ?? null)
}

/** operationName is the name of a GraphQL document's first operation: Class for the Class query. */
export function operationName(text: string): string {
  return /\b(?:query|mutation)\s+([A-Za-z_]\w*)/.exec(text)?.[1] ?? text
}

/** cacheKey names one answer: the user, the operation and its variables. */
export const cacheKey = (user: string, operation: string, vars: unknown) => `${user}|${operation}|${stable(vars)}`

/** saveAnswer keeps the server's answer; a failure to keep it (no room, no IndexedDB) is not the screen's problem. */
export async function saveAnswer(user: string, key: string, data: unknown, savedAt = Date.now()) {
  try {
    await (await db()).put('answers', JSON.parse(JSON.stringify({ key, user, data, savedAt })))
  } catch {
    /* the screen works without the cache */
  }
}

/** savedAnswer returns the kept answer of this key for this user, or null. */
export async function savedAnswer<D>(user: string, key: string): Promise<Saved<D> | null> {
  try {
    const s = (await (await db()).get('answers', key)) as Saved<D> | undefined
    return s && s.user === user ? s : null
  } catch {
    return null
  }
}

/** clearAnswers forgets every kept answer (at sign-out: the next user of the phone reads none of them). */
export async function clearAnswers() {
  try {
    await (await db()).clear('answers')
  } catch {
    /* nothing kept */
  }
}
