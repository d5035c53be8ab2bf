import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import PgBoss from 'pg-boss';

/** The schema the `JobQueue` migration creates; pg-boss never changes it itself. */
export const JOB_SCHEMA = 'pgboss';

/** How long a closing node lets its running jobs finish before it fails them for a retry. */
export const JOB_STOP_TIMEOUT_MS = 10_000;

export type JobHandler<T extends object> = (
  data: T,
  job: { id: string; queue: string },
) => Promise<unknown>;

export interface QueueOptions {
  /** Attempts after the first failure (pg-boss retries with a delay). Default 2. */
  retryLimit?: number;
  /** Seconds between attempts. Default 30. */
  retryDelaySeconds?: number;
  /** A job still running after this long is failed (and retried). Default 15 minutes. */
  expireInSeconds?: number;
  /** How often an idle worker asks for work. Default 2 s. */
  pollingIntervalSeconds?: number;
}

export interface EnqueueOptions {
  /** Run no earlier than this. */
  startAfter?: Date;
  /** With `singletonSeconds`: at most one job with this key per time slot. */
  singletonKey?: string;
  singletonSeconds?: number;
}

interface Registration {
  queue: string;
  handler?: JobHandler<object>;
  options: QueueOptions;
  cron?: { expression: string; data: object };
}

/**
 * The hub's one job queue: pg-boss on the app's PostgreSQL. Jobs are rows, so a job is taken
 * by exactly one node (`SELECT … FOR UPDATE SKIP LOCKED`), survives a restart, and a cron
 * schedule produces one job per slot for the whole cluster, however many nodes run it.
 *
 * Modules call `register()` / `schedule()` from `onModuleInit`; the queue starts at
 * application bootstrap (after the migrations ran) and applies them then. Later calls apply
 * at once. On close it stops taking jobs, lets running ones finish (bounded), and only then
 * does TypeORM close its pool (`beforeApplicationShutdown` runs before that).
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly registrations = new Map<string, Registration>();
  private readonly unscheduled = new Set<string>();
  private started?: Promise<void>;
  /** Handlers running on this node now (see beforeApplicationShutdown). */
  private running = 0;

  constructor(databaseUrl: string, overrides: Partial<PgBoss.ConstructorOptions> = {}) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOB_SCHEMA,
      migrate: false,
      application_name: 'kenesh-jobs',
      // Its own small pool: polling must not queue behind requests in the app's pool.
      max: 4,
      // Schedules are checked every 10 s (one node per check), so a cron job starts within
      // seconds of its minute; completed jobs are kept a week for inspection.
      cronMonitorIntervalSeconds: 10,
      cronWorkerIntervalSeconds: 2,
      retentionDays: 7,
      deleteAfterDays: 7,
      ...overrides,
    });
    // An 'error' event without a listener would crash the process: pg-boss reports failed
    // polls (the database restarting, say) this way and keeps trying.
    this.boss.on('error', (error: unknown) =>
      this.logger.warn({ event: 'job_queue_error', err: error }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start().catch((error: Error) => {
        throw new Error(
          `The job queue could not start (${error.message}); its schema comes from the migrations: run them (npm run migration:run, or KENESH_MIGRATIONS_RUN=true)`,
          { cause: error },
        );
      });
      for (const queue of this.unscheduled) await this.boss.unschedule(queue);
      for (const registration of this.registrations.values()) await this.apply(registration);
      this.logger.log({ event: 'job_queue_started', queues: [...this.registrations.keys()] });
    })();
    return this.started;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    const startedAt = performance.now();
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: JOB_STOP_TIMEOUT_MS });
    // pg-boss waits for the jobs its workers hold, but a worker whose fetch was in flight when
    // stop began can still start the job it fetched. Let that one finish too (same bound), so no
    // handler outlives the database connections closed next, and pg-boss's workers have ended
    // when the node reports it has stopped.
    while (this.running > 0 && performance.now() - startedAt < JOB_STOP_TIMEOUT_MS)
      await new Promise((resolve) => setTimeout(resolve, 25));
    if (this.running > 0)
      this.logger.warn({ event: 'job_queue_stop_timeout', running: this.running });
    this.logger.log({
      event: 'job_queue_stopped',
      durationMs: Math.round(performance.now() - startedAt),
    });
  }

  /** This node works on `queue`'s jobs, one at a time, with `handler`. */
  async register<T extends object>(
    queue: string,
    handler: JobHandler<T>,
    options: QueueOptions = {},
  ): Promise<void> {
    const registration = this.registration(queue, options);
    registration.handler = handler as JobHandler<object>;
    if (this.started) {
      await this.started;
      await this.apply({ ...registration, cron: undefined });
    }
  }

  /** `handler` run at every `cron` slot, once for the whole cluster: register() and schedule(). */
  async every<T extends object>(
    queue: string,
    cron: string,
    handler: JobHandler<T>,
    options: QueueOptions = {},
  ): Promise<void> {
    await this.register(queue, handler, options);
    await this.schedule(queue, cron);
  }

  /**
   * A job on `queue` at every `cron` slot (UTC, minute resolution), once for the whole
   * cluster. Every node may declare the same schedule; the last declaration wins.
   */
  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    const registration = this.registration(queue, {});
    registration.cron = { expression: cron, data };
    this.unscheduled.delete(queue);
    if (this.started) {
      await this.started;
      await this.boss.createQueue(queue, this.queueOptions(queue, registration.options));
      await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
    }
  }

  /** Removes `queue`'s schedule, if there is one. */
  async unschedule(queue: string): Promise<void> {
    const registration = this.registrations.get(queue);
    if (registration) registration.cron = undefined;
    if (this.started) {
      await this.started;
      await this.boss.unschedule(queue);
    } else {
      this.unscheduled.add(queue);
    }
  }

  /** Stores a job; some node with a handler for `queue` runs it once. Returns its id. */
  async enqueue(
    queue: string,
    data: object = {},
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    // Before bootstrap the migrations may not have run yet; a module enqueues from then on.
    if (!this.started) throw new Error(`enqueue(${queue}) before the job queue started`);
    await this.started;
    const registration = this.registration(queue, {});
    await this.boss.createQueue(queue, this.queueOptions(queue, registration.options));
    return this.boss.send(queue, data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.singletonSeconds ? { singletonSeconds: options.singletonSeconds } : {}),
    });
  }

  /** The state of a job (`created`, `active`, `completed`, `failed`, …), for tests and tools. */
  async jobState(queue: string, id: string): Promise<string | undefined> {
    const job = await this.boss.getJobById(queue, id, { includeArchive: true });
    return job?.state;
  }

  private registration(queue: string, options: QueueOptions): Registration {
    let registration = this.registrations.get(queue);
    if (!registration) {
      registration = { queue, options };
      this.registrations.set(queue, registration);
    } else if (Object.keys(options).length) {
      registration.options = { ...registration.options, ...options };
    }
    return registration;
  }

  private queueOptions(queue: string, options: QueueOptions): PgBoss.Queue {
    return {
      name: queue,
      retryLimit: options.retryLimit ?? 2,
      retryDelay: options.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
    };
  }

  private async apply({ queue, handler, options, cron }: Registration): Promise<void> {
    await this.boss.createQueue(queue, this.queueOptions(queue, options));
    if (cron) await this.boss.schedule(queue, cron.expression, cron.data, { tz: 'UTC' });
    if (!handler) return;
    // createQueue keeps an existing queue's settings; the handler's owner sets them anew.
    await this.boss.updateQueue(queue, this.queueOptions(queue, options));
    await this.boss.work<object>(
      queue,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) await this.run(queue, job, handler);
      },
    );
  }

  private async run(queue: string, job: PgBoss.Job<object>, handler: JobHandler<object>) {
    const startedAt = performance.now();
    const fields = { queue, jobId: job.id };
    this.logger.log({ event: 'job_started', ...fields });
    this.running += 1;
    try {
      const result = await handler(job.data ?? {}, { id: job.id, queue });
      this.logger.log({
        event: 'job_finished',
        ...fields,
        durationMs: Math.round(performance.now() - startedAt),
      });
      return result;
    } catch (error) {
      // Thrown on to pg-boss, which marks the job failed and retries it per the queue.
      this.logger.error({
        event: 'job_failed',
        ...fields,
        durationMs: Math.round(performance.now() - startedAt),
        err: error,
      });
      throw error;
    } finally {
      this.running -= 1;
    }
  }
}
