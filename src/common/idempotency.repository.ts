import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';

/** `idempotency_record`: one row per (user, Idempotency-Key), with the answer once the request succeeded. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the key; answers false when it is there already (a concurrent duplicate waits here on its row). */
  async claim(userId: string, key: string, requestHash: string, tx: Tx): Promise<boolean> {
    const claimed = await tx.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, requestHash],
    );
    return claimed.length > 0;
  }

  async earlier(
    userId: string,
    key: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ requestHash: string; response: unknown }> {
    const [row] = await tx.query(
      `SELECT request_hash AS "requestHash", response FROM idempotency_record WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return row;
  }

  async answer(userId: string, key: string, response: unknown, tx: Tx): Promise<void> {
    await tx.query(`UPDATE idempotency_record SET status_code = 200, response = $3 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      JSON.stringify(response),
    ]);
  }

  /** Answers how many keys stored before `olderThan` were deleted. */
  async deleteOlderThan(olderThan: Date, tx: Tx = this.dataSource.manager): Promise<number> {
    const [, deleted] = await tx.query(`DELETE FROM idempotency_record WHERE created_at < $1`, [olderThan]);
    return deleted as number;
  }
}
