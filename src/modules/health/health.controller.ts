import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { RealtimeLink } from '../../infra/realtime/realtime-link.js';
import { Public } from '../../common/decorators/public.decorator.js';

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
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 200 only while the database (and Redis, when used) answers, 503 otherwise',
  })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.realtimeCheck(),
    ]);
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
