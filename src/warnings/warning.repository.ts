import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';

/** Reads only: the warnings module owns no table (its warnings are notifications). */
@Injectable()
export class WarningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read model: the assignments (not ours) judged unexcused after `since`. */
  async unexcusedSince(since: Date, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const unexcused: { id: string }[] = await tx.query(
      `SELECT id FROM assignment WHERE status = 'unexcused' AND absence_decided_at > $1`,
      [since],
    );
    return unexcused.map((a) => a.id);
  }
}
