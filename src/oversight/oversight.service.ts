import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { conflict } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import type { Page } from '../common/pagination.js';
import { monthBounds } from '../reports/report.rules.js';
import type { SignalQuery } from './dto.js';
import { OversightQueries } from './oversight.queries.js';
import { SIGNAL_RULES, type Evidence, type SignalKind } from './signal.rules.js';
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

interface SignalRow {
  id: string;
  kind: SignalKind;
  status: string;
  bapas_id: string;
  bapas_name: string;
  order_id: string | null;
  occurred_at: Date;
  detected_at: Date;
  reviewed_at: Date | null;
  review_note: string | null;
  reviewer: string | null;
  evidence: Evidence;
}

const SIGNAL_SELECT = `
  SELECT s.id, s.kind, s.status, s.bapas_id, b.name AS bapas_name, s.order_id, s.occurred_at, s.detected_at,
         s.reviewed_at, s.review_note, u.full_name AS reviewer, s.evidence
    FROM misuse_signal s JOIN agency b ON b.id = s.bapas_id LEFT JOIN app_user u ON u.id = s.reviewed_by`;

/**
 * The Kanwil's oversight: a region's figures and its misuse signals. Read-only over the other modules'
 * records (OversightQueries); writes only its own signals' reviews, audited, and audits every look at a signal
 * that names a person. An oversight user sees the Bapas of its Kanwil's region; an administrator all.
 */
@Injectable()
export class OversightService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: OversightQueries,
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
    const where = `WHERE ($1::text IS NULL OR b.region = $1) AND ($2::text IS NULL OR s.status = $2)
                     AND ($3::text IS NULL OR s.kind = $3)`;
    const params = [region, query.status ?? null, query.kind ?? null];
    const rows: SignalRow[] = await this.dataSource.query(
      `${SIGNAL_SELECT} ${where} ORDER BY s.status, s.occurred_at DESC, s.id LIMIT $4 OFFSET $5`,
      [...params, query.limit, query.offset],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM misuse_signal s JOIN agency b ON b.id = s.bapas_id ${where}`,
      params,
    );
    return { items: rows.map(toView), total };
  }

  /** One signal with its evidence: the person's name and case number where it has an order; the look is audited. */
  get(user: AuthUser, id: string): Promise<SignalDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visible(manager, user, id, false);
      await this.audit.record(manager, {
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
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visible(manager, user, id, false);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'misuse_signal.trail_viewed',
        entityType: 'misuse_signal',
        entityId: id,
      });
      const events = await this.queries.trail(manager, row.evidence.records);
      return {
        items: events.map((event) => ({ ...event, at: event.at.toISOString() })),
        total: events.length,
      };
    });
  }

  /** The compliance officer's review with a note, audited; written once. */
  review(user: AuthUser, id: string, note: string): Promise<SignalDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visible(manager, user, id, true);
      if (row.status === 'reviewed') throw conflict({ code: 'oversight.already_reviewed' });
      const reviewedAt = this.clock.now();
      await manager.query(
        `UPDATE misuse_signal SET status = 'reviewed', review_note = $2, reviewed_by = $3, reviewed_at = $4
          WHERE id = $1`,
        [id, note, user.id, reviewedAt],
      );
      await this.audit.record(manager, {
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

  private async visible(manager: EntityManager, user: AuthUser, id: string, lock: boolean): Promise<SignalRow> {
    const region = await this.access.overseenRegion(user);
    const [row]: (SignalRow & { region: string })[] = await manager.query(
      `${SIGNAL_SELECT.replace('s.evidence', 's.evidence, b.region')} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    );
    this.access.requireLoaded(user, 'signal.read', row && { bapasRegion: row.region, overseenRegion: region });
    return row;
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
    orderId: row.order_id,
    occurredAt: row.occurred_at.toISOString(),
    detectedAt: row.detected_at.toISOString(),
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
  };
}
