import { loadConfig } from '../config/app-config.js';
import { cliLog } from './cli-log.js';
import { createDataSource } from './data-source.js';
import { resolveDatabase } from './database-url.js';
import { migrateWithLock } from './migrate.js';
import { accountsTable, demoAccounts, demoRooms, seedDemo } from './seed-demo.js';

/**
 * `npm run seed:demo`: migrate, then fill a development database with a believable network.
 * JSON lines as it goes (one per step, one per account and room), then the accounts as a table
 * a person can read and copy from.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.nodeEnv === 'production')
    throw new Error('seed:demo refuses to run with NODE_ENV=production');
  const database = await resolveDatabase(config);
  const dataSource = createDataSource(database.url);
  try {
    await dataSource.initialize();
    await migrateWithLock(dataSource);
    const counts = await seedDemo(dataSource, (step) => cliLog({ event: 'seed_progress', step }));
    const accounts = await demoAccounts(dataSource);
    for (const account of accounts) cliLog({ event: 'demo_account', ...account });
    const rooms = await demoRooms(dataSource);
    for (const room of rooms) cliLog({ event: 'demo_room', ...room });
    cliLog({ event: 'seed_done', created: counts, accounts: accounts.length });
    console.log(
      [
        '',
        `Demo accounts (${accounts.length}); each signs in with POST /api/v1/auth/login { email, password }:`,
        '',
        accountsTable(accounts),
        '',
        'Rooms to try real time in (socket.io /rt, room:join { roomId }):',
        ...rooms.map((r) => `  ${r.id}  ${r.kind.padEnd(12)}  ${r.name} (${r.messages} messages)`),
        '',
      ].join('\n'),
    );
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
