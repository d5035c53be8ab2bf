/**
 * `npm run bench:sigterm [-- --workers=16 --seconds=3]`: a SIGTERM drill under load. Starts the
 * built hub on its embedded PostgreSQL, lets `workers` clients send a steady stream of
 * `PATCH /me` over keep-alive connections (as a load balancer's pool would), sends SIGTERM
 * after `seconds`, keeps the load on until the hub has exited, then starts the hub again on the
 * same data folder and checks that the last acknowledged write of every client is stored.
 *
 * Every request ends one of three ways: answered (any HTTP status; 200 expected), refused
 * (ECONNREFUSED: never accepted, a client or balancer retries elsewhere, nothing lost), or
 * lost (accepted, then reset or left without an answer). The target is 0 lost and every
 * acknowledged write stored. Exits 1 otherwise.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  API,
  call,
  hasExited,
  log,
  makeDataDir,
  runBench,
  startHub,
  stopHub,
  table,
} from './lib.js';

interface Options {
  workers: number;
  seconds: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { workers: 16, seconds: 3 };
  for (const arg of args) {
    const match = /^--(workers|seconds)=(\d+(?:\.\d+)?)$/.exec(arg);
    if (!match) throw new Error(`unknown option ${arg} (use --workers=N --seconds=S)`);
    options[match[1] as keyof Options] = Number(match[2]);
  }
  return options;
}

type Outcome =
  { kind: 'answered'; status: number } | { kind: 'refused' } | { kind: 'lost'; why: string };

function patchMe(
  agent: http.Agent,
  port: number,
  token: string,
  displayName: string,
): Promise<Outcome> {
  const payload = JSON.stringify({ displayName });
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: `${API}/me`,
        agent,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ kind: 'answered', status: res.statusCode ?? 0 }));
        res.on('error', (error) => resolve({ kind: 'lost', why: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ECONNREFUSED'
          ? { kind: 'refused' }
          : { kind: 'lost', why: error.code ?? error.message },
      ),
    );
    req.end(payload);
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = await makeDataDir();
  const { hub } = await startHub(dir);
  log(`hub ready on port ${hub.port}; ${options.workers} clients`);
  const users = await Promise.all(
    Array.from({ length: options.workers }, (_, i) =>
      call<{ accessToken: string; user: { id: string } }>(
        hub.port,
        {
          method: 'POST',
          path: `${API}/auth/register`,
          body: {
            email: `drill-${i}-${Date.now()}@example.kg`,
            password: 'correct horse battery',
            displayName: `Drill ${i}`,
          },
        },
        201,
      ),
    ),
  );

  const counts = { answered: 0, ok: 0, refused: 0, lost: 0 };
  const reasons = new Map<string, number>();
  const lastAcked: string[] = users.map((_, i) => `Drill ${i}`);
  let signalledAt = 0;
  let exitedAt = 0;
  const answeredAfterSignal = { count: 0 };

  const worker = async (i: number): Promise<void> => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let n = 0;
    // Until the hub is gone and a request has been refused: the load runs through the whole drain.
    while (!hasExited(hub.child)) {
      n += 1;
      const value = `Drill ${i} #${n}`;
      const outcome = await patchMe(agent, hub.port, users[i].accessToken, value);
      if (outcome.kind === 'answered') {
        counts.answered += 1;
        if (signalledAt) answeredAfterSignal.count += 1;
        if (outcome.status === 200) {
          counts.ok += 1;
          lastAcked[i] = value;
        }
      } else if (outcome.kind === 'refused') {
        counts.refused += 1;
        await sleep(20);
      } else {
        counts.lost += 1;
        reasons.set(outcome.why, (reasons.get(outcome.why) ?? 0) + 1);
      }
    }
    agent.destroy();
  };

  const load = Promise.all(users.map((_, i) => worker(i)));
  await sleep(options.seconds * 1000);
  signalledAt = performance.now();
  hub.child.kill('SIGTERM');
  log('SIGTERM sent');
  await hub.exited;
  exitedAt = performance.now();
  await load;
  const exitCode = hub.child.exitCode;
  await stopHub();

  // Start again on the same data folder: is every acknowledged write there?
  const { hub: again } = await startHub(dir);
  let missing = 0;
  for (const [i, user] of users.entries()) {
    const me = await call<{ displayName: string }>(
      again.port,
      { method: 'GET', path: `${API}/me`, token: user.accessToken },
      200,
    );
    if (me.displayName !== lastAcked[i]) missing += 1;
  }
  await stopHub();

  console.log(
    table(
      [
        'sent',
        'answered',
        '200',
        'answered after SIGTERM',
        'refused',
        'lost',
        'acked but not stored',
        'drain ms',
        'exit',
      ],
      [
        [
          String(counts.answered + counts.refused + counts.lost),
          String(counts.answered),
          String(counts.ok),
          String(answeredAfterSignal.count),
          String(counts.refused),
          String(counts.lost),
          String(missing),
          (exitedAt - signalledAt).toFixed(0),
          String(exitCode),
        ],
      ],
    ),
  );
  if (reasons.size) log(`lost: ${JSON.stringify(Object.fromEntries(reasons))}`);
  if (counts.lost > 0 || missing > 0 || exitCode !== 0 || counts.ok !== counts.answered) {
    process.exitCode = 1;
  }
}

await runBench('bench:sigterm', 5 * 60_000, main);
