import { defineConfig } from 'vite';

// The UI is served by the appliance itself (dist/ui), offline: no CDN, no web fonts, one bundle
// plus lazily loaded pages. Run from the repository root: `vite build --config ui/vite.config.ts`.
const uiRoot = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: uiRoot,
  base: '/',
  publicDir: false,
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    target: 'es2022',
    // Kiosk and school phones: small chunks, no source of the server shipped.
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  esbuild: { target: 'es2022' },
});
