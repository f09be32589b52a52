import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { canonicalJson } from './canonical-json.js';
import type { Tx } from '../database/transactions.js';
import { badRequest, DomainError } from './domain-error.js';
import { IdempotencyRepository } from './idempotency.repository.js';

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
  constructor(private readonly records: IdempotencyRepository) {}

  async once<T>(tx: Tx, request: IdempotentRequest, work: () => Promise<T>): Promise<T> {
    if (request.key === undefined) return work();
    if (!/^[\x21-\x7e]{1,200}$/.test(request.key)) {
      throw badRequest([{ field: 'Idempotency-Key', code: 'validation.invalid' }]);
    }
    const requestHash = createHash('sha256').update(canonicalJson(request.fingerprint)).digest('hex');
    if (!(await this.records.claim(request.userId, request.key, requestHash, tx))) {
      const earlier = await this.records.earlier(request.userId, request.key, tx);
      if (earlier.requestHash !== requestHash) {
        throw new DomainError(409, [{ field: 'Idempotency-Key', code: 'idempotency.key_reused' }]);
      }
      return earlier.response as T;
    }
    const result = await work();
    await this.records.answer(request.userId, request.key, result, tx);
    return result;
  }

  /** Forgets the keys stored before `olderThan` (POLICY: IDEMPOTENCY_TTL_HOURS); answers how many. */
  expire(tx: Tx, olderThan: Date): Promise<number> {
    return this.records.deleteOlderThan(olderThan, tx);
  }
}
