import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';

/** What a completion notice says, and to whom it goes. */
export interface CompletedOrder {
  id: string;
  status: string;
  completedAt: Date | null;
  caseNumber: string;
  courtName: string;
  totalHours: number;
  prosecutorId: string | null;
  kejaksaanId: string;
  personName: string;
  bapasTimezone: string;
}

@Injectable()
export class CompletionNoticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read model: the order (court_order) with its person's name (person) and its Bapas's time zone (agency). */
  async order(orderId: string, tx: Tx = this.dataSource.manager): Promise<CompletedOrder | undefined> {
    const [row] = await tx.query(
      `SELECT o.id, o.status, o.completed_at AS "completedAt", o.case_number AS "caseNumber",
              o.court_name AS "courtName", o.total_hours AS "totalHours", o.prosecutor_id AS "prosecutorId",
              o.kejaksaan_id AS "kejaksaanId", p.full_name AS "personName", b.timezone AS "bapasTimezone"
         FROM court_order o JOIN person p ON p.id = o.person_id JOIN agency b ON b.id = o.bapas_id
        WHERE o.id = $1`,
      [orderId],
    );
    return row;
  }
}
