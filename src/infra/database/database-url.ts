import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  embedded?: EmbeddedPostgresHandle;
}

/** `DATABASE_URL` when set; otherwise the embedded server under the data dir, started now. */
export async function resolveDatabase(
  config: AppConfig,
  log?: { debug: (message: string) => void; warn: (message: string) => void },
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres({
    dir: join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    log: log?.debug,
    notice: log?.warn,
  });
  return { url: embedded.url, embedded };
}
