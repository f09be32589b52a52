import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the national-data benchmark (scripts/bench-national.ts) asked for at a country's size:
 * - the lists of a Kejari's or a Bapas's orders read a page, newest first, off one index instead of sorting all of
 *   the agency's orders;
 * - the monthly report counts each order's absences recorded in the month: a small partial index (absences are a
 *   few in a hundred bookings) instead of reading every booking of the order;
 * - an order's progress (alone or on a page of a list) sums the planned minutes of its pending bookings: an
 *   index-only scan of them instead of a visit to each of its bookings' rows.
 */
export class NationalReadIndexes1765470000000 implements MigrationInterface {
  name = 'NationalReadIndexes1765470000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX court_order_kejaksaan_newest ON court_order (kejaksaan_id, created_at DESC, id)`);
    await db.query(`CREATE INDEX court_order_bapas_newest ON court_order (bapas_id, created_at DESC, id)`);
    await db.query(
      `CREATE INDEX assignment_absence ON assignment (order_id, absence_recorded_at) WHERE absence_recorded_at IS NOT NULL`,
    );
    await db.query(`CREATE INDEX assignment_pending_minutes ON assignment (order_id) INCLUDE (planned_minutes)
      WHERE status IN ('scheduled', 'checked_in', 'checked_out')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX assignment_pending_minutes`);
    await db.query(`DROP INDEX assignment_absence`);
    await db.query(`DROP INDEX court_order_bapas_newest`);
    await db.query(`DROP INDEX court_order_kejaksaan_newest`);
  }
}
