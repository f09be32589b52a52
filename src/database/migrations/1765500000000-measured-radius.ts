import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * a check-in's or check-out's distance is judged against the radius it was measured against, kept with it,
 * so a site corrected afterwards (PATCH /sites/{id}) does not change the judgement of what was recorded before.
 * Rows recorded before these columns existed keep NULL and are read with the site's radius as it stands (the best
 * record there is): no backfill, which would rewrite every checked-in booking, ~4.7 million a national year, and
 * every index of `assignment` with the table locked.
 */
export class MeasuredRadius1765500000000 implements MigrationInterface {
  name = 'MeasuredRadius1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE assignment ADD COLUMN check_in_radius_meters integer,
      ADD COLUMN check_out_radius_meters integer`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE assignment DROP COLUMN check_in_radius_meters, DROP COLUMN check_out_radius_meters`);
  }
}
