// Builds the PWA into dist/: the React app, the web manifest and a generated service worker
// that precaches the app shell. Updates wait for the person's consent (registerType 'prompt').
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  plugins: [
    react(),
    VitePWA({
      // Decided once: changing the registration type later strands installed clients.
      registerType: 'prompt',
      strategies: 'generateSW',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: '点検 Tenken 内部統制セルフチェック',
        short_name: '点検',
        description:
          '職員のセルフチェック、所属長の確認、監査のための集計を、ネットワークがなくても。',
        lang: 'ja',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f6f7f9',
        theme_color: '#1f4e79',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // The API is never answered from a cache: the outbox is the offline mechanism.
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // The first worker takes control at once, so the first visit already works offline;
        // later versions still wait for the person's consent (no skipWaiting).
        clientsClaim: true,
      },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:8081' } },
});
