// One loading flag and one error text for a screen's calls to the server.
import { ref } from 'vue'
import { errorText } from '../api/errors'

export function useQueryState() {
  const loading = ref(false)
  const error = ref('')
  /** run clears the error, calls fn and, if it fails, shows why; it returns fn's value, or undefined on failure. */
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    error.value = ''
    loading.value = true
    try {
      return await fn()
    } catch (e) {
      error.value = errorText(e)
      return undefined
    } finally {
      loading.value = false
    }
  }
  return { loading, error, run }
}
