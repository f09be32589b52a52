import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A unit of work that services hand to the repositories they call. Services never query it themselves: only a
 * module's repository speaks SQL, and only about the tables its module owns (docs/ARCHITECTURE.md).
 */
export type Tx = EntityManager;

/** The one way a service opens a transaction (and the one way a recurring job runs once across replicas). */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Runs `work` in a transaction holding the advisory lock named `lock`, or answers null at once when another
   * replica holds it: recurring work that must not run twice at the same time.
   */
  runOnce<T>(lock: string, work: (tx: Tx) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [lock]);
      return locked ? work(tx) : null;
    });
  }
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class DatabaseModule {}
