import { MigrationInterface, QueryRunner } from 'typeorm';

/** when a person's data was anonymised after the retention period (null while it is kept). */
export class Retention1764650000000 implements MigrationInterface {
  name = 'Retention1764650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person ADD COLUMN anonymised_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person DROP COLUMN anonymised_at`);
  }
}
