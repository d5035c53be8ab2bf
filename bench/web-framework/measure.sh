#!/usr/bin/env bash
# Issue 10's framework choice, measured: the same screen (language switch, sign-in form, an issue
# list paged by cursor, the same shared.js) built by Vite 8.3.8 with Preact + signals and with
# Svelte 5, then each bundle's bytes raw, gzip -9 and brotli. Needs only the npm registry.
#   bash bench/web-framework/measure.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

page='<!doctype html><html><head><meta charset="utf-8"><title>Kenesh</title></head><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>'

setup() { # name, packages...
  local dir="$work/$1"; shift
  mkdir -p "$dir/src"
  echo '{ "name": "fw", "private": true, "type": "module" }' > "$dir/package.json"
  echo "$page" > "$dir/index.html"
  cp "$here/shared.js.txt" "$dir/src/shared.js"
  echo "progress: installing $* into $dir" >&2
  (cd "$dir" && npm i -D -E --no-audit --no-fund --loglevel=error "$@" >/dev/null)
}

setup preact vite@8.3.8 @preact/preset-vite@2.10.6 preact@11.2.0 @preact/signals@2.11.4
cp "$here/preact-app.jsx.txt" "$work/preact/src/app.jsx"
printf "import { defineConfig } from 'vite';\nimport preact from '@preact/preset-vite';\nexport default defineConfig({ plugins: [preact()] });\n" > "$work/preact/vite.config.js"
printf "import { h, render } from 'preact';\nimport { App } from './app.jsx';\nrender(h(App, {}), document.getElementById('app'));\n" > "$work/preact/src/main.js"

setup svelte vite@8.3.8 @sveltejs/vite-plugin-svelte@7.3.1 svelte@5.57.3
cp "$here/svelte-app.svelte.txt" "$work/svelte/src/App.svelte"
printf "import { defineConfig } from 'vite';\nimport { svelte } from '@sveltejs/vite-plugin-svelte';\nexport default defineConfig({ plugins: [svelte()] });\n" > "$work/svelte/vite.config.js"
printf "import { mount } from 'svelte';\nimport App from './App.svelte';\nmount(App, { target: document.getElementById('app') });\n" > "$work/svelte/src/main.js"

printf '%-22s %10s %10s %10s\n' framework raw gzip-9 brotli
for name in preact svelte; do
  echo "progress: building $name" >&2
  (cd "$work/$name" && npx vite build --logLevel error)
  file="$(ls "$work/$name"/dist/assets/*.js)"
  raw=$(stat -c%s "$file")
  gz=$(gzip -9c "$file" | wc -c)
  br=$(node -e "const z=require('node:zlib');console.log(z.brotliCompressSync(require('node:fs').readFileSync(process.argv[1])).length)" "$file")
  label=$([ "$name" = preact ] && echo 'preact 11 + signals' || echo 'svelte 5')
  printf '%-22s %10s %10s %10s\n' "$label" "$raw" "$gz" "$br"
done
