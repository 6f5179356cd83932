import { createHash } from 'node:crypto'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

const api = process.env.BAIRI_API ?? 'http://127.0.0.1:8080'

/**
 * Vant's icon font comes inlined in its CSS as base64 (34 KB of the stylesheet every page waits for
 * before its first paint, icons or not), with a fallback URL off the network (at.alicdn.com). The
 * build writes it out as a file of its own, fetched only when a screen draws an icon, and drops the
 * fallback.
 */
function vantIconFont(): Plugin {
  const face = /src:url\(data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)\)\s*format\("woff2"\)(,url\([^)]*\)\s*format\("\w+"\))*/
  return {
    name: 'bairi:vant-icon-font',
    apply: 'build',
    generateBundle(_, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css')) continue
        const css = String(asset.source)
        const m = face.exec(css)
        if (!m) continue
        const font = Buffer.from(m[1], 'base64')
        const fileName = `assets/vant-icon-${createHash('sha256').update(font).digest('hex').slice(0, 8)}.woff2`
        if (!bundle[fileName]) this.emitFile({ type: 'asset', fileName, source: font })
        asset.source = css.replace(face, `src:url(/${fileName}) format("woff2")`).replace(/font-family:vant-icon;([^}]*)font-display:auto/, 'font-family:vant-icon;$1font-display:block')
      }
    },
  }
}

export default defineConfig({
  plugins: [
    vue(),
    vantIconFont(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: '职业技能培训监管',
        short_name: '培训监管',
        description: '百日攻坚 · 补贴性职业技能培训的远程监管',
        lang: 'zh-CN',
        start_url: '/',
        display: 'standalone',
        theme_color: '#1989fa',
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      // The app shell and every screen, for an offline start; not the charts
      // library (only the dashboard needs it, and phones pay for the bytes).
      // A classic script (not an ES module): older Safari runs no module service workers.
      injectManifest: { globPatterns: ['**/*.{js,css,html,png,svg,woff2,webmanifest}'], globIgnores: ['**/echarts-*.js'], rollupFormat: 'iife' },
    }),
  ],
  // dist is emptied on each build (no stale chunks embedded or precached);
  // public/.gitkeep puts back the dist/.gitkeep that pwa/embed.go needs.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Which chunks each screen needs, for scripts/size.mjs (which reads, then removes it).
    manifest: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }] } },
    },
  },
  server: { proxy: { '/graphql': api, '/storage': api, '/certificates': api, '/.well-known': api } },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
})
