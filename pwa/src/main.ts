import { createApp } from 'vue'
import urql from '@urql/vue'
import { useVant } from './vant'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { client } from './api/client'
import { restore } from './upload/queue'
import { startOutbox } from './api/outbox'

const app = createApp(App)
useVant(app)
app.use(router).use(i18n).use(urql, client).mount('#app')

// The service worker caches the app shell; the app also works without one (in-app browsers).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('/sw.js').catch(() => {})
}
void restore()
// Attendance marked offline is sent now, and whenever the network returns.
startOutbox()
