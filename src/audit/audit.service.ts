import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { toPlain } from '../common/canonical-json.js';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transactions.js';
import type { JsonObject } from './audit-event.entity.js';
import { AuditEventRepository, chainLockCall, type EventRow } from './audit-event.repository.js';
import { chainedEvent, keyedHash, withPersonalDataFingerprinted } from './audit-hash.js';
import { CheckpointHead, checkpointProblems } from './checkpoint.js';

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
  /** Events whose links were checked before the first broken one (all of them when intact). */
  checked: number;
  firstBrokenSeq?: string;
  /** Each thing found wrong, in words: a broken link, a checkpoint's event missing or changed, a bad signature. */
  problems: string[];
  checkpoints: { verified: number; latestSeq: string | null; from: string | null };
}

export const AUDIT_CHAINS = 16;
/** Events read per round trip while verifying: the memory of a verification is this, whatever the trail's size. */
const VERIFY_BATCH = 5000;

/**
 * The audit trail (R-25). An event is written in the transaction of the change it describes and extends one of
 * 16 hash chains; the chain's lock is held until that transaction commits, so each chain is in commit order. A
 * transaction keeps to one chain (picked at random), so it takes one lock and can't deadlock on chains, and up
 * to 16 transactions write their trail in parallel. Hashes are keyed (R-28) and signed checkpoints of the chains'
 * heads are kept and sent out, so a changed, inserted or deleted event, or a cut tail, is found.
 */
@Injectable()
export class AuditService {
  private readonly chainOf = new WeakMap<Tx, number>();
  /** The hash a transaction appended last: its chain's head while it holds the chain's lock, to its end. */
  private readonly headOf = new WeakMap<Tx, string>();
  /**
   * Each chain's head as this process wrote it last: a guess the insert checks, since another process or a
   * transaction rolled back after writing may have moved it.
   */
  private readonly lastWritten: (string | null | undefined)[] = new Array(AUDIT_CHAINS);
  private readonly key: string;

  constructor(
    private readonly events: AuditEventRepository,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.key = config.AUDIT_KEY;
  }

  async record(tx: Tx, change: AuditChange): Promise<void> {
    await this.recordAll(tx, [change]);
  }

  /**
   * Several events of one transaction, chained one after the other, in one statement: the chain's head is the one
   * this transaction or, failing that, this process wrote last, checked by the insert; only when another process
   * (or a transaction rolled back) moved it does a second statement follow, on the head the first one found.
   */
  async recordAll(tx: Tx, changes: AuditChange[]): Promise<void> {
    if (changes.length === 0) return;
    const chain = await this.chainFor(tx);
    const at = this.clock.now().toISOString();
    let head = this.headOf.get(tx) ?? this.lastWritten[chain] ?? null;
    for (let attempt = 1; ; attempt++) {
      const rows = this.chained(chain, at, head, changes);
      const found = await this.events.appendOnHead(chain, at, rows, head, tx);
      if (found.appended) {
        head = rows[rows.length - 1].hash;
        break;
      }
      if (attempt === 2) throw new Error(`audit chain ${chain} moved while this transaction held its lock`);
      head = found.head;
    }
    this.headOf.set(tx, head);
    this.lastWritten[chain] = head;
  }

  /**
   * The call that locks this transaction's chain, for the caller to put in a statement of its own that runs
   * before `record` (one round trip fewer): `pg_advisory_xact_lock($first, $first + 1)` and its two parameters.
   * A later statement then sees the chain's head as the last transaction on it committed it.
   */
  chainLock(tx: Tx, first: number): { sql: string; params: number[] } {
    // Taking the lock again in the same transaction is harmless (it is held to the end either way).
    const chain = this.chainOf.get(tx) ?? randomInt(AUDIT_CHAINS);
    this.chainOf.set(tx, chain);
    return chainLockCall(chain, first);
  }

  /** the events of one entity, or all of them, oldest first. */
  page(filter: { entityType?: string; entityId?: string }, limit: number, offset: number) {
    return this.events.page(filter, limit, offset);
  }

  /**
   * Recomputes every chain in one streaming pass (constant memory) and checks it against the signed checkpoints:
   * each checkpoint's head must still be there with its hash and the number of events before it. With
   * `fromLatestCheckpoint`, starts from the newest valid checkpoint and checks only what came after it.
   */
  async verifyChain(options: { fromLatestCheckpoint?: boolean } = {}): Promise<ChainVerdict> {
    const checkpoints = await this.events.checkpoints();
    const problems = checkpointProblems(this.key, checkpoints);
    const start = options.fromLatestCheckpoint && problems.length === 0 ? checkpoints.at(-1) : undefined;
    const expected = new Map<string, CheckpointHead & { checkpoint: string }>();
    for (const checkpoint of start ? [] : checkpoints) {
      for (const head of checkpoint.heads)
        expected.set(`${head.chain}:${head.seq}`, { ...head, checkpoint: checkpoint.seq });
    }
    const lastHash = new Map<number, string>(start?.heads.map((head) => [head.chain, head.hash]) ?? []);
    const count = new Map<number, number>(start?.heads.map((head) => [head.chain, head.count]) ?? []);
    const startSeq = new Map<number, bigint>(start?.heads.map((head) => [head.chain, BigInt(head.seq)]) ?? []);
    let checked = 0;
    let firstBrokenSeq: string | undefined;
    let after = start ? String(minSeq(start.heads)) : '0';
    for (;;) {
      const rows = await this.events.eventsAfter(after, VERIFY_BATCH);
      for (const row of rows) {
        if (BigInt(row.seq) <= (startSeq.get(row.chain) ?? -1n)) continue;
        const n = (count.get(row.chain) ?? 0) + 1;
        count.set(row.chain, n);
        const expectation = expected.get(`${row.chain}:${row.seq}`);
        if (expectation) {
          expected.delete(`${row.chain}:${row.seq}`);
          if (expectation.hash !== row.hash || expectation.count !== n) {
            problems.push(
              `checkpoint ${expectation.checkpoint}: chain ${row.chain} at event ${row.seq} no longer matches (hash or number of events before it)`,
            );
          }
        }
        if (firstBrokenSeq !== undefined) continue;
        if (row.prev_hash !== (lastHash.get(row.chain) ?? null) || row.hash !== keyedHash(this.key, eventOf(row))) {
          firstBrokenSeq = row.seq;
          problems.push(`chain ${row.chain}: event ${row.seq} does not match its hash or its predecessor`);
          continue;
        }
        lastHash.set(row.chain, row.hash);
        checked++;
      }
      if (rows.length < VERIFY_BATCH) break;
      after = rows[rows.length - 1].seq;
    }
    for (const missing of expected.values()) {
      problems.push(
        `checkpoint ${missing.checkpoint}: event ${missing.seq} of chain ${missing.chain} is missing (the trail was cut or rewritten)`,
      );
    }
    return {
      intact: problems.length === 0,
      checked,
      ...(firstBrokenSeq !== undefined ? { firstBrokenSeq } : {}),
      problems,
      checkpoints: {
        verified: checkpoints.length,
        latestSeq: checkpoints.at(-1)?.seq ?? null,
        from: start?.seq ?? null,
      },
    };
  }

  private chained(chain: number, at: string, head: string | null, changes: AuditChange[]) {
    let prevHash = head;
    return changes.map((change) => {
      const event = chainedEvent(this.key, chain, at, prevHash, {
        ...change,
        before: this.kept(change.before),
        after: this.kept(change.after),
      });
      prevHash = event.hash;
      return event;
    });
  }

  private kept(state: unknown): JsonObject | null {
    return withPersonalDataFingerprinted(this.key, toPlain(state ?? null)) as JsonObject | null;
  }

  private async chainFor(tx: Tx): Promise<number> {
    let chain = this.chainOf.get(tx);
    if (chain === undefined) {
      chain = randomInt(AUDIT_CHAINS);
      await this.events.lockChain(chain, tx);
      this.chainOf.set(tx, chain);
    }
    return chain;
  }
}

function eventOf(row: EventRow) {
  return {
    id: row.id,
    chain: row.chain,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
  };
}

function minSeq(heads: CheckpointHead[]): bigint {
  return heads.reduce(
    (least, head) => (BigInt(head.seq) < least ? BigInt(head.seq) : least),
    heads.length ? BigInt(heads[0].seq) : 0n,
  );
}
