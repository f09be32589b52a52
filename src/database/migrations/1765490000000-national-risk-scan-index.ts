import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The morning risk scan sums, order by order, the planned minutes of the scheduled bookings from today on (about
 * 16,000 bookings for a Bapas's active orders): keyed by local date and carrying the minutes, that is an
 * index-only scan of the days ahead instead of a visit to each booking's row.
 */
export class NationalRiskScanIndex1765490000000 implements MigrationInterface {
  name = 'NationalRiskScanIndex1765490000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX assignment_scheduled_days ON assignment (order_id, local_date) INCLUDE (planned_minutes)
      WHERE status = 'scheduled'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX assignment_scheduled_days`);
  }
}
