/**
 * `npm run bench`: how fast the built hub starts on its embedded PostgreSQL, how much memory
 * it holds, and what a handful of API calls cost under load, next to a bare `GET /health/live`
 * measured in the same run. Node built-ins only; everything on 127.0.0.1, in a temporary data
 * folder that is removed at the end. See bench/README.md for how to read the figures.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  API,
  call,
  type Hub,
  isAborted,
  loadAverage,
  log,
  MAIN,
  makeDataDir,
  ms,
  percentile,
  pool,
  type Reply,
  type RequestSpec,
  rssMiB,
  runBench,
  send,
  startHub,
  stopHub,
  table,
} from './lib.js';

const WARM_RUNS = 3;
const USERS = 50;
const ORGANISATIONS = 30;
const CONCURRENCY = 16;
const REQUESTS = 2000;
/** argon2id makes every login deliberately expensive, so fewer of them. */
const LOGIN_REQUESTS = 200;
const PASSWORD = 'bench password 0123456789';

const SCENARIO_TIME_LIMIT_MS = 60_000;
/** Whatever happens, the bench gives up and cleans up after this long. */
const OVERALL_TIME_LIMIT_MS = 20 * 60_000;

// ---------------------------------------------------------------------------------------------
// Load

interface Scenario {
  name: string;
  requests: number;
  expected: number;
  /** Builds the next request of worker `w` (0 … CONCURRENCY - 1). */
  request: (w: number) => RequestSpec;
  onReply?: (w: number, reply: Reply) => void;
}

interface Result {
  name: string;
  done: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  truncated: boolean;
  firstError?: string;
}

async function runScenario(port: number, scenario: Scenario, requests: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + SCENARIO_TIME_LIMIT_MS;
  const worker = async (w: number): Promise<void> => {
    while (issued < requests && !isAborted() && performance.now() < deadline) {
      issued += 1;
      const spec = scenario.request(w);
      const t0 = performance.now();
      try {
        const reply = await send(agent, port, spec.method, spec.path, spec);
        latencies.push(performance.now() - t0);
        if (reply.status === scenario.expected) {
          scenario.onReply?.(w, reply);
        } else {
          errors += 1;
          firstError ??= `${reply.status} ${reply.body.slice(0, 200)}`;
        }
      } catch (error) {
        latencies.push(performance.now() - t0);
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  } finally {
    agent.destroy();
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    done: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    rps: latencies.length / (elapsed / 1000),
    truncated: latencies.length < requests,
    firstError,
  };
}

interface Account {
  email: string;
  accessToken: string;
  refreshToken: string;
}

interface AuthResult {
  accessToken: string;
  refreshToken: string;
}

async function prepare(port: number): Promise<Account[]> {
  log(`registering ${USERS} users`);
  const run = randomBytes(3).toString('hex');
  const accounts = await pool(USERS, 8, async (i) => {
    const email = `bench-${run}-${i}@example.kg`;
    const result = await call<AuthResult>(
      port,
      {
        method: 'POST',
        path: `${API}/auth/register`,
        body: { email, password: PASSWORD, displayName: `Bench user ${i}` },
      },
      201,
    );
    return { email, accessToken: result.accessToken, refreshToken: result.refreshToken };
  });

  const territories = await call<{ items: { id: string }[] }>(
    port,
    { method: 'GET', path: `${API}/territories?level=aiyl_aimak&limit=100` },
    200,
  );
  if (!territories.items.length) throw new Error('no aiyl aimak territories were seeded');
  log(`creating ${ORGANISATIONS} organisations across ${territories.items.length} aiyl aimaks`);
  const kinds = ['aiyl_okmotu', 'aiyl_kenesh', 'ngo', 'community_group'];
  await pool(ORGANISATIONS, 8, (i) =>
    call(
      port,
      {
        method: 'POST',
        path: `${API}/organisations`,
        token: accounts[i % accounts.length].accessToken,
        body: {
          name: `Bench organisation ${run}-${i}`,
          kind: kinds[i % kinds.length],
          territoryId: territories.items[i % territories.items.length].id,
        },
      },
      201,
    ),
  );
  return accounts;
}

function scenarios(accounts: Account[]): Scenario[] {
  const account = (w: number): Account => accounts[w % accounts.length];
  let logins = 0;
  // Each worker refreshes its own login; the answer's new token is the one to spend next.
  const refreshTokens = Array.from({ length: CONCURRENCY }, (_, w) => account(w).refreshToken);
  return [
    {
      name: 'GET /health/live (baseline)',
      requests: REQUESTS,
      expected: 200,
      request: () => ({ method: 'GET', path: '/health/live' }),
    },
    {
      name: 'GET /api/v1/me',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({ method: 'GET', path: `${API}/me`, token: account(w).accessToken }),
    },
    {
      name: 'GET /api/v1/organisations?limit=20',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({
        method: 'GET',
        path: `${API}/organisations?limit=20`,
        token: account(w).accessToken,
      }),
    },
    {
      name: 'GET /api/v1/members?limit=20',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({
        method: 'GET',
        path: `${API}/members?limit=20`,
        token: account(w).accessToken,
      }),
    },
    {
      name: 'POST /api/v1/auth/login',
      requests: LOGIN_REQUESTS,
      expected: 200,
      request: () => ({
        method: 'POST',
        path: `${API}/auth/login`,
        body: { email: accounts[logins++ % accounts.length].email, password: PASSWORD },
      }),
    },
    {
      name: 'POST /api/v1/auth/refresh',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({
        method: 'POST',
        path: `${API}/auth/refresh`,
        body: { refreshToken: refreshTokens[w] },
      }),
      onReply: (w, reply) => {
        refreshTokens[w] = (JSON.parse(reply.body) as AuthResult).refreshToken;
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Report

const mib = (value: number | undefined): string =>
  value === undefined ? 'n/a (no /proc)' : `${value.toFixed(1)} MiB`;

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const dataDir = await makeDataDir();
  log(
    `node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}, data in ${dataDir}`,
  );
  log(`concurrency ${CONCURRENCY}, ${REQUESTS} requests a scenario (${LOGIN_REQUESTS} for login)`);

  log('cold start (initdb + migrations) …');
  const cold = await startHub(dataDir);
  log(`cold start ready in ${ms(cold.readyMs)} ms`);
  await stopHub();

  const warm: number[] = [];
  let running: Hub | undefined;
  for (let run = 1; run <= WARM_RUNS; run++) {
    const started = await startHub(dataDir);
    warm.push(started.readyMs);
    log(`warm start ${run} ready in ${ms(started.readyMs)} ms`);
    if (run < WARM_RUNS) await stopHub();
    else running = started.hub;
  }
  if (!running) throw new Error('no hub is running');
  const rssAtReady = rssMiB(running.pid);
  log(`hub RSS after warm start: ${mib(rssAtReady)}`);

  const accounts = await prepare(running.port);
  const results: Result[] = [];
  for (const scenario of scenarios(accounts)) {
    // Unmeasured first: the JIT and the connection pools settle before anything counts.
    const warmUp = Math.max(CONCURRENCY, Math.round(scenario.requests / 4));
    log(`${scenario.name}: ${warmUp} warm-up, then ${scenario.requests} measured requests …`);
    await runScenario(running.port, scenario, warmUp);
    const result = await runScenario(running.port, scenario, scenario.requests);
    results.push(result);
    log(
      `${scenario.name}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, ${result.rps.toFixed(0)} req/s` +
        (result.errors ? `, ${result.errors} errors (first: ${result.firstError})` : ''),
    );
    if (isAborted()) throw new Error('aborted');
  }
  const rssAfterLoad = rssMiB(running.pid);

  log(`stopping the hub; load average now ${loadAverage()}`);
  await stopHub();

  const average = warm.reduce((a, b) => a + b, 0) / warm.length;
  console.log('\nStart-up to ready, embedded PostgreSQL');
  console.log(
    table(
      ['run', 'ms'],
      [
        ['cold (initdb + migrations)', ms(cold.readyMs)],
        ...warm.map((value, i) => [`warm ${i + 1}`, ms(value)]),
        ['warm average', ms(average)],
      ],
    ),
  );
  console.log('\nMemory of the hub process (VmRSS; its PostgreSQL not included)');
  console.log(
    table(
      ['when', 'RSS'],
      [
        ['after warm start', mib(rssAtReady)],
        ['after the load below', mib(rssAfterLoad)],
      ],
    ),
  );
  const baseline = results[0];
  console.log(`\nLoad, concurrency ${CONCURRENCY}, keep-alive, latencies in ms`);
  console.log(
    table(
      ['scenario', 'requests', 'errors', 'p50', 'p99', 'max', 'req/s', 'p50 - live'],
      results.map((r, i) => [
        r.name + (r.truncated ? ' (time limit)' : ''),
        String(r.done),
        String(r.errors),
        ms(r.p50),
        ms(r.p99),
        ms(r.max),
        r.rps.toFixed(0),
        i === 0 ? '-' : `+${ms(r.p50 - baseline.p50)}`,
      ]),
    ),
  );
  const failed = results.filter((r) => r.errors > 0);
  if (failed.length) {
    process.exitCode = 1;
    for (const r of failed) console.log(`\n${r.name}: ${r.errors} errors, first: ${r.firstError}`);
  }
}

await runBench('bench', OVERALL_TIME_LIMIT_MS, main);
