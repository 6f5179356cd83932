// One loading flag and one error text for a screen's calls to the server,
// and, for the screens that opt in, the answers kept for when the network is down.
import { ref } from 'vue'
import type { AnyVariables } from '@urql/vue'
import { cachedQuery, type Doc } from '../api/client'
import { errorText } from '../api/errors'

export function useQueryState() {
  const loading = ref(false)
  const error = ref('')
  /** When the oldest kept answer shown was saved, while the screen shows kept answers (network down); null when fresh. */
  const savedAt = ref<number | null>(null)
  // The kept answers of the call under way: shown as such once it succeeds; if it fails, the screen still shows the last ones.
  let round: { at: number | null } | null = null
  /** run clears the error, calls fn and, if it fails, shows why; it returns fn's value, or undefined on failure. */
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    error.value = ''
    loading.value = true
    const mine = (round = { at: null })
    try {
      const v = await fn()
      if (round === mine) savedAt.value = mine.at
      return v
    } catch (e) {
      error.value = errorText(e)
      return undefined
    } finally {
      if (round === mine) round = null
      loading.value = false
    }
  }
  /**
   * cached is query() for a screen that must still show something offline: the server's answer
   * (kept for next time) or, the network being down, the kept one, which sets savedAt.
   */
  async function cached<D, V extends AnyVariables>(doc: Doc<D, V>, vars: V): Promise<D> {
    const r = round ?? { at: null }
    const a = await cachedQuery(doc, vars)
    if (a.savedAt !== null) r.at = r.at === null ? a.savedAt : Math.min(r.at, a.savedAt)
    if (!round) savedAt.value = r.at
    return a.data
  }
  return { loading, error, run, savedAt, cached }
}
