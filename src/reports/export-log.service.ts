import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { Page } from '../common/pagination.js';
import { ExportLogRepository } from './export-log.repository.js';
import type { ReportFormat } from './report.rules.js';

export type ExportKind = 'completion_report' | 'monthly_report' | 'subject_access';
/** A report's format, or the subject-access export's JSON. */
export type ExportFormat = ReportFormat | 'json';

export interface ExportRecord {
  id: string;
  at: string;
  userId: string;
  username: string;
  kind: ExportKind;
  format: ExportFormat;
  agencyId: string | null;
  orderId: string | null;
  personId: string | null;
  month: string | null;
  personCount: number;
}

export interface NewExport {
  userId: string;
  kind: ExportKind;
  format: ExportFormat;
  agencyId?: string;
  orderId?: string;
  personId?: string;
  month?: string;
  personCount: number;
}

/** the export log, owned by the reports module: one append-only row per download. */
@Injectable()
export class ExportLog {
  constructor(
    private readonly log: ExportLogRepository,
    private readonly clock: Clock,
  ) {}

  /** An id before the file is made, so the file can carry it; `record` then writes the row under it. */
  newId(): string {
    return randomUUID();
  }

  async record(id: string, entry: NewExport): Promise<void> {
    await this.log.add(id, this.clock.now(), entry);
  }

  /** Newest first. */
  list(limit: number, offset: number): Promise<Page<ExportRecord>> {
    return this.log.page(limit, offset);
  }
}
