import { createApp } from 'vue'
import urql from '@urql/vue'
import { screensReady, useVant } from './vant'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { i18n, ready } from './i18n'
import { client } from './api/client'
import { session } from './api/session'

const app = createApp(App)
useVant(app)
// The signed-in screens' Vant components load with the first of them (the public pages do without),
// at the same time as that screen's own chunk (a signed-in start begins with them at once).
if (session.current) void screensReady(app)
router.beforeEach(async (to) => {
  if (to.meta.public) return
  const views = to.matched.map((r) => r.components?.default).filter((c): c is () => Promise<unknown> => typeof c === 'function')
  await Promise.all([screensReady(app), ...views.map((load) => load())])
})
app.use(router).use(i18n).use(urql, client)
void ready.then(() => app.mount('#app'))

// Once the page has loaded (not competing with it for a slow network): the service worker, which
// caches the app shell (the app also works without one: in-app browsers), and the uploads a
// signed-in user left unfinished, resumed (or on the first signed-in screen after a sign-in).
let resumed = false
function resumeUploads() {
  if (resumed || !session.current) return
  resumed = true
  void import('./upload/queue').then((q) => q.restore())
}
router.afterEach((to) => {
  if (!to.meta.public && document.readyState === 'complete') resumeUploads()
})
function loaded() {
  // Attendance marked offline is sent now, and whenever the network returns.
  void import('./api/outbox').then((o) => o.startOutbox())
  if ('serviceWorker' in navigator && import.meta.env.PROD) navigator.serviceWorker.register('/sw.js').catch(() => {})
  resumeUploads()
}
if (document.readyState === 'complete') loaded()
else window.addEventListener('load', loaded, { once: true })
