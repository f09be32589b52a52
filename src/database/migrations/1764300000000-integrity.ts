import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record defends itself: an order's credited minutes change only through its
 * ledger; audit checkpoints (signed chain heads) are append-only; accounts carry activation, lockout and the head
 * of each agency, who is told of account changes.
 */
export class Integrity1764300000000 implements MigrationInterface {
  name = 'Integrity1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION order_credit_by_ledger_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Depth 1 is a statement on court_order itself; the ledger's trigger (ledger_apply) updates from depth 2.
        IF TG_OP = 'INSERT' AND NEW.credited_minutes <> 0
           OR TG_OP = 'UPDATE' AND NEW.credited_minutes IS DISTINCT FROM OLD.credited_minutes AND pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'court_order.credited_minutes is the sum of the ledger: set directly refused'
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER court_order_credit_by_ledger_only BEFORE INSERT OR UPDATE OF credited_minutes ON court_order
      FOR EACH ROW EXECUTE FUNCTION order_credit_by_ledger_only()`);

    await db.query(`
      CREATE TABLE audit_checkpoint (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        heads jsonb NOT NULL,
        event_count bigint NOT NULL CHECK (event_count >= 0),
        prev_signature text,
        signature text NOT NULL UNIQUE
      )`);
    for (const op of ['UPDATE OR DELETE', 'TRUNCATE']) {
      const name = op === 'TRUNCATE' ? 'audit_checkpoint_no_truncate' : 'audit_checkpoint_append_only';
      const level = op === 'TRUNCATE' ? 'STATEMENT' : 'ROW';
      await db.query(
        `CREATE TRIGGER ${name} BEFORE ${op} ON audit_checkpoint FOR EACH ${level} EXECUTE FUNCTION refuse_change()`,
      );
    }

    await db.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await db.query(`
      ALTER TABLE app_user
        ADD COLUMN activation_code_hash text,
        ADD COLUMN activation_expires_at timestamptz,
        ADD COLUMN activation_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz,
        ADD CONSTRAINT app_user_activation_pending CHECK ((activation_code_hash IS NULL) = (activation_expires_at IS NULL))`);
    await db.query(`ALTER TABLE agency ADD COLUMN head_user_id uuid REFERENCES app_user (id)`);
  }

  async down(): Promise<void> {
    throw new Error('The integrity migration is not reversible: restore from a backup instead.');
  }
}
