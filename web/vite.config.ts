// The web client's build (issue 10): Preact + signals on plain Vite; the hub serves web/dist.
// `npm run build:web` builds it, `npm run test:web` runs its Vitest unit tests (test/*.test.ts).
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // web/dist/.vite/manifest.json: which chunks each screen loads (bench/web.ts reads it).
    manifest: true,
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // Dates are shown in local time, as a browser does; the tests read them in Bishkek's.
    env: { TZ: 'Asia/Bishkek' },
  },
});
