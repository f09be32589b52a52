import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/**
 * A pooled PostgreSQL connection cut by the server (a restart, pg_terminate_backend, a network drop) may
 * report its error after TypeORM let go of it; with no listener that error would stop the process. Every
 * connection gets one, and the loss is logged once until a new connection succeeds.
 */
@Injectable()
export class DatabaseWatch implements OnModuleInit {
  private readonly logger = new Logger('PostgreSQL');
  private lost = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    pool?.on('connect', (client: PoolClient) => {
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
