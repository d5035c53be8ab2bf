import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { ShutdownState } from '../../infra/lifecycle/shutdown-state.js';
import { RealtimeLink } from '../../infra/realtime/realtime-link.js';
import { RedisConnection } from '../../infra/redis/redis-connection.js';
import { within } from '../../common/async/within.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';

const INDICATORS = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
  example: { database: { status: 'up' }, realtime: { status: 'up', adapter: 'postgres' } },
};

/** Terminus' answer when every check is up (a failure is a 503 problem instead). */
const READINESS_SCHEMA = {
  type: 'object',
  required: ['status', 'info', 'error', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    info: INDICATORS,
    error: { ...INDICATORS, example: {} },
    details: INDICATORS,
  },
};

/**
 * Outside `/api/v1`: `live` says the process answers, `ready` that the database does too,
 * and, with the Redis adapter, Redis (without it, events would not reach other nodes).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly realtime: RealtimeLink,
    private readonly shutdown: ShutdownState,
    private readonly redis: RedisConnection,
  ) {}

  @Get('live')
  @ApiOperation({
    summary: 'Liveness',
    description: '200 while the process answers; it reads nothing else.',
  })
  @ApiOkResponse({
    description: 'The process answers',
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
    },
  })
  checkLiveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  // Terminus would document its own 503 body; ours is problem details.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Every dependency answers', schema: READINESS_SCHEMA })
  @ApiProblems(503)
  @ApiOperation({
    summary: 'Readiness',
    description:
      '200 only while the database (and Redis, when used) answers and the node is not shutting down, 503 otherwise.',
  })
  async checkReadiness() {
    // Draining before exit: the load balancer must stop sending work here even though the
    // database still answers.
    if (this.shutdown.stopping) throw new AppError('unavailable', 'unavailable.shuttingDown');
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () => this.realtimeCheck(),
        ...(this.redis.client ? [() => this.redisCheck()] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Problem details carry no terminus body: the detail names what is down.
      throw new AppError('unavailable', 'unavailable.notReady', {
        what: whatIsDown(error.getResponse()),
      });
    }
  }

  /** The command connection of the cluster-wide rate limits (only with REDIS_URL). */
  private async redisCheck() {
    const check = this.indicators.check('redis');
    const client = this.redis.client;
    if (!client) return check.up({ used: false });
    const answered =
      client.isReady &&
      (await within(
        client.ping().catch(() => false),
        2000,
      ));
    return answered ? check.up() : check.down({ message: 'Redis does not answer' });
  }

  private async realtimeCheck() {
    const check = this.indicators.check('realtime');
    try {
      await this.realtime.ping(2000);
      return check.up({ adapter: this.realtime.adapter });
    } catch (error) {
      return check.down({ adapter: this.realtime.adapter, message: (error as Error).message });
    }
  }
}

/** "database (timeout), realtime (the Redis subscriber connection is down)" from terminus' body. */
function whatIsDown(response: unknown): string {
  const failed = (response as { error?: Record<string, { message?: unknown }> }).error ?? {};
  const names = Object.entries(failed).map(([name, result]) =>
    typeof result.message === 'string' ? `${name} (${result.message})` : name,
  );
  return names.length ? `${names.join(', ')} down` : 'a dependency is down';
}
