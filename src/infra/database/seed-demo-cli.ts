import { loadConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';
import { resolveDatabase } from './database-url.js';
import { migrateWithLock } from './migrate.js';
import { DEMO_PASSWORD, seedDemo } from './seed-demo.js';

/** `npm run seed:demo`: migrate, then fill a development database with a believable network. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.nodeEnv === 'production')
    throw new Error('seed:demo refuses to run with NODE_ENV=production');
  const database = await resolveDatabase(config);
  const dataSource = createDataSource(database.url);
  const log = (fields: Record<string, unknown>): void =>
    console.log(JSON.stringify({ time: new Date().toISOString(), ...fields }));
  try {
    await dataSource.initialize();
    await migrateWithLock(dataSource);
    const counts = await seedDemo(dataSource, (step) => log({ event: 'seed_progress', step }));
    log({
      event: 'seed_done',
      created: counts,
      login: `any of *@demo.kenesh.kg, password ${DEMO_PASSWORD}`,
      admin: 'admin@demo.kenesh.kg',
    });
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
