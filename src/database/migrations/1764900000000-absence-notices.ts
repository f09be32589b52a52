import { MigrationInterface, QueryRunner } from 'typeorm';

/** A person's notice, sent from their own page before a shift, that they can't come (R-20 "reported in advance"). */
export class AbsenceNotices1764900000000 implements MigrationInterface {
  name = 'AbsenceNotices1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE absence_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL UNIQUE REFERENCES assignment (id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE absence_notice`);
  }
}
