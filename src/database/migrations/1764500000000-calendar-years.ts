import { MigrationInterface, QueryRunner } from 'typeorm';

/** which years have their official calendar (the joint decree), and which holidays are only provisional. */
export class CalendarYears1764500000000 implements MigrationInterface {
  name = 'CalendarYears1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE holiday_year (
        year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
        official boolean NOT NULL,
        source text NOT NULL,
        source_hash text,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        loaded_by uuid REFERENCES app_user (id)
      )`);
    await db.query(`ALTER TABLE holiday ADD COLUMN provisional boolean NOT NULL DEFAULT false`);
  }

  async down(): Promise<void> {
    throw new Error('The calendar-years migration is not reversible: restore from a backup instead.');
  }
}
