import { createHmac, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { AuditEventRepository } from './audit-event.repository.js';
import { Checkpoint, hasValidSignature, signCheckpoint } from './checkpoint.js';

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
    private readonly events: AuditEventRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Heads are read in one snapshot; each chain commits in order (its lock), so every head's prefix is complete. */
  async write(): Promise<Checkpoint> {
    return this.events.inSnapshot(async (tx) => {
      await this.events.lockCheckpoints(tx);
      const previous = await this.events.latestCheckpoint(tx);
      const since = new Map((previous?.heads ?? []).map((head) => [head.chain, head]));
      const chains = await this.events.headsAfter([...since.values()], tx);
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
      await this.events.addCheckpoint(checkpoint, tx);
      return checkpoint;
    });
  }

  latest(): Promise<Checkpoint | null> {
    return this.events.latestCheckpoint();
  }

  /** Checks a checkpoint held outside (from a report, a berita acara, the anchor's store) against the database. */
  async verifyAnchor(checkpoint: Checkpoint): Promise<AnchorVerdict> {
    const signatureValid = hasValidSignature(this.config.AUDIT_KEY, checkpoint);
    const missing: AnchorVerdict['missing'] = [];
    for (const head of checkpoint.heads) {
      const row = await this.events.headAt(head);
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
