import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { canonicalJson, toPlain } from '../common/canonical-json.js';
import { AuditEvent, JsonObject } from './audit-event.entity.js';

export interface AuditChange {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface ChainVerdict {
  intact: boolean;
  checked: number;
  firstBrokenSeq?: string;
}

const CHAIN_LOCK = 'bakti.audit-chain';

/**
 * The audit trail. An event is written in the transaction of the change it describes. The chain lock is
 * held from the write until that transaction commits, so events are chained in commit order.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, change: AuditChange): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [CHAIN_LOCK]);
    const [last] = await manager.query(`SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`);
    const event = {
      id: randomUUID(),
      at: this.clock.now().toISOString(),
      actorId: change.actorId,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: toPlain(change.before ?? null) as JsonObject | null,
      after: toPlain(change.after ?? null) as JsonObject | null,
      prevHash: (last?.hash as string | undefined) ?? null,
    };
    await manager.query(
      `INSERT INTO audit_event (id, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [event.id, event.at, event.actorId, event.action, event.entityType, event.entityId,
        JSON.stringify(event.before), JSON.stringify(event.after), event.prevHash, hashOf(event)],
    );
  }

  async verifyChain(): Promise<ChainVerdict> {
    const events = await this.dataSource.getRepository(AuditEvent).find({ order: { seq: 'ASC' } });
    let prevHash: string | null = null;
    for (const [index, stored] of events.entries()) {
      const { seq, hash, ...event } = stored;
      const expected = hashOf({ ...event, at: stored.at.toISOString() });
      if (stored.prevHash !== prevHash || hash !== expected) {
        return { intact: false, checked: index, firstBrokenSeq: seq };
      }
      prevHash = hash;
    }
    return { intact: true, checked: events.length };
  }
}

function hashOf(event: Omit<AuditEvent, 'seq' | 'hash' | 'at'> & { at: string }): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
