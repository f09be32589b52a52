import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prepared } from '../database/prepared.js';
import type { Tx } from '../database/transactions.js';
import { AuditEvent, JsonObject } from './audit-event.entity.js';
import type { Checkpoint, CheckpointHead, StoredCheckpoint } from './checkpoint.js';

/** The advisory-lock class of the chains; the chain number is the lock's second key. */
const CHAIN_LOCK_CLASS = 0x0a0d17;

/** The call that locks a chain, for a caller's own statement: the SQL with its parameters numbered from `first`. */
export function chainLockCall(chain: number, first: number): { sql: string; params: number[] } {
  return { sql: `pg_advisory_xact_lock($${first}, $${first + 1})`, params: [CHAIN_LOCK_CLASS, chain] };
}

/** An event as stored, with its place in the trail (`seq`). */
export interface EventRow {
  seq: string;
  id: string;
  chain: number;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: JsonObject | null;
  after: JsonObject | null;
  prev_hash: string | null;
  hash: string;
}

/** A new event, hashed by the service, in chain order. */
export interface NewEvent {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonObject | null;
  after: JsonObject | null;
  prevHash: string | null;
  hash: string;
}

interface CheckpointRow {
  seq: string;
  id: string;
  at: Date;
  heads: CheckpointHead[];
  event_count: string;
  prev_signature: string | null;
  signature: string;
}

const CHECKPOINT_COLUMNS = `c.seq::text AS seq, id, at, heads, event_count, prev_signature, signature`;

/** The audit trail's tables: `audit_event` (append-only, hash-chained) and `audit_checkpoint`. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Held until the transaction ends: the chain's events are written in commit order. */
  async lockChain(chain: number, tx: Tx): Promise<void> {
    await tx.query(prepared('audit-chain-lock', `SELECT pg_advisory_xact_lock($1, $2)`), [CHAIN_LOCK_CLASS, chain]);
  }

  /**
   * Appends the events in one statement if the chain's head is still `expectedHead` (null: the chain is empty), and
   * answers the head it found. Under the chain's lock, taken by an earlier statement, the head can't move between
   * that read and the insert. unnest keeps the array's order and seq is drawn row by row in it (chain order).
   */
  async appendOnHead(
    chain: number,
    at: string,
    events: NewEvent[],
    expectedHead: string | null,
    tx: Tx,
  ): Promise<{ appended: boolean; head: string | null }> {
    const column = <K extends keyof NewEvent>(key: K) => events.map((event) => event[key]);
    const [row] = await tx.query(
      prepared(
        'audit-append',
        `WITH head AS (SELECT hash FROM audit_event WHERE chain = $2 ORDER BY seq DESC LIMIT 1),
            appended AS (
              INSERT INTO audit_event (id, chain, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
              SELECT id, $2, $3, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash
                FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])
                     WITH ORDINALITY AS e (id, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash, n)
               WHERE (SELECT hash FROM head) IS NOT DISTINCT FROM $12
               ORDER BY n
              RETURNING 1)
       SELECT (SELECT hash FROM head) AS head, EXISTS (SELECT 1 FROM appended) AS appended`,
      ),
      [
        column('id'),
        chain,
        at,
        column('actorId'),
        column('action'),
        column('entityType'),
        column('entityId'),
        events.map((event) => JSON.stringify(event.before)),
        events.map((event) => JSON.stringify(event.after)),
        column('prevHash'),
        column('hash'),
        expectedHead,
      ],
    );
    return { appended: row.appended as boolean, head: (row.head as string | null) ?? null };
  }

  /** The `limit` events after `seq`, in trail order: a verification reads the trail a batch at a time. */
  eventsAfter(seq: string, limit: number, tx: Tx = this.dataSource.manager): Promise<EventRow[]> {
    return tx.query(
      `SELECT e.seq::text AS seq, id, chain, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash
         FROM audit_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [seq, limit],
    );
  }

  /** Events of one entity (or all), oldest first, without their place in the trail. */
  async page(
    filter: { entityType?: string; entityId?: string },
    limit: number,
    offset: number,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ items: Omit<AuditEvent, 'seq'>[]; total: number }> {
    const [events, total] = await tx.getRepository(AuditEvent).findAndCount({
      where: {
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
      },
      order: { seq: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: events.map(({ seq: _, ...event }) => event), total };
  }

  /** A checkpoint's work in one snapshot of the trail. */
  inSnapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  /** One checkpoint writer at a time, so each signs its predecessor (the service's role may not LOCK the table). */
  async lockCheckpoints(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.audit.checkpoint'))`);
  }

  /** Each chain's newest event after the given heads, and how many events it gained since them. */
  headsAfter(since: CheckpointHead[], tx: Tx): Promise<{ chain: number; added: number; seq: string; hash: string }[]> {
    return tx.query(
      `SELECT DISTINCT ON (e.chain) e.chain, count(*) OVER (PARTITION BY e.chain)::int AS added, e.seq::text, e.hash
         FROM audit_event e
         LEFT JOIN (SELECT unnest($1::int[]) AS chain, unnest($2::bigint[]) AS seq) p ON p.chain = e.chain
        WHERE e.seq > coalesce(p.seq, 0)
        ORDER BY e.chain, e.seq DESC`,
      [since.map((head) => head.chain), since.map((head) => head.seq)],
    );
  }

  async addCheckpoint(checkpoint: Checkpoint, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO audit_checkpoint (id, at, heads, event_count, prev_signature, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        checkpoint.id,
        checkpoint.at,
        JSON.stringify(checkpoint.heads),
        checkpoint.eventCount,
        checkpoint.prevSignature,
        checkpoint.signature,
      ],
    );
  }

  async latestCheckpoint(tx: Tx = this.dataSource.manager): Promise<Checkpoint | null> {
    const [row]: CheckpointRow[] = await tx.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint c ORDER BY c.seq DESC LIMIT 1`,
    );
    if (!row) return null;
    const { seq: _, ...checkpoint } = toCheckpoint(row);
    return checkpoint;
  }

  async checkpoints(tx: Tx = this.dataSource.manager): Promise<StoredCheckpoint[]> {
    const rows: CheckpointRow[] = await tx.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint c ORDER BY c.seq`);
    return rows.map(toCheckpoint);
  }

  /** The hash of the chain's event `seq` (null when gone) and the number of the chain's events up to it. */
  async headAt(
    head: { chain: number; seq: string },
    tx: Tx = this.dataSource.manager,
  ): Promise<{ hash: string | null; count: number }> {
    const [row] = await tx.query(
      `SELECT (SELECT hash FROM audit_event WHERE seq = $2 AND chain = $1) AS hash,
              (SELECT count(*)::int FROM audit_event WHERE chain = $1 AND seq <= $2) AS count`,
      [head.chain, head.seq],
    );
    return row;
  }
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    heads: row.heads,
    eventCount: Number(row.event_count),
    prevSignature: row.prev_signature,
    signature: row.signature,
  };
}
