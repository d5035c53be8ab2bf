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
/** Modules of the shell chunk: web/src outside screens, message files, the worker, real time and attachments (loaded on demand); Preact. */
const SHELL =
  /(web\/src\/(?!screens\/|surveys\/|i18n\/messages\/|sw\/|realtime\/|attachments\/)|node_modules\/(preact|@preact\/signals|@preact\/signals-core|openapi-fetch)\/)/;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), preloadFirstScreens(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // web/dist/.vite/manifest.json: which chunks each screen loads (bench/web.ts reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        // The shell and what the first screens share in one chunk: on HTTP/1.1 six requests run
        // at once, and a handful of 1 KB chunks queued behind each other cost a 2 s round trip
        // each on slow 3G. Screens, message files and socket.io stay chunks of their own.
        codeSplitting: {
          groups: [{ name: 'shell', test: SHELL }],
        },
      },
    },
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

/**
 * The first screens' chunks (the Kyrgyz words, sign-in, the issue register) as
 * `<link rel="modulepreload">` in index.html: on a 2 s round trip they then arrive with the shell
 * instead of one round trip after it (bench:web's slow-3G figure). A few KB for a reader who
 * opens another screen or language first; the first-load budget counts them anyway.
 */
function preloadFirstScreens(): Plugin {
  const FIRST = [
    'src/i18n/messages/ky/index.ts',
    'src/screens/sign-in.tsx',
    'src/screens/issues/register.tsx',
  ];
  return {
    name: 'kenesh-preload-first-screens',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const files = new Set<string>();
        const styles = new Set<string>();
        for (const chunk of Object.values(ctx.bundle ?? {})) {
          if (chunk.type !== 'chunk' || !chunk.facadeModuleId) continue;
          const id = relative(import.meta.dirname, chunk.facadeModuleId)
            .split(sep)
            .join('/');
          if (!FIRST.includes(id)) continue;
          for (const file of [chunk.fileName, ...chunk.imports]) {
            files.add(file);
            const part = ctx.bundle?.[file];
            if (part?.type === 'chunk')
              for (const css of part.viteMetadata?.importedCss ?? []) styles.add(css);
          }
        }
        const missing = (file: string) => !html.includes(`/${file}`);
        return [
          ...[...files].filter(missing).map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          })),
          ...[...styles].filter(missing).map((file) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}
