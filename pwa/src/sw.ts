/// <reference lib="webworker" />
// The service worker: precaches the app shell so that the app starts offline.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

declare const self: ServiceWorkerGlobalScope
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
// Navigations get the cached shell; the API and storage are never cached.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/graphql/, /^\/api\//, /^\/storage\//, /^\/certificates\//, /^\/\.well-known\//] }))
self.addEventListener('message', (e) => {
  if (e.data === 'SKIP_WAITING') void self.skipWaiting()
})
