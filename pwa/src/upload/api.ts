// The uploader's server side: the four GraphQL steps (and abort), and the
// XMLHttpRequest transport that PUTs parts straight to storage.
import { mutate, query } from '../api/client'
import type { BeginEvidenceUploadInput, EvidenceKind } from '../gql/graphql'
import { AbortUploadDoc, BeginUploadDoc, CheckUploadDoc, CompleteUploadDoc, UploadPartsDoc, UploadStateDoc } from '../graphql/ops'
import type { Api, Transport } from './uploader'

export const graphqlApi: Api = {
  async begin(input) {
    const d = await mutate(BeginUploadDoc, { input: { ...input, kind: input.kind as EvidenceKind } as BeginEvidenceUploadInput })
    const u = d.beginEvidenceUpload
    return { evidenceId: u.evidence.id, partSize: u.partSize, partCount: u.partCount }
  },
  async check(input) {
    await mutate(CheckUploadDoc, { input: { ...input, kind: input.kind as EvidenceKind } as BeginEvidenceUploadInput })
  },
  async presign(id, parts) {
    return (await mutate(UploadPartsDoc, { id, parts })).evidenceUploadParts
  },
  async status(id) {
    const s = (await query(UploadStateDoc, { id })).evidenceUploadStatus
    return { status: s.evidence.status, parts: s.uploadedParts, failureText: s.evidence.failureText }
  },
  async complete(id, parts) {
    return (await mutate(CompleteUploadDoc, { id, parts })).completeEvidenceUpload
  },
  async abort(id) {
    await mutate(AbortUploadDoc, { id })
  },
}

/** HttpError is a storage answer other than 2xx. */
export class HttpError extends Error {
  constructor(public status: number) {
    super(`storage answered HTTP ${status}`)
  }
}

/** xhrTransport PUTs a part with upload progress (fetch has none). */
export const xhrTransport: Transport = {
  put(url, headers, body, signal, onProgress) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException('paused', 'AbortError'))
      const x = new XMLHttpRequest()
      const onAbort = () => x.abort()
      x.open('PUT', url)
      for (const [k, v] of Object.entries(headers)) {
        // The browser sets these itself and refuses them from scripts.
        if (!/^(host|content-length)$/i.test(k)) x.setRequestHeader(k, v)
      }
      x.upload.onprogress = (e) => onProgress?.(e.loaded)
      x.onloadend = () => signal?.removeEventListener('abort', onAbort)
      x.onload = () => (x.status >= 200 && x.status < 300 ? resolve(x.getResponseHeader('ETag') ?? '') : reject(new HttpError(x.status)))
      x.onerror = () => reject(new Error('network error'))
      x.ontimeout = () => reject(new Error('timed out'))
      x.onabort = () => reject(new DOMException('paused', 'AbortError'))
      signal?.addEventListener('abort', onAbort, { once: true })
      x.send(body)
    })
  },
}
