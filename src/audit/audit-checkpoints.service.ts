import { createHmac, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { Checkpoint, CheckpointHead, hasValidSignature, signCheckpoint } from './checkpoint.js';

export interface AnchorVerdict {
  signatureValid: boolean;
  /** The checkpoint's heads the database no longer holds as they were. */
  missing: { chain: number; seq: string; reason: 'missing' | 'changed' | 'count' }[];
  intact: boolean;
}

/**
 * Signed checkpoints of the audit chains' heads (R-28): written every hour by the worker and on demand, sent to
 * AUDIT_ANCHOR_URL when set, and printed on the reports. A copy held outside the database proves later that the
 * trail up to it was neither cut nor rewritten.
 */
@Injectable()
export class AuditCheckpoints {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Heads are read in one snapshot; each chain commits in order (its lock), so every head's prefix is complete. */
  async write(): Promise<Checkpoint> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // One writer at a time, so each checkpoint signs its predecessor (the service's role may not LOCK the table).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.audit.checkpoint'))`);
      const previous = await this.latest(manager);
      const since = new Map((previous?.heads ?? []).map((head) => [head.chain, head]));
      const chains: { chain: number; added: number; seq: string; hash: string }[] = await manager.query(
        `SELECT DISTINCT ON (e.chain) e.chain, count(*) OVER (PARTITION BY e.chain)::int AS added, e.seq::text, e.hash
           FROM audit_event e
           LEFT JOIN (SELECT unnest($1::int[]) AS chain, unnest($2::bigint[]) AS seq) p ON p.chain = e.chain
          WHERE e.seq > coalesce(p.seq, 0)
          ORDER BY e.chain, e.seq DESC`,
        [[...since.keys()], [...since.values()].map((head) => head.seq)],
      );
      const heads = new Map(since);
      for (const row of chains) {
        heads.set(row.chain, {
          chain: row.chain,
          seq: row.seq,
          hash: row.hash,
          count: (since.get(row.chain)?.count ?? 0) + row.added,
        });
      }
      const sorted = [...heads.values()].sort((a, b) => a.chain - b.chain);
      const unsigned = {
        id: randomUUID(),
        at: this.clock.now().toISOString(),
        heads: sorted,
        eventCount: sorted.reduce((sum, head) => sum + head.count, 0),
        prevSignature: previous?.signature ?? null,
      };
      const checkpoint = { ...unsigned, signature: signCheckpoint(this.config.AUDIT_KEY, unsigned) };
      await manager.query(
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
      return checkpoint;
    });
  }

  latest(manager = this.dataSource.manager): Promise<Checkpoint | null> {
    return manager
      .query(
        `SELECT id, at, heads, event_count, prev_signature, signature FROM audit_checkpoint ORDER BY seq DESC LIMIT 1`,
      )
      .then(
        ([row]: {
          id: string;
          at: Date;
          heads: CheckpointHead[];
          event_count: string;
          prev_signature: string | null;
          signature: string;
        }[]) =>
          row
            ? {
                id: row.id,
                at: row.at.toISOString(),
                heads: row.heads,
                eventCount: Number(row.event_count),
                prevSignature: row.prev_signature,
                signature: row.signature,
              }
            : null,
      );
  }

  /** Checks a checkpoint held outside (from a report, a berita acara, the anchor's store) against the database. */
  async verifyAnchor(checkpoint: Checkpoint): Promise<AnchorVerdict> {
    const signatureValid = hasValidSignature(this.config.AUDIT_KEY, checkpoint);
    const missing: AnchorVerdict['missing'] = [];
    for (const head of checkpoint.heads) {
      const [row]: { hash: string; count: number }[] = await this.dataSource.query(
        `SELECT (SELECT hash FROM audit_event WHERE seq = $2 AND chain = $1) AS hash,
                (SELECT count(*)::int FROM audit_event WHERE chain = $1 AND seq <= $2) AS count`,
        [head.chain, head.seq],
      );
      if (row.hash === null) missing.push({ chain: head.chain, seq: head.seq, reason: 'missing' });
      else if (row.hash !== head.hash) missing.push({ chain: head.chain, seq: head.seq, reason: 'changed' });
      else if (row.count !== head.count) missing.push({ chain: head.chain, seq: head.seq, reason: 'count' });
    }
    return { signatureValid, missing, intact: signatureValid && missing.length === 0 };
  }

  /** Hourly (BullMQ job scheduler, once across workers): a checkpoint, then its copy to the anchor. */
  @OnJob(JOBS.auditCheckpoint)
  async checkpointAndAnchor(): Promise<string> {
    const checkpoint = await this.write();
    if (!this.config.AUDIT_ANCHOR_URL) return 'written';
    const body = JSON.stringify(checkpoint);
    const response = await fetch(this.config.AUDIT_ANCHOR_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-bakti-signature': `sha256=${createHmac('sha256', this.config.AUDIT_KEY).update(body).digest('hex')}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`audit anchor answered ${response.status}`);
    this.logger.log(`checkpoint ${checkpoint.id} anchored (${checkpoint.eventCount} events)`);
    return 'anchored';
  }
}
