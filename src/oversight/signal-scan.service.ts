import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { MisuseSignalRepository } from './misuse-signal.repository.js';
import { OversightReadRepository } from './oversight-read.repository.js';
import {
  coordinatorOffDuty,
  holidayOpened,
  lateRecords,
  newAccountSignatures,
  outsideRadius,
  pairShares,
  reversals,
  signOffBursts,
  type SignalDraft,
  type SignalPolicy,
} from './signal.rules.js';

const SCAN_LOCK = 'bakti.oversight-scan';

export function signalPolicy(config: AppConfig): SignalPolicy {
  return {
    radiusToleranceMeters: config.OVERSIGHT_RADIUS_TOLERANCE_METERS,
    lateRecordHours: config.OVERSIGHT_LATE_RECORD_HOURS,
    pairSharePercent: config.OVERSIGHT_PAIR_SHARE_PERCENT,
    pairWindowDays: config.OVERSIGHT_PAIR_WINDOW_DAYS,
    pairMinMinutes: config.OVERSIGHT_PAIR_MIN_MINUTES,
    holidayOpenedHours: config.OVERSIGHT_HOLIDAY_OPENED_HOURS,
    newAccountHours: config.OVERSIGHT_NEW_ACCOUNT_HOURS,
    burstShifts: config.OVERSIGHT_BURST_SHIFTS,
    burstMinutes: config.OVERSIGHT_BURST_MINUTES,
    reversalMinMinutes: config.OVERSIGHT_REVERSAL_MIN_MINUTES,
  };
}

export interface ScanResult {
  /** Signals opened by this scan (new occurrences). */
  opened: number;
  /** Occurrences found, new or already known (a known one, reviewed or not, is left as it is). */
  found: number;
}

/**
 * Runs every misuse rule over the records of the last OVERSIGHT_SCAN_DAYS and stores what is new. Idempotent: a
 * signal is keyed by (kind, occurrence), so a known occurrence is left alone (a reviewed signal stays reviewed)
 * and only a new one opens a signal, with an audit event. One scan at a time across replicas (advisory lock):
 * the nightly one skips while another runs, one asked for waits its turn.
 */
@Injectable()
export class SignalScan {
  private readonly logger = new Logger(SignalScan.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly queries: OversightReadRepository,
    private readonly signals: MisuseSignalRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** `wait: false` (the nightly job) skips when another replica is scanning: answers null. */
  run(actorId: string | null, { wait }: { wait: boolean }): Promise<ScanResult | null> {
    const scan = (tx: Tx) => this.scan(tx, actorId);
    if (!wait) return this.transactions.runOnce(SCAN_LOCK, scan);
    return this.transactions.run(async (tx) => {
      await this.signals.waitForScan(SCAN_LOCK, tx);
      return scan(tx);
    });
  }

  private async scan(tx: Tx, actorId: string | null): Promise<ScanResult> {
    const drafts = await this.drafts();
    let opened = 0;
    for (const draft of drafts) if (await this.store(tx, draft, actorId)) opened++;
    if (opened > 0) this.logger.log(`Misuse scan: ${opened} new signals of ${drafts.length} found`);
    return { opened, found: drafts.length };
  }

  private async drafts(): Promise<SignalDraft[]> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.config.OVERSIGHT_SCAN_DAYS * 86_400_000);
    const policy = signalPolicy(this.config);
    const [attendance, credits, duty, opened, signatures, reversed] = await Promise.all([
      this.queries.attendance(since),
      this.queries.credits(since),
      this.queries.duty(since),
      this.queries.openedDates(since),
      this.queries.signatures(since),
      this.queries.reversals(since),
    ]);
    return [
      ...outsideRadius(attendance, policy),
      ...lateRecords(attendance, policy),
      ...pairShares(credits, now, policy),
      ...holidayOpened(opened, policy),
      ...newAccountSignatures(signatures, policy),
      ...signOffBursts(credits, policy),
      ...reversals(reversed, policy),
      ...coordinatorOffDuty(duty),
    ];
  }

  private async store(tx: Tx, draft: SignalDraft, actorId: string | null): Promise<boolean> {
    const id = await this.signals.open(draft, this.clock.now(), tx);
    if (!id) return false;
    await this.audit.record(tx, {
      actorId,
      action: 'misuse_signal.opened',
      entityType: 'misuse_signal',
      entityId: id,
      after: { kind: draft.kind, occurrence: draft.occurrence, bapasId: draft.bapasId, orderId: draft.orderId },
    });
    return true;
  }
}
