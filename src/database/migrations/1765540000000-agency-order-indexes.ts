import { MigrationInterface, QueryRunner } from 'typeorm';

const CARRIED = `id, person_id, supervisor_id, case_number, regime, status, start_date, end_date, max_hours_per_day,
                 required_minutes, credited_minutes`;

/**
 * An agency's reads of its orders, the risk scan (the morning scan and a supervisor's worklist: a Bapas's ~650 active
 * orders nationally) and the monthly report (a Bapas's or a Kejari's ~1,100 orders of the month), read each order
 * off a page of the table of its own (orders of 90 Bapas arrive mixed), which a national database does not keep
 * in its cache: a Bapas's first scan waited on ~600 pages (p95 22–26 ms), a monthly report on ~1,100 (p95 19–21
 * ms). These indexes carry what those reads want of an order, so each reads a few dozen pages of one index. The
 * credited minutes change with each sign-off, which then also writes these indexes' entries: the order's update was
 * already not a heap-only one nationally (14 of 110,000 were), and it costs about 25 µs more an update and index.
 */
export class AgencyOrderIndexes1765540000000 implements MigrationInterface {
  name = 'AgencyOrderIndexes1765540000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX court_order_of_bapas ON court_order (bapas_id) INCLUDE (${CARRIED})`);
    await db.query(
      `CREATE INDEX court_order_of_kejaksaan ON court_order (kejaksaan_id) INCLUDE (bapas_id, ${CARRIED})`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX court_order_of_kejaksaan`);
    await db.query(`DROP INDEX court_order_of_bapas`);
  }
}
