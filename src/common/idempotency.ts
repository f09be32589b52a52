import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json.js';
import { badRequest, DomainError } from './domain-error.js';

export interface IdempotentRequest {
  userId: string;
  key: string | undefined;
  /** What makes two requests the same: the operation, its target and its body. */
  fingerprint: unknown;
}

/**
 * A phone that lost the answer may resend (API.md): the same key and body give the same answer and change
 * nothing twice. The key row is written in the transaction of the change, so a request that failed left no
 * key behind and may be retried; a concurrent duplicate waits on the key row and then replays the answer.
 */
@Injectable()
export class IdempotencyService {
  async once<T>(manager: EntityManager, request: IdempotentRequest, work: () => Promise<T>): Promise<T> {
    if (request.key === undefined) return work();
    if (!/^[\x21-\x7e]{1,200}$/.test(request.key)) {
      throw badRequest([{ field: 'Idempotency-Key', code: 'validation.invalid' }]);
    }
    const requestHash = createHash('sha256').update(canonicalJson(request.fingerprint)).digest('hex');
    const claimed = await manager.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [request.userId, request.key, requestHash],
    );
    if (claimed.length === 0) {
      const [earlier] = await manager.query(
        `SELECT request_hash, response FROM idempotency_record WHERE user_id = $1 AND key = $2`,
        [request.userId, request.key],
      );
      if (earlier.request_hash !== requestHash) {
        throw new DomainError(409, [{ field: 'Idempotency-Key', code: 'idempotency.key_reused' }]);
      }
      return earlier.response as T;
    }
    const result = await work();
    await manager.query(
      `UPDATE idempotency_record SET status_code = 200, response = $3 WHERE user_id = $1 AND key = $2`,
      [request.userId, request.key, JSON.stringify(result)],
    );
    return result;
  }

  /** Forgets the keys stored before `olderThan` (POLICY: IDEMPOTENCY_TTL_HOURS); answers how many. */
  async expire(manager: EntityManager, olderThan: Date): Promise<number> {
    const [, deleted] = await manager.query(`DELETE FROM idempotency_record WHERE created_at < $1`, [olderThan]);
    return deleted as number;
  }
}
