import { JobQueueService } from '../src/infra/jobs/job-queue.service.js';
import {
  RATE_LIMIT_PRUNE_CRON,
  RATE_LIMIT_PRUNE_QUEUE,
} from '../src/common/rate-limit/rate-limit-pruner.js';
import { SESSION_PRUNE_CRON, SESSION_PRUNE_QUEUE } from '../src/modules/auth/session-pruner.js';
import {
  IDEMPOTENCY_PRUNE_CRON,
  IDEMPOTENCY_PRUNE_QUEUE,
} from '../src/modules/idempotency/idempotency-pruner.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';
import { eventually, sleep } from './support/wait.js';

/** The job queue (pg-boss on the app's database) as several nodes and restarts see it. */
describe('Job queue', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestAppOn(a.databaseUrl);
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const jobsOf = (t: TestApp) => t.app.get(JobQueueService);

  it('runs each enqueued job once when two nodes work on the same queue', async () => {
    const runs: { node: string; n: number }[] = [];
    for (const [node, t] of [
      ['a', a],
      ['b', b],
    ] as const) {
      await jobsOf(t).register<{ n: number }>(
        'test-once',
        async ({ n }) => {
          runs.push({ node, n });
          await sleep(20);
        },
        { pollingIntervalSeconds: 0.5 },
      );
    }
    for (let n = 0; n < 30; n++) await jobsOf(n % 2 ? a : b).enqueue('test-once', { n });
    await eventually('30 jobs to run', () => runs.length >= 30, 20_000);
    await sleep(1500);
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((r) => r.n)).size).toBe(30);
  });

  it('runs a cron schedule declared by both nodes once per slot', async () => {
    // A slot's job may run late in the next minute (the relay lags the check by a poll), so
    // the minute a run happens in does not name its slot. Count instead: the schedule may fire
    // only for ticks from a minute before it was declared (pg-boss sends the previous tick if
    // it is under 60 s old) up to the end, so more runs than ticks means a slot ran twice.
    const runs: { node: string; at: number }[] = [];
    const declaredAt = Date.now();
    for (const [node, t] of [
      ['a', a],
      ['b', b],
    ] as const) {
      await jobsOf(t).register(
        'test-cron',
        () => Promise.resolve(void runs.push({ node, at: Date.now() })),
        { pollingIntervalSeconds: 0.5 },
      );
      await jobsOf(t).schedule('test-cron', '* * * * *');
    }
    // The slot is the next whole minute at the latest; each node checks the schedules every 10 s.
    await eventually('the scheduled job to run', () => runs.length > 0, 80_000);
    await sleep(12_000);
    const endedAt = Date.now();
    const ticks = Math.floor(endedAt / 60_000) - Math.ceil((declaredAt - 60_000) / 60_000) + 1;
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(ticks);
  }, 100_000);

  it('keeps a job enqueued before a restart and runs it after', async () => {
    const first = await startTestAppOn(a.databaseUrl);
    // Nobody works on this queue yet: the job waits in the database.
    const id = await jobsOf(first).enqueue('test-restart', { note: 'kept' });
    await first.close();
    expect(id).toBeTruthy();
    expect(await jobsOf(a).jobState('test-restart', id!)).toBe('created');

    const second = await startTestAppOn(a.databaseUrl);
    try {
      const seen: string[] = [];
      await jobsOf(second).register<{ note: string }>(
        'test-restart',
        ({ note }) => Promise.resolve(void seen.push(note)),
        { pollingIntervalSeconds: 0.5 },
      );
      await eventually('the kept job to run', () => seen.length > 0, 10_000);
      expect(seen).toEqual(['kept']);
      await eventually(
        'the job to be completed',
        async () => (await jobsOf(a).jobState('test-restart', id!)) === 'completed',
      );
    } finally {
      await second.close();
    }
  });

  it('lets a running job finish before the node closes', async () => {
    const node = await startTestAppOn(a.databaseUrl);
    let finished = false;
    let started = false;
    await jobsOf(node).register(
      'test-graceful',
      async () => {
        started = true;
        await sleep(1500);
        finished = true;
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await jobsOf(node).enqueue('test-graceful');
    await eventually('the job to start', () => started);
    await node.close();
    expect(finished).toBe(true);
    expect(await jobsOf(a).jobState('test-graceful', id!)).toBe('completed');
  });

  it('retries a failed job as its queue says', async () => {
    const attempts: number[] = [];
    await jobsOf(a).register(
      'test-retry',
      () => {
        attempts.push(Date.now());
        return attempts.length === 1
          ? Promise.reject(new Error('the first attempt fails'))
          : Promise.resolve();
      },
      { retryLimit: 1, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5 },
    );
    const id = await jobsOf(a).enqueue('test-retry');
    await eventually(
      'the retried job to complete',
      async () => (await jobsOf(a).jobState('test-retry', id!)) === 'completed',
      15_000,
    );
    expect(attempts).toHaveLength(2);
  });

  it.each([
    ['ended logins', SESSION_PRUNE_QUEUE, SESSION_PRUNE_CRON],
    ['expired idempotency keys', IDEMPOTENCY_PRUNE_QUEUE, IDEMPOTENCY_PRUNE_CRON],
    ['finished rate-limit windows', RATE_LIMIT_PRUNE_QUEUE, RATE_LIMIT_PRUNE_CRON],
  ])('prunes %s on a schedule through the queue, once per cluster', async (_what, queue, cron) => {
    const schedules: { name: string; cron: string }[] = await a.db.query(
      'SELECT name, cron FROM pgboss.schedule WHERE name = $1',
      [queue],
    );
    expect(schedules).toEqual([{ name: queue, cron }]);
    const id = await jobsOf(a).enqueue(queue);
    await eventually(
      'the prune job to complete',
      async () => (await jobsOf(a).jobState(queue, id!)) === 'completed',
    );
  });
});
