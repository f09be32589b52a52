import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * a check-in's or check-out's distance is judged against the radius it was measured against, kept with it,
 * so a site corrected afterwards (PATCH /sites/{id}) does not change the judgement of what was recorded before.
 * Rows recorded before this column existed take the site's radius as it stands (the best record there is).
 */
export class MeasuredRadius1765500000000 implements MigrationInterface {
  name = 'MeasuredRadius1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE assignment ADD COLUMN check_in_radius_meters integer,
      ADD COLUMN check_out_radius_meters integer`);
    await db.query(`UPDATE assignment a SET
        check_in_radius_meters = CASE WHEN a.check_in_distance_meters IS NOT NULL THEN s.radius_meters END,
        check_out_radius_meters = CASE WHEN a.check_out_distance_meters IS NOT NULL THEN s.radius_meters END
      FROM site s WHERE s.id = a.site_id
        AND (a.check_in_distance_meters IS NOT NULL OR a.check_out_distance_meters IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE assignment DROP COLUMN check_in_radius_meters, DROP COLUMN check_out_radius_meters`);
  }
}
