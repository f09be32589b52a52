import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the national-data benchmark (scripts/bench-national.ts) found missing at a country's size:
 * - a shift's roster lists every booking of the shift, cancelled ones too: the old index was partial;
 * - a supervisor's worklist picks its Bapas's bookings awaiting sign-off or a decision, and the scheduled ones
 *   of the last days, order by order (the risk scan's bookings ahead use the second one too).
 */
export class NationalIndexes1765300000000 implements MigrationInterface {
  name = 'NationalIndexes1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX assignment_shift`);
    await db.query(`CREATE INDEX assignment_shift ON assignment (shift_id)`);
    await db.query(
      `CREATE INDEX assignment_to_review ON assignment (order_id) WHERE status IN ('checked_out', 'absent')`,
    );
    await db.query(`CREATE INDEX assignment_scheduled ON assignment (order_id, starts_at) WHERE status = 'scheduled'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX assignment_scheduled`);
    await db.query(`DROP INDEX assignment_to_review`);
    await db.query(`DROP INDEX assignment_shift`);
    await db.query(`CREATE INDEX assignment_shift ON assignment (shift_id) WHERE status <> 'cancelled'`);
  }
}
