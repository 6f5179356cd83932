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
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'] },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: false, target: 'es2020' },
  server: { proxy: { '/graphql': api, '/storage': api, '/certificates': api, '/.well-known': api } },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
})
