import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/decorators.js';
import { REDIS } from '../common/redis.js';
import { AppConfig } from '../config/app-config.js';
import { liveWorkers } from '../jobs/worker-heartbeat.js';
import { HealthResponse } from './health.response.js';

const TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** 200 when PostgreSQL and Redis answer, 503 with the failing part otherwise; with the live worker count. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether PostgreSQL and Redis answer' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'PostgreSQL or Redis does not answer' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const workers = redis === 'up' ? await liveWorkers(this.redis, this.config.QUEUE_PREFIX) : 0;
    // Workers may run elsewhere (APP_ROLE=api here): their absence is reported, not a failure of this process.
    const body: HealthResponse = { status: postgres === 'up' && redis === 'up' ? 'ok' : 'unavailable', postgres, redis, workers };
    if (body.status !== 'ok') response.status(503);
    return body;
  }
}

async function probe(call: () => Promise<unknown>): Promise<'up' | 'down'> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref());
  try {
    await Promise.race([call(), timeout]);
    return 'up';
  } catch {
    return 'down';
  }
}
