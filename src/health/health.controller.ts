import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { Public } from '../common/auth/decorators.js';
import { REDIS, redisUp } from '../common/redis.js';
import { withTimeout } from '../common/timeout.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { AppConfig } from '../config/app-config.js';
import { liveWorkers } from '../jobs/worker-heartbeat.js';
import { HealthRepository } from './health.repository.js';
import { HealthResponse, LivenessResponse } from './health.response.js';

const TIMEOUT_MS = 1500;

type State = 'up' | 'down';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * Readiness: 200 when PostgreSQL and Redis answer, 503 naming the part that is down. A 503 does not mean the
   * API is useless: with Redis down it still books and takes the roll-call (the jobs wait in the outbox).
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Readiness: whether PostgreSQL and Redis answer' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: '"down" for each part that does not answer' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.database.ping()),
      redisUp(this.redis) ? probe(() => this.redis.ping()) : Promise.resolve<State>('down'),
    ]);
    const workers = redis === 'up' ? await liveWorkers(this.redis, this.config.QUEUE_PREFIX).catch(() => 0) : 0;
    // a year ahead with only the fixed-date holidays is a warning for the operator, not a failure.
    const yearsWithoutOfficialCalendar =
      postgres === 'up' ? await this.calendar.futureYearsWithoutOfficialCalendar().catch(() => []) : [];
    // Workers may run elsewhere (APP_ROLE=api here): their absence is reported, not a failure of this process.
    const body: HealthResponse = {
      status: postgres === 'up' && redis === 'up' ? 'ok' : 'unavailable',
      postgres,
      redis,
      workers,
      calendar: { yearsWithoutOfficialCalendar },
    };
    if (body.status !== 'ok') response.status(503);
    return body;
  }

  /** The same readiness under the name orchestrators expect. */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness, under the name orchestrators expect (as GET /health)' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: '"down" for each part that does not answer' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    return this.check(response);
  }

  /** Liveness: 200 while the process runs and answers, whatever its dependencies do (restart it only if not). */
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process runs and answers, whatever its dependencies do' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}

async function probe(call: () => Promise<unknown>): Promise<State> {
  try {
    await withTimeout(call(), TIMEOUT_MS, 'health probe');
    return 'up';
  } catch {
    return 'down';
  }
}
