import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The risk scan (the morning scan and a supervisor's worklist) reads every active order of a Bapas, about 650
 * nationally, each on a page of the table of its own (orders of 90 Bapas arrive mixed): about 600 pages a scan, which
 * a national database does not keep in its cache, so a Bapas's first scan waited on them (p95 24–26 ms). This index
 * carries what the scan reads of an active order, so it reads about 10 pages of one index. The credited minutes
 * change with each sign-off, which then also writes this index's entry: the order's update was already not a
 * heap-only one nationally (14 of 110,000 were), and it costs about 25 µs more an update.
 */
export class ActiveOrdersOfBapas1765540000000 implements MigrationInterface {
  name = 'ActiveOrdersOfBapas1765540000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX court_order_active_of_bapas ON court_order (bapas_id)
      INCLUDE (id, person_id, supervisor_id, case_number, regime, max_hours_per_day, end_date, required_minutes,
               credited_minutes)
      WHERE status = 'active'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX court_order_active_of_bapas`);
  }
}
