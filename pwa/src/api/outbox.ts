// The attendance outbox: opening-day marks saved on the phone first (IndexedDB),
// then sent to the server, at once when the network is up, else when it returns
// (the online event) or when the app starts again. recordOpeningAttendance
// replaces the whole set of a class, so one entry per class and user is kept,
// the last marks win, and sending the same marks twice leaves the same result.
// Marks the server refuses stay on the phone with its reason: nothing marked is lost.
import { openDB, type IDBPDatabase } from 'idb'
import { reactive, watch } from 'vue'
import { AttendanceDoc } from '../graphql/ops'
import { isNetworkFailure, mutate } from './client'
import { errorText } from './errors'
import { ApiError, session } from './session'

export interface Marks {
  /** user|class */
  key: string
  user: string
  classID: string
  /** The people marked present (the whole set). */
  present: string[]
  /** When the trainer saved them (ms): also their version, rising with each save of the class. */
  markedAt: number
  /** pending: to be sent; refused: the server said no (reason), kept until marked again or discarded. */
  state: 'pending' | 'refused'
  reason?: string
}

/** The signed-in user's marks not yet accepted by the server. */
export const outbox = reactive<{ marks: Marks[]; sending: boolean }>({ marks: [], sending: false })

let dbp: Promise<IDBPDatabase> | null = null
function db() {
  dbp ??= openDB('bairi-outbox', 1, {
    upgrade(d) {
      d.createObjectStore('attendance', { keyPath: 'key' })
    },
  })
  return dbp
}
const plain = (m: Marks): Marks => JSON.parse(JSON.stringify(m))

async function store(m: Marks) {
  try {
    await (await db()).put('attendance', plain(m))
  } catch {
    /* no IndexedDB (some in-app browsers): the marks live as long as the page */
  }
}

/** drop forgets the stored marks of this key if they are still the ones of this version. */
async function drop(key: string, markedAt: number) {
  try {
    const tx = (await db()).transaction('attendance', 'readwrite')
    const kept = (await tx.store.get(key)) as Marks | undefined
    if (kept?.markedAt === markedAt) await tx.store.delete(key)
    await tx.done
  } catch {
    /* nothing stored */
  }
}

/** loadOutbox reads the signed-in user's marks from the phone. */
export async function loadOutbox() {
  const user = session.current?.user.id
  let all: Marks[] = []
  try {
    all = user ? await (await db()).getAll('attendance') : []
  } catch {
    all = outbox.marks
  }
  outbox.marks = all.filter((m) => m.user === user).sort((a, b) => a.markedAt - b.markedAt)
}

/** marksOf returns the marks of a class still waiting (or refused), if any. */
export const marksOf = (classID: string): Marks | undefined => outbox.marks.find((m) => m.classID === classID && m.user === session.current?.user.id)

/**
 * markAttendance saves the marks on the phone, replacing earlier ones of the class, and sends
 * them if the network is up. It says what became of them: sent (the server has them), kept
 * (waiting for the network) or refused (the server said why, the marks are kept).
 */
export async function markAttendance(classID: string, present: string[]): Promise<'sent' | 'kept' | 'refused'> {
  const user = session.current?.user.id
  if (!user) throw new ApiError('not signed in', 'UNAUTHENTICATED')
  const key = `${user}|${classID}`
  const before = outbox.marks.find((m) => m.key === key)
  const m: Marks = { key, user, classID, present: [...present], markedAt: Math.max(Date.now(), (before?.markedAt ?? 0) + 1), state: 'pending' }
  await store(m)
  outbox.marks = [...outbox.marks.filter((x) => x.key !== key), m]
  await flush()
  const now = outbox.marks.find((x) => x.key === key && x.markedAt === m.markedAt)
  return !now ? 'sent' : now.state === 'refused' ? 'refused' : 'kept'
}

/** discard forgets the marks of a class (the trainer gives them up after a refusal). */
export async function discard(classID: string) {
  const m = marksOf(classID)
  if (!m) return
  await drop(m.key, m.markedAt)
  outbox.marks = outbox.marks.filter((x) => x !== m)
}

let flushing: Promise<void> | null = null
let again = false

/**
 * flush sends the signed-in user's pending marks, one request per class. One flush runs at a
 * time: a call during a flush is served by it (a second round sends what was marked meanwhile).
 */
export function flush(): Promise<void> {
  if (flushing) {
    again = true
    return flushing
  }
  flushing = (async () => {
    outbox.sending = true
    try {
      do {
        again = false
        await sendPending()
      } while (again)
    } finally {
      outbox.sending = false
      flushing = null
    }
  })()
  return flushing
}

async function sendPending() {
  const user = session.current?.user.id
  for (const m of outbox.marks.filter((x) => x.state === 'pending' && x.user === user)) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return
    try {
      await mutate(AttendanceDoc, { classID: m.classID, present: m.present })
    } catch (e) {
      // Not sent (no network, or the session must be renewed first): kept as it is, for the next try.
      if (isNetworkFailure(e) || (e instanceof ApiError && e.code === 'UNAUTHENTICATED')) return
      const current = outbox.marks.find((x) => x.key === m.key)
      if (current?.markedAt === m.markedAt) {
        current.state = 'refused'
        current.reason = errorText(e)
        await store(current)
      }
      continue
    }
    // Accepted: forgotten, unless the trainer marked the class again while they travelled.
    await drop(m.key, m.markedAt)
    outbox.marks = outbox.marks.filter((x) => !(x.key === m.key && x.markedAt === m.markedAt))
  }
}

/** startOutbox loads the signed-in user's marks and sends them, now and each time the network returns. */
export function startOutbox() {
  watch(
    () => session.current?.user.id,
    async () => {
      await loadOutbox()
      void flush()
    },
    { immediate: true },
  )
  window.addEventListener('online', () => void flush())
  // The server may have been out of reach with the phone online: try again when the app is looked at.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush()
  })
}
