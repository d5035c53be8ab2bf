import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../common/net/free-port.js';
import { loadConfig } from '../config/app-config.js';
import { runningEmbedded } from './running-embedded.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { RestoreRefused, restoreBackup } from './restore.js';
import { cliLog } from './cli-log.js';

/**
 * `npm run restore -- <backup-folder> [--data-dir <folder>]`: into a new (or empty) embedded
 * data folder, `KENESH_DATA_DIR` unless `--data-dir` names another; or, with `DATABASE_URL`
 * and no `--data-dir`, into that database, which must be empty. Never over existing data.
 */
const USAGE = 'usage: npm run restore -- <backup-folder> [--data-dir <folder>]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let folder: string | undefined;
  let dataDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--data-dir' && args[i + 1]) dataDir = resolve(args[++i]);
    else if (args[i].startsWith('--data-dir=')) dataDir = resolve(args[i].slice(11));
    else if (!args[i].startsWith('-') && !folder) folder = resolve(args[i]);
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (!folder) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (config.databaseUrl && !dataDir) {
    await restoreBackup(folder, config.databaseUrl, cliLog);
    return 0;
  }
  const pgDir = join(dataDir ?? config.dataDir, 'pg');
  if (await runningEmbedded(pgDir))
    throw new RestoreRefused(
      `a hub is running on ${pgDir}; restore into a new folder (--data-dir) or stop the hub and move its folder away`,
    );
  if (existsSync(join(pgDir, 'PG_VERSION')))
    cliLog({
      event: 'restore_target',
      detail: `${pgDir} exists; restoring only if its database is empty`,
    });
  // A port of its own: the hub may be running on KENESH_EMBEDDED_PG_PORT from another folder.
  const embedded = await startEmbeddedPostgres({ dir: pgDir, port: await freePort() });
  try {
    await restoreBackup(folder, embedded.url, cliLog);
    cliLog({
      event: 'restore_ready',
      detail: `start the hub with KENESH_DATA_DIR=${dataDir ?? config.dataDir}`,
    });
    return 0;
  } finally {
    await embedded.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    cliLog({
      event: error instanceof RestoreRefused ? 'restore_refused' : 'restore_failed',
      error: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  },
);
