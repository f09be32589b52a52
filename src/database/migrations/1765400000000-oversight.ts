import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Oversight: the Kanwil's `oversight` role, and the misuse signals it reviews. A signal is keyed by its kind
 * and the occurrence it is about, so a scan run again finds it instead of opening another; a review is written once.
 */
export class Oversight1765400000000 implements MigrationInterface {
  name = 'Oversight1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await db.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('admin', 'supervisor', 'coordinator', 'prosecutor', 'oversight'))`);
    await db.query(`
      CREATE TABLE misuse_signal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('outside_radius', 'late_record', 'pair_share', 'holiday_opened',
          'new_account_sign_off', 'sign_off_burst', 'reversal', 'coordinator_off_duty')),
        occurrence text NOT NULL CHECK (length(occurrence) BETWEEN 1 AND 300),
        bapas_id uuid NOT NULL REFERENCES agency (id),
        order_id uuid REFERENCES court_order (id),
        occurred_at timestamptz NOT NULL,
        evidence jsonb NOT NULL,
        detected_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reviewed')),
        review_note text CHECK (length(review_note) BETWEEN 1 AND 2000),
        reviewed_by uuid REFERENCES app_user (id),
        reviewed_at timestamptz,
        CONSTRAINT misuse_signal_once UNIQUE (kind, occurrence),
        CONSTRAINT misuse_signal_review CHECK (
          (status = 'open' AND review_note IS NULL AND reviewed_by IS NULL AND reviewed_at IS NULL) OR
          (status = 'reviewed' AND review_note IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX misuse_signal_bapas ON misuse_signal (bapas_id, status, detected_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE misuse_signal`);
    await db.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await db.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('admin', 'supervisor', 'coordinator', 'prosecutor'))`);
  }
}
