// The signed-in session: tokens in localStorage, refreshed once at a time.
import { reactive } from 'vue'
import type { RefreshMutation, RefreshMutationVariables } from '../gql/graphql'
import { RefreshDoc } from '../graphql/ops'
import { i18n } from '../i18n'
import { clearAnswers } from './readCache'

export interface SessionUser {
  id: string
  username: string
  displayName: string
  role: string
}

interface Stored {
  accessToken: string
  refreshToken: string
  user: SessionUser
}

const KEY = 'bairi.session'

function load(): Stored | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null')
  } catch {
    return null
  }
}

export const session = reactive<{ current: Stored | null }>({ current: load() })

export function signIn(s: Stored) {
  session.current = s
  localStorage.setItem(KEY, JSON.stringify(s))
}

export function signOut() {
  session.current = null
  localStorage.removeItem(KEY)
  // What the server showed this user is not left on the phone for the next one.
  void clearAnswers()
}

export class ApiError extends Error {
  constructor(message: string, public code: string, public extensions: Record<string, unknown> = {}) {
    super(message)
  }
}

let refreshing: Promise<boolean> | null = null

/** refresh exchanges the refresh token once, for every caller waiting on it. */
export function refresh(): Promise<boolean> {
  if (refreshing) return refreshing
  refreshing = (async () => {
    const s = session.current
    if (!s) return false
    try {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: RefreshDoc.toString(),
          variables: { token: s.refreshToken } satisfies RefreshMutationVariables,
        }),
      })
      const body: { data?: RefreshMutation } = await res.json()
      const p = body?.data?.refreshToken
      if (!p) {
        signOut()
        return false
      }
      signIn({ accessToken: p.accessToken, refreshToken: p.refreshToken, user: p.user })
      return true
    } catch {
      return false // offline: keep the session, try again later
    } finally {
      refreshing = null
    }
  })()
  return refreshing
}

/** authFetch adds the bearer token and the app's language and, on 401, refreshes once and retries. */
export const authFetch: typeof fetch = async (input, init) => {
  const send = () => {
    const headers = new Headers(init?.headers)
    if (session.current) headers.set('Authorization', `Bearer ${session.current.accessToken}`)
    // The server says its errors in the app's language, not the phone's.
    headers.set('Accept-Language', i18n.global.locale.value)
    return fetch(input, { ...init, headers })
  }
  let res = await send()
  if (res.status === 401 && session.current && (await refresh())) res = await send()
  return res
}
