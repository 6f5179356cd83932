import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

const api = process.env.BAIRI_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
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
      injectManifest: { globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'], globIgnores: ['**/echarts-*.js'], rollupFormat: 'iife' },
    }),
  ],
  // dist is emptied on each build (no stale chunks embedded or precached);
  // public/.gitkeep puts back the dist/.gitkeep that pwa/embed.go needs.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }] } },
    },
  },
  server: { proxy: { '/graphql': api, '/storage': api, '/certificates': api, '/.well-known': api } },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
})
