import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * when a person's data was anonymised after the retention period (null while it is kept), and the
 * subject-access export (a JSON of everything held about one person) in the export log.
 */
export class PersonalData1764650000000 implements MigrationInterface {
  name = 'PersonalData1764650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person ADD COLUMN anonymised_at timestamptz`);
    await db.query(`
      ALTER TABLE export_log
        DROP CONSTRAINT export_log_kind_check,
        DROP CONSTRAINT export_log_format_check,
        ADD COLUMN person_id uuid REFERENCES person (id),
        ADD CONSTRAINT export_log_kind_check CHECK (kind IN ('completion_report', 'monthly_report', 'subject_access')),
        ADD CONSTRAINT export_log_format_check CHECK (format IN ('pdf', 'xlsx', 'csv', 'json')),
        ADD CONSTRAINT export_log_subject_access_names_person CHECK (kind <> 'subject_access' OR person_id IS NOT NULL)`);
  }

  async down(): Promise<void> {
    throw new Error('The personal-data migration is not reversible: restore from a backup instead.');
  }
}
