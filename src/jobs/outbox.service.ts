import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { PlannedJob } from './jobs.js';
import { OutboxRepository } from './outbox.repository.js';

/** For a caller's own statement that writes the outbox along with its change (one round trip). */
export { outboxInsert } from './outbox-insert.js';

/** Writes jobs in the transaction of the change that implies them; the relay moves them to BullMQ. */
@Injectable()
export class Outbox {
  constructor(private readonly outbox: OutboxRepository) {}

  async add(tx: Tx, jobs: PlannedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.outbox.add(jobs, tx);
  }
}
