import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { HealthRepository } from './health.repository.js';

/**
 * A pooled PostgreSQL connection cut by the server (a restart, pg_terminate_backend, a network drop) may
 * report its error after TypeORM let go of it; with no listener that error would stop the process. Every
 * connection gets one, and the loss is logged once until a new connection succeeds.
 */
@Injectable()
export class DatabaseWatch implements OnModuleInit {
  private readonly logger = new Logger('PostgreSQL');
  private lost = false;

  constructor(private readonly database: HealthRepository) {}

  onModuleInit(): void {
    this.database.connectionPool()?.on('connect', (client: PoolClient) => {
      if (this.lost) this.logger.log('PostgreSQL connections work again');
      this.lost = false;
      client.on('error', (error: Error) => {
        if (!this.lost)
          this.logger.warn(`A PostgreSQL connection was lost (${error.message}); requests answer 503 until it is back`);
        this.lost = true;
      });
    });
  }
}
