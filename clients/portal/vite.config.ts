import { defineConfig } from 'vite';

// Served by the service at /portal; every asset bundled (no CDN: the portal must work on an intranet).
export default defineConfig({
  base: '/portal/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
  },
});
