import { join, resolve } from 'node:path';
import { backupDir, loadConfig } from '../config/app-config.js';
import { backupToDefaultFolder, createBackup } from './backup.js';
import { resolveDatabase } from './database-url.js';
import { runningEmbedded } from './running-embedded.js';
import { cliLog } from './cli-log.js';

/**
 * `npm run backup [-- --out <folder>]`: a consistent backup while the hub runs. With
 * `DATABASE_URL`, of that database; otherwise of the embedded server under `KENESH_DATA_DIR`:
 * the running hub's server when there is one (a second server on the same folder would be
 * refused), or one started for the backup when the hub is stopped. Without `--out`, into
 * `KENESH_BACKUP_DIR/kenesh-backup-<time>`, keeping the newest `KENESH_BACKUP_KEEP`.
 */
const USAGE = 'usage: npm run backup [-- --out <new folder>]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1]) out = resolve(args[++i]);
    else if (args[i].startsWith('--out=')) out = resolve(args[i].slice('--out='.length));
    else {
      console.error(USAGE);
      return 2;
    }
  }
  const config = loadConfig();
  const running = config.databaseUrl
    ? undefined
    : await runningEmbedded(join(config.dataDir, 'pg'));
  const database = running ? { url: running, embedded: undefined } : await resolveDatabase(config);
  if (running) cliLog({ event: 'backup_source', detail: 'the running hub’s embedded PostgreSQL' });
  try {
    if (out) await createBackup(database.url, { folder: out, log: cliLog });
    else await backupToDefaultFolder(database.url, backupDir(config), config.backupKeep, cliLog);
    return 0;
  } finally {
    await database.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    cliLog({
      event: 'backup_failed',
      error: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  },
);
