// Whether the browser is online, following its online and offline events
// for as long as the component that asks is mounted.
import { onMounted, onUnmounted, ref } from 'vue'

export function useOnline() {
  const online = ref(typeof navigator === 'undefined' || navigator.onLine)
  const set = (e: Event) => (online.value = e.type === 'online')
  onMounted(() => {
    window.addEventListener('online', set)
    window.addEventListener('offline', set)
  })
  onUnmounted(() => {
    window.removeEventListener('online', set)
    window.removeEventListener('offline', set)
  })
  return online
}
