import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { Clock } from './clock.js';
import { IdempotencyService } from './idempotency.js';

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_TTL_HOURS, every hour, in each worker process;
 * `Transactions.runOnce` lets one replica at a time do it (the others skip that hour's run). It needs no Redis, so
 * it goes on while the queues are away.
 */
@Injectable()
export class IdempotencyExpiry {
  private readonly logger = new Logger(IdempotencyExpiry.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'idempotency-expiry' })
  async scheduled(): Promise<void> {
    await this.run().catch((error: Error) =>
      this.logger.warn(`Idempotency expiry failed, next hour retries: ${error.message}`),
    );
  }

  /** Answers how many keys were forgotten, or null when another replica holds the lock. */
  run(): Promise<number | null> {
    const olderThan = new Date(this.clock.now().getTime() - this.config.IDEMPOTENCY_TTL_HOURS * 3600_000);
    return this.transactions.runOnce('bakti.idempotency-expiry', async (tx) => {
      const deleted = await this.idempotency.expire(tx, olderThan);
      if (deleted > 0) this.logger.log(`Forgot ${deleted} idempotency keys older than ${olderThan.toISOString()}`);
      return deleted;
    });
  }
}
