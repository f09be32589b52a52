import { createHash, randomInt, randomUUID } from 'node:crypto';
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

export const AUDIT_CHAINS = 16;
/** The advisory-lock class of the chains; the chain number is the lock's second key. */
const CHAIN_LOCK_CLASS = 0x0a0d17;

/**
 * The audit trail. An event is written in the transaction of the change it describes and extends one of
 * 16 hash chains; the chain's lock is held until that transaction commits, so each chain is in commit order. A
 * transaction keeps to one chain (picked at random), so it takes one lock and can't deadlock on chains, and up
 * to 16 transactions write their trail in parallel. A changed or deleted event breaks its chain.
 */
@Injectable()
export class AuditService {
  private readonly chainOf = new WeakMap<EntityManager, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, change: AuditChange): Promise<void> {
    const chain = await this.chainFor(manager);
    const [last] = await manager.query(`SELECT hash FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain]);
    const event = {
      id: randomUUID(),
      chain,
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
      `INSERT INTO audit_event (id, chain, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [event.id, chain, event.at, event.actorId, event.action, event.entityType, event.entityId,
        JSON.stringify(event.before), JSON.stringify(event.after), event.prevHash, hashOf(event)],
    );
  }

  async verifyChain(): Promise<ChainVerdict> {
    const events = await this.dataSource.getRepository(AuditEvent).find({ order: { seq: 'ASC' } });
    const lastHash = new Map<number, string>();
    for (const [index, stored] of events.entries()) {
      const { seq, hash, ...event } = stored;
      const expected = hashOf({ ...event, at: stored.at.toISOString() });
      if (stored.prevHash !== (lastHash.get(stored.chain) ?? null) || hash !== expected) {
        return { intact: false, checked: index, firstBrokenSeq: seq };
      }
      lastHash.set(stored.chain, hash);
    }
    return { intact: true, checked: events.length };
  }

  private async chainFor(manager: EntityManager): Promise<number> {
    let chain = this.chainOf.get(manager);
    if (chain === undefined) {
      chain = randomInt(AUDIT_CHAINS);
      await manager.query(`SELECT pg_advisory_xact_lock($1, $2)`, [CHAIN_LOCK_CLASS, chain]);
      this.chainOf.set(manager, chain);
    }
    return chain;
  }
}

function hashOf(event: Omit<AuditEvent, 'seq' | 'hash' | 'at'> & { at: string }): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
