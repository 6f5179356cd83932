// The urql client, and a small helper that turns GraphQL errors into ApiError.
import { Client, cacheExchange, fetchExchange, type AnyVariables } from '@urql/vue'
import type { CertificateCheck } from '../gql/graphql'
import { cacheKey, operationName, saveAnswer, savedAnswer } from './readCache'
import { ApiError, authFetch, session } from './session'

export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  fetch: authFetch,
  requestPolicy: 'cache-and-network',
  preferGetMethod: false,
})

function toError(err: { graphQLErrors?: { message: string; extensions?: Record<string, unknown> }[]; networkError?: Error }): ApiError {
  const g = err.graphQLErrors?.[0]
  if (g) return new ApiError(g.message, String(g.extensions?.code ?? 'INTERNAL'), g.extensions ?? {})
  return new ApiError(err.networkError?.message ?? 'network error', 'NETWORK')
}

/** A typed operation from src/gql: a string (codegen's documentMode "string") that carries its types. */
export type Doc<D, V> = { __apiType?: (variables: V) => D; toString(): string }

// urql wants a primitive string (TypedDocumentString is a String object).
const text = (doc: { toString(): string }) => doc.toString()

export async function query<D, V extends AnyVariables>(doc: Doc<D, V>, vars: V): Promise<D> {
  const r = await client.query<D, V>(text(doc), vars, { requestPolicy: 'network-only' }).toPromise()
  if (r.error) throw toError(r.error)
  return r.data as D
}

export async function mutate<D, V extends AnyVariables>(doc: Doc<D, V>, vars: V): Promise<D> {
  const r = await client.mutation<D, V>(text(doc), vars).toPromise()
  if (r.error) throw toError(r.error)
  return r.data as D
}

/** An answer, fresh from the server (savedAt null) or kept from an earlier visit (savedAt: when the server gave it). */
export interface Answer<D> {
  data: D
  savedAt: number | null
}

/**
 * isNetworkFailure tells a request that never reached the server (offline, no route), or that the server could not
 * serve because its database or storage is away (UNAVAILABLE), from one the server refused.
 */
export const isNetworkFailure = (e: unknown) => e instanceof ApiError && (e.code === 'NETWORK' || e.code === 'UNAVAILABLE')

/**
 * cachedQuery asks the server and keeps its answer for the signed-in user; when the
 * network is down (not when the server refuses) it returns the answer kept from the
 * last time, with the time it was saved. With nothing kept it fails as query() does.
 */
export async function cachedQuery<D, V extends AnyVariables>(doc: Doc<D, V>, vars: V): Promise<Answer<D>> {
  const user = session.current?.user.id
  if (!user) return { data: await query(doc, vars), savedAt: null }
  const key = cacheKey(user, operationName(text(doc)), vars)
  try {
    const data = await query(doc, vars)
    // Signed out (or another user signed in) while the answer travelled: it is not kept.
    if (session.current?.user.id === user) await saveAnswer(user, key, data)
    return { data, savedAt: null }
  } catch (e) {
    if (!isNetworkFailure(e)) throw e
    const kept = await savedAnswer<D>(user, key)
    if (!kept) throw e
    return { data: kept.data, savedAt: kept.savedAt }
  }
}

/**
 * checkCertificate is the public certificate check, POST /api/certificate-check (the server's busiest request, answered
 * without the GraphQL executor): by the holder's name, or by the token of a certificate's QR link. It answers the
 * CertificateCheck (fields a check does not show are left out) or throws an ApiError as query() does.
 */
export async function checkCertificate(body: { number: string; name?: string; token?: string }): Promise<CertificateCheck> {
  let res: Response
  try {
    res = await authFetch('/api/certificate-check', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  } catch (e) {
    throw new ApiError(e instanceof Error ? e.message : 'network error', 'NETWORK')
  }
  const answer = await res.json().catch(() => null)
  if (res.ok && answer) return answer as CertificateCheck
  const g = answer?.errors?.[0]
  if (g) throw new ApiError(String(g.message), String(g.extensions?.code ?? 'INTERNAL'), g.extensions ?? {})
  throw new ApiError(`HTTP ${res.status}`, res.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL')
}
