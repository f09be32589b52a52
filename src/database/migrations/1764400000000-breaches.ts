import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enforcement: breach reports and the prosecutor's decisions. A decision to repeat work adds the
 * minutes to repeat to the order's requirement and gives it a new period of at most six months from the
 * decision (Art. 85(5) applied to the repeated work). Decisions are append-only; one open report per order.
 */
export class Breaches1764400000000 implements MigrationInterface {
  name = 'Breaches1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE court_order DROP CONSTRAINT order_credit_within_requirement, DROP CONSTRAINT order_period`,
    );
    await db.query(`ALTER TABLE court_order DROP COLUMN required_minutes`);
    await db.query(`
      ALTER TABLE court_order
        ADD COLUMN repeat_minutes integer NOT NULL DEFAULT 0 CHECK (repeat_minutes BETWEEN 0 AND total_hours * 60),
        ADD COLUMN repeat_from date,
        ADD COLUMN required_minutes integer GENERATED ALWAYS AS (total_hours * 60 + repeat_minutes) STORED,
        ADD CONSTRAINT order_credit_within_requirement CHECK (credited_minutes BETWEEN 0 AND total_hours * 60 + repeat_minutes),
        ADD CONSTRAINT order_period CHECK (end_date >= start_date
          AND end_date <= (coalesce(repeat_from, start_date) + interval '6 months')::date)`);

    await db.query(`
      CREATE TABLE breach (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES court_order (id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided', 'dismissed')),
        grounds text NOT NULL CHECK (grounds IN ('second_unexcused_absence', 'cannot_finish', 'reported_by_supervisor')),
        reason text,
        evidence jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        opened_by uuid REFERENCES app_user (id),
        CHECK (grounds <> 'reported_by_supervisor' OR (reason IS NOT NULL AND opened_by IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX breach_one_open_per_order ON breach (order_id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX breach_order ON breach (order_id, opened_at)`);

    await db.query(`
      CREATE TABLE breach_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        breach_id uuid NOT NULL REFERENCES breach (id),
        outcome text NOT NULL CHECK (outcome IN ('repeat', 'imprisonment', 'fine', 'dismissed')),
        decision_number text NOT NULL,
        decision_date date NOT NULL,
        note text NOT NULL,
        repeat_minutes integer CHECK (repeat_minutes > 0),
        new_end_date date,
        imprisonment_days integer CHECK (imprisonment_days BETWEEN 1 AND 180),
        fine_rupiah bigint CHECK (fine_rupiah BETWEEN 1 AND 10000000),
        decided_by uuid NOT NULL REFERENCES app_user (id),
        decided_at timestamptz NOT NULL,
        CHECK (outcome <> 'repeat' OR (repeat_minutes IS NOT NULL AND new_end_date IS NOT NULL)),
        CHECK (outcome <> 'imprisonment' OR imprisonment_days IS NOT NULL),
        CHECK (outcome <> 'fine' OR fine_rupiah IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX breach_decided_once ON breach_decision (breach_id)`);
    await db.query(`CREATE TRIGGER breach_decision_append_only BEFORE UPDATE OR DELETE ON breach_decision
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await db.query(`CREATE TRIGGER breach_decision_no_truncate BEFORE TRUNCATE ON breach_decision
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(): Promise<void> {
    throw new Error('The breaches migration is not reversible: restore from a backup instead.');
  }
}
