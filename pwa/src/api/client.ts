// The urql client, and a small helper that turns GraphQL errors into ApiError.
import { Client, cacheExchange, fetchExchange, type AnyVariables } from '@urql/vue'
import { ApiError, authFetch } from './session'

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
