import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * every download or export of personal data leaves a row: who, what (kind, format, agency or order), when,
 * how many persons it names. Append-only like the audit trail: a log that its subject could edit proves nothing.
 */
export class ExportLog1764600000000 implements MigrationInterface {
  name = 'ExportLog1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE export_log (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id),
        kind text NOT NULL CHECK (kind IN ('completion_report', 'monthly_report')),
        format text NOT NULL CHECK (format IN ('pdf', 'xlsx', 'csv')),
        agency_id uuid REFERENCES agency (id),
        order_id uuid REFERENCES court_order (id),
        month text CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        person_count integer NOT NULL CHECK (person_count >= 0),
        CHECK (kind <> 'completion_report' OR order_id IS NOT NULL),
        CHECK (kind <> 'monthly_report' OR (agency_id IS NOT NULL AND month IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX export_log_user ON export_log (user_id, at)`);
    await db.query(`CREATE TRIGGER export_log_append_only BEFORE UPDATE OR DELETE ON export_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await db.query(`CREATE TRIGGER export_log_no_truncate BEFORE TRUNCATE ON export_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(): Promise<void> {
    throw new Error('The export-log migration is not reversible: restore from a backup instead.');
  }
}
