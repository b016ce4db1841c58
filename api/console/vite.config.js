// Vite builds the console into dist/ (git-ignored), which gongkai-server serves at / (its
// console_dir). `npx vite` serves it for development with /api proxied to a local server.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // Everything local: no CDN, no inline scripts (the server's Content-Security-Policy forbids
    // them), fonts and images as files or data: URLs.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        manualChunks: {
          vendor: ['vue', 'vue-router'],
          'element-plus': ['element-plus'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
        },
      },
    },
  },
  // Development only (npx vite / npx vite preview): the API of a server on GONGKAI_API.
  server: { proxy: { '/api': process.env.GONGKAI_API || 'http://127.0.0.1:8080' } },
  preview: { proxy: { '/api': process.env.GONGKAI_API || 'http://127.0.0.1:8080' } },
})
