import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * a prosecutor's decision is never changed; a correction is a new decision that names the one it
 * corrects (of the same breach, each corrected at most once, so a breach's decisions form one chain). A decision
 * also keeps the order's period as it stood before it, so a correction can give that period back.
 */
export class DecisionCorrections1765000000000 implements MigrationInterface {
  name = 'DecisionCorrections1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE breach_decision
        ADD COLUMN corrects_id uuid,
        ADD COLUMN correction_reason text,
        ADD COLUMN prior_end_date date,
        ADD COLUMN prior_repeat_from date,
        ADD CONSTRAINT breach_decision_breach_id UNIQUE (breach_id, id),
        ADD CONSTRAINT breach_decision_corrects_same_breach FOREIGN KEY (breach_id, corrects_id)
          REFERENCES breach_decision (breach_id, id),
        ADD CONSTRAINT breach_decision_correction_has_reason CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))`);
    await db.query(`DROP INDEX breach_decided_once`);
    await db.query(`CREATE UNIQUE INDEX breach_decided_once ON breach_decision (breach_id) WHERE corrects_id IS NULL`);
    await db.query(`CREATE UNIQUE INDEX breach_decision_corrected_once ON breach_decision (corrects_id)`);
  }

  async down(): Promise<void> {
    throw new Error('The decision corrections migration is not reversible: restore from a backup instead.');
  }
}
