import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditCheckpoints } from '../audit/audit-checkpoints.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { badRequest, conflict, unknownReference } from '../common/domain-error.js';
import { localDate } from '../common/local-time.js';
import { defineMessages } from '../common/messages.js';
import { Transactions } from '../database/transactions.js';
import { OrdersService } from '../orders/orders.service.js';
import { completionReportPdf } from './completion-report.js';
import type { MonthlyReportQuery } from './dto.js';
import { ExportLog } from './export-log.service.js';
import { ordersReport, renderMonthly, sitesReport } from './monthly-report.js';
import { AgencyRow, ReportRepository } from './report.repository.js';
import { fileSlug } from './report-labels.js';
import {
  CONTENT_TYPES,
  hasMonthlyReport,
  isFutureMonth,
  monthBounds,
  type ReportAgencyKind,
  reportMessages,
} from './report.rules.js';

defineMessages({
  ...reportMessages,
  'validation.isMonth': { id: 'harus bulan YYYY-MM (mis. 2026-11)', en: 'must be a month YYYY-MM (e.g. 2026-11)' },
});

export interface ReportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** The documents for the court file and the agencies, each download logged. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly orders: OrdersService,
    private readonly access: AccessPolicy,
    private readonly queries: ReportRepository,
    private readonly checkpoints: AuditCheckpoints,
    private readonly exports: ExportLog,
    private readonly clock: Clock,
  ) {}

  async completionReport(user: AuthUser, orderId: string): Promise<ReportFile> {
    const { order, data } = await this.transactions.run(async (tx) => {
      const order = await this.orders.readable(tx, user, orderId);
      if (order.status !== 'completed')
        throw conflict({ code: 'report.order_not_completed', params: { status: order.status } });
      return { order, data: await this.queries.completion(order.id, tx) };
    });
    const checkpoint = await this.checkpoints.write();
    const documentId = this.exports.newId();
    const body = await completionReportPdf(data, checkpoint, documentId, this.clock.now());
    await this.exports.record(documentId, {
      userId: user.id,
      kind: 'completion_report',
      format: 'pdf',
      orderId: order.id,
      agencyId: order.bapasId,
      personCount: 1,
    });
    return { body, contentType: CONTENT_TYPES.pdf, fileName: `berita-acara-${fileSlug(order.caseNumber)}.pdf` };
  }

  async monthlyReport(user: AuthUser, query: MonthlyReportQuery): Promise<ReportFile> {
    const agency = await this.readableAgency(user, query.agencyId);
    const printedAt = this.clock.now();
    const today = localDate(printedAt, agency.timezone);
    if (isFutureMonth(query.month, today))
      throw badRequest([{ field: 'month', code: 'report.month_in_future', params: { month: query.month } }]);
    const window = monthBounds(query.month, agency.timezone);
    // The chain heads printed on it and its rows are independent reads: at once, each on its own connection.
    const checkpoint = this.checkpoints.latest().then((latest) => latest ?? this.checkpoints.write());
    const head = { agency, month: query.month, printedAt, documentId: this.exports.newId() };
    const report =
      agency.kind === 'opd'
        ? await Promise.all([checkpoint, this.queries.sites(agency, window)]).then(([checkpoint, { lines, persons }]) =>
            sitesReport({ ...head, checkpoint }, lines, persons),
          )
        : await Promise.all([
            checkpoint,
            this.queries.orders(agency, window),
            this.queries.breaches(agency, window),
          ]).then(([checkpoint, orders, breaches]) => ordersReport({ ...head, checkpoint }, orders, breaches, today));
    const body = await renderMonthly(report, query.format);
    await this.exports.record(head.documentId, {
      userId: user.id,
      kind: 'monthly_report',
      format: query.format,
      agencyId: agency.id,
      month: query.month,
      personCount: report.personCount,
    });
    return {
      body,
      contentType: CONTENT_TYPES[query.format],
      fileName: `laporan-bulanan-${fileSlug(agency.name)}-${query.month}.${query.format}`,
    };
  }

  /** a user reads the report of their own agency only, and only in the role that agency's report is for. */
  private async readableAgency(user: AuthUser, agencyId: string): Promise<AgencyRow & { kind: ReportAgencyKind }> {
    await this.access.requireAccess(user, 'report.ask', [agencyId]);
    const agency = await this.queries.agency(agencyId);
    if (!agency) throw unknownReference('agencyId', 'agency');
    if (!hasMonthlyReport(agency.kind)) throw badRequest([{ field: 'agencyId', code: 'report.agency_kind' }]);
    return this.access.requireLoaded(user, 'report.read', { ...agency, kind: agency.kind });
  }
}
