// Files the server gives only to a signed-in user (a certificate's QR code):
// an <img> cannot send the session's token, so they are fetched here as blobs
// and shown through object URLs.
import { ApiError, authFetch } from './session'

/** The API's error code for an HTTP status of a file request. */
function codeOf(status: number): string {
  switch (status) {
    case 401: return 'UNAUTHENTICATED'
    case 403: return 'FORBIDDEN'
    case 404: return 'NOT_FOUND'
    case 429: return 'TOO_MANY_REQUESTS'
  }
  return 'INTERNAL'
}

/** fetchBlob GETs path with the session's token; a refusal is an ApiError whose code says why (its text comes from i18n). */
export async function fetchBlob(path: string): Promise<Blob> {
  let res: Response
  try {
    res = await authFetch(path)
  } catch {
    throw new ApiError('', 'NETWORK')
  }
  if (!res.ok) throw new ApiError('', codeOf(res.status))
  return res.blob()
}

/**
 * objectURLs shows fetched blobs one at a time: show() fetches path and
 * resolves to its object URL, revoking the one shown before; a fetch
 * overtaken by a later show() or a clear() is revoked as soon as it arrives.
 */
export function objectURLs() {
  let current = ''
  let turn = 0
  function clear() {
    turn++
    if (current) URL.revokeObjectURL(current)
    current = ''
  }
  async function show(path: string): Promise<string | null> {
    clear()
    const mine = turn
    const url = URL.createObjectURL(await fetchBlob(path))
    if (mine !== turn) {
      URL.revokeObjectURL(url)
      return null
    }
    current = url
    return url
  }
  return { show, clear }
}
