import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { conflict } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Page } from '../common/pagination.js';
import { monthBounds } from '../reports/report.rules.js';
import type { SignalQuery } from './dto.js';
import { MisuseSignalRepository, type SignalRow } from './misuse-signal.repository.js';
import { OversightReadRepository } from './oversight-read.repository.js';
import { SIGNAL_RULES } from './signal.rules.js';
import { percent, percentile } from './summary.rules.js';

defineMessages({
  'oversight.already_reviewed': { id: 'Sinyal ini sudah ditinjau.', en: 'This signal has already been reviewed.' },
});

export interface BapasSummaryView {
  bapasId: string;
  name: string;
  ordersStarted: number;
  ordersCompleted: number;
  ordersBreached: number;
  ordersClosed: number;
  ordersRunning: number;
  requiredMinutes: number;
  creditedMinutes: number;
  completedBeforeEndPercent: number | null;
  absenceRatePercent: number | null;
  breachRatePercent: number | null;
  signOffMedianMinutes: number | null;
  signOffP90Minutes: number | null;
  openConfirmations: number;
  openAbsences: number;
}

export interface RegionalSummaryView {
  month: string;
  region: string | null;
  bapas: BapasSummaryView[];
}

export interface SignalView {
  id: string;
  kind: string;
  rule: string;
  status: string;
  bapasId: string;
  bapasName: string;
  bapasTimezone: string;
  orderId: string | null;
  occurredAt: string;
  detectedAt: string;
  reviewedAt: string | null;
}

export interface EvidenceView {
  type: string;
  id: string;
  label: string;
}

export interface SignalDetailView extends SignalView {
  caseNumber: string | null;
  personName: string | null;
  facts: { name: string; value: string }[];
  evidence: EvidenceView[];
  reviewNote: string | null;
  reviewedBy: string | null;
}

export interface TrailEventView {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

export interface ScanView {
  opened: number;
  found: number;
}

/**
 * The Kanwil's oversight: a region's figures and its misuse signals. Read-only over the other modules'
 * records (OversightReadRepository); writes only its own signals' reviews, audited, and audits every look at a signal
 * that names a person. An oversight user sees the Bapas of its Kanwil's region; an administrator all.
 */
@Injectable()
export class OversightService {
  constructor(
    private readonly transactions: Transactions,
    private readonly queries: OversightReadRepository,
    private readonly signals: MisuseSignalRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async summary(user: AuthUser, month: string): Promise<RegionalSummaryView> {
    const region = await this.access.overseenRegion(user);
    const bapas = await this.queries.bapasOf(region);
    const rows = await Promise.all(
      bapas.map(async (agency): Promise<BapasSummaryView> => {
        const figures = await this.queries.bapasMonth(agency.id, monthBounds(month, agency.timezone));
        return {
          bapasId: agency.id,
          name: agency.name,
          ordersStarted: figures.ordersStarted,
          ordersCompleted: figures.ordersCompleted,
          ordersBreached: figures.ordersBreached,
          ordersClosed: figures.ordersClosed,
          ordersRunning: figures.ordersRunning,
          requiredMinutes: figures.requiredMinutes,
          creditedMinutes: figures.creditedMinutes,
          completedBeforeEndPercent: percent(figures.completedBeforeEnd, figures.ordersCompleted),
          absenceRatePercent: percent(figures.absences, figures.assignmentsHeld),
          breachRatePercent: percent(figures.ordersBreached, figures.ordersRunning),
          signOffMedianMinutes: percentile(figures.signOffDelays, 0.5),
          signOffP90Minutes: percentile(figures.signOffDelays, 0.9),
          openConfirmations: figures.openConfirmations,
          openAbsences: figures.openAbsences,
        };
      }),
    );
    return { month, region, bapas: rows };
  }

  async list(user: AuthUser, query: SignalQuery): Promise<Page<SignalView>> {
    const region = await this.access.overseenRegion(user);
    const { rows, total } = await this.signals.page(
      { region, status: query.status ?? null, kind: query.kind ?? null },
      query.limit,
      query.offset,
    );
    return { items: rows.map(toView), total };
  }

  /** One signal with its evidence: the person's name and case number where it has an order; the look is audited. */
  get(user: AuthUser, id: string): Promise<SignalDetailView> {
    return this.transactions.run(async (tx) => {
      const row = await this.visible(tx, user, id, false);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'misuse_signal.viewed',
        entityType: 'misuse_signal',
        entityId: id,
      });
      return this.detail(row);
    });
  }

  /** The audit events of the signal's evidence records, oldest first; the look is audited. */
  trail(user: AuthUser, id: string): Promise<Page<TrailEventView>> {
    return this.transactions.run(async (tx) => {
      const row = await this.visible(tx, user, id, false);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'misuse_signal.trail_viewed',
        entityType: 'misuse_signal',
        entityId: id,
      });
      const events = await this.queries.trail(row.evidence.records, tx);
      return {
        items: events.map((event) => ({ ...event, at: event.at.toISOString() })),
        total: events.length,
      };
    });
  }

  /** The compliance officer's review with a note, audited; written once. */
  review(user: AuthUser, id: string, note: string): Promise<SignalDetailView> {
    return this.transactions.run(async (tx) => {
      const row = await this.visible(tx, user, id, true);
      if (row.status === 'reviewed') throw conflict({ code: 'oversight.already_reviewed' });
      const reviewedAt = this.clock.now();
      await this.signals.review(id, { note, reviewedBy: user.id, reviewedAt }, tx);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'misuse_signal.reviewed',
        entityType: 'misuse_signal',
        entityId: id,
        before: { status: row.status },
        after: { status: 'reviewed', note },
      });
      return this.detail({
        ...row,
        status: 'reviewed',
        review_note: note,
        reviewed_at: reviewedAt,
        reviewer: user.fullName,
      });
    });
  }

  private async visible(tx: Tx, user: AuthUser, id: string, lock: boolean): Promise<SignalRow> {
    const region = await this.access.overseenRegion(user);
    const row = await this.signals.one(id, lock, tx);
    this.access.requireLoaded(user, 'signal.read', row && { bapasRegion: row.region, overseenRegion: region });
    return row!;
  }

  private async detail(row: SignalRow): Promise<SignalDetailView> {
    const subject = row.order_id ? await this.queries.subject(row.order_id) : null;
    const labels = await this.queries.labels(row.evidence.records);
    const label = (type: string, id: string) => labels.find((l) => l.type === type && l.id === id)?.label ?? id;
    return {
      ...toView(row),
      caseNumber: subject?.caseNumber ?? null,
      personName: subject?.personName ?? null,
      facts: Object.entries(row.evidence.facts).map(([name, value]) => ({ name, value: String(value ?? '–') })),
      evidence: row.evidence.records.map((record) => ({ ...record, label: label(record.type, record.id) })),
      reviewNote: row.review_note,
      reviewedBy: row.reviewer,
    };
  }
}

function toView(row: SignalRow): SignalView {
  return {
    id: row.id,
    kind: row.kind,
    rule: SIGNAL_RULES[row.kind],
    status: row.status,
    bapasId: row.bapas_id,
    bapasName: row.bapas_name,
    bapasTimezone: row.bapas_timezone,
    orderId: row.order_id,
    occurredAt: row.occurred_at.toISOString(),
    detectedAt: row.detected_at.toISOString(),
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
  };
}
