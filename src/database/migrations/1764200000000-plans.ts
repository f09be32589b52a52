import { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans: a proposal of bookings previewed by a supervisor, applied at most once. */
export class Plans1764200000000 implements MigrationInterface {
  name = 'Plans1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bapas_id uuid NOT NULL REFERENCES agency (id),
        order_id uuid REFERENCES court_order (id),
        horizon_from date NOT NULL,
        horizon_to date NOT NULL,
        status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'applied')),
        bookings jsonb NOT NULL,
        outcomes jsonb NOT NULL,
        moves jsonb NOT NULL DEFAULT '[]',
        summary jsonb NOT NULL,
        result jsonb,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        applied_by uuid REFERENCES app_user (id),
        applied_at timestamptz,
        CHECK (horizon_to >= horizon_from),
        CHECK ((status = 'applied') = (applied_at IS NOT NULL AND applied_by IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX plan_bapas ON plan (bapas_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE plan`);
  }
}
