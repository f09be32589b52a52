import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly report sums each order's credits in the month: the order's ledger index carries the minutes, so
 * the sum is an index-only scan instead of a visit to each credit's row. It replaces the index it extends (same
 * leading columns: the ledger's page by order and the other readers use it as before).
 */
export class NationalReportIndexes1765480000000 implements MigrationInterface {
  name = 'NationalReportIndexes1765480000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ledger_entry_order_minutes ON ledger_entry (order_id, created_at) INCLUDE (minutes)`);
    await db.query(`DROP INDEX ledger_entry_order`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ledger_entry_order ON ledger_entry (order_id, created_at)`);
    await db.query(`DROP INDEX ledger_entry_order_minutes`);
  }
}
