import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/infra/database/embedded-postgres.js';
import { freePort } from './support/free-port.js';

/** Starts the embedded server from a separate Node process that we can then kill -9. */
function startInChild(dir: string, port: number): Promise<{ kill: () => void }> {
  const script = `
    const { startEmbeddedPostgres } = await import(${JSON.stringify(new URL('../src/infra/database/embedded-postgres.ts', import.meta.url).href)});
    const handle = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port} });
    const client = new (await import('pg')).default.Client({ connectionString: handle.url });
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS survived (note text)');
    await client.query("INSERT INTO survived VALUES ('written before the crash')");
    await client.end();
    process.stdout.write('up\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child did not start the server')), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('up')) {
        clearTimeout(timer);
        resolve({ kill: () => child.kill('SIGKILL') });
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
}

describe('after a crash of the app', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kenesh-crash-'));
    await chmod(parent, 0o755);
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('the next start stops the orphaned PostgreSQL and finds every committed row', async () => {
    const dir = join(parent, 'pg');
    const port = await freePort();
    const child = await startInChild(dir, port);
    child.kill();
    await new Promise((r) => setTimeout(r, 300));

    const handle = await startEmbeddedPostgres({ dir, port });
    try {
      const client = new pg.Client({ connectionString: handle.url });
      await client.connect();
      const { rows } = await client.query('SELECT note FROM survived');
      await client.end();
      expect(rows).toEqual([{ note: 'written before the crash' }]);
    } finally {
      await handle.stop();
    }
  }, 60_000);

  it('refuses to take over a data folder that a live app is using', async () => {
    const dir = join(parent, 'pg-live');
    const handle = await startEmbeddedPostgres({ dir, port: await freePort() });
    try {
      await expect(startEmbeddedPostgres({ dir, port: await freePort() })).rejects.toThrow(
        /already running/,
      );
    } finally {
      await handle.stop();
    }
  }, 60_000);
});
