// The web client's build (issue 10): Preact + signals on plain Vite; the hub serves web/dist.
// `npm run build:web` builds it, `npm run test:web` runs its Vitest unit tests (test/*.test.ts),
// `npm run dev:web` serves it with hot reload and sends the API and sockets to a hub on :3000.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';

const HUB = 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    // The hub itself, so the client is same-origin as it is in production (the socket's
    // same-origin check reads the Host header, which the proxy leaves as it is).
    proxy: {
      '/api': HUB,
      '/health': HUB,
      '/socket.io': { target: HUB, ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // Dates are shown in local time, as a browser does; the tests read them in Bishkek's.
    env: { TZ: 'Asia/Bishkek' },
  },
});

/** Written into sw.js by the build; `declare`d in src/sw/sw.ts. */
const SW_BUILD = '__KENESH_SW_BUILD__';

/**
 * Builds src/sw/sw.ts to /sw.js beside index.html (a worker's reach is its folder and below,
 * so it must sit at the root) and writes into it the build's file list and a version hashed
 * from their contents: a build that changes any file gives a new worker with a new cache,
 * and the same sources give the same sw.js. The list is every file of the build (index.html,
 * the hashed assets, what web/public holds) except sw.js itself.
 */
function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'kenesh:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: resolve(import.meta.dirname, 'src/sw/sw.ts'),
        fileName: 'sw.js',
      });
    },
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js'];
      if (worker?.type !== 'chunk') throw new Error('sw.js was not built');
      if (worker.imports.length || worker.dynamicImports.length)
        throw new Error(`sw.js must stand alone; it imports ${worker.imports.join(', ')}`);
      if (worker.code.split(SW_BUILD).length !== 2)
        throw new Error(`sw.js must name ${SW_BUILD} exactly once`);
      const files = new Map<string, string | Uint8Array>();
      for (const [name, item] of Object.entries(bundle)) {
        if (name === 'sw.js' || name.endsWith('.map') || name.startsWith('.')) continue;
        files.set(`/${name}`, item.type === 'chunk' ? item.code : item.source);
      }
      if (!files.has('/index.html')) throw new Error('index.html is not in the bundle yet');
      for (const file of filesUnder(publicDir))
        files.set(`/${relative(publicDir, file).split(sep).join('/')}`, readFileSync(file));
      const names = [...files.keys()].sort();
      const hash = createHash('sha256');
      for (const name of names) hash.update(name).update('\0').update(files.get(name)!);
      const build = { version: hash.digest('hex').slice(0, 16), files: names };
      worker.code = worker.code.replace(SW_BUILD, JSON.stringify(build));
    },
  };
}

function filesUnder(folder: string): string[] {
  if (!folder) return [];
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
