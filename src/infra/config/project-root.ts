import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the hub's package.json, found by walking up from this file: it sits one folder
 * deeper in `dist/` than in `src/`, and the Docker image keeps package.json too. Paths the hub
 * ships with (the web client's build) are resolved from here, not from the working directory,
 * so `node /srv/kenesh/dist/src/main.js` started from anywhere finds them.
 */
function findProjectRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let folder = start;
  for (;;) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === 'kenesh') return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot();
