import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox (jobs written with the change that implies them) and notifications, stored before
 * they are sent, one per (recipient, reason, subject), with every delivery attempt kept.
 */
export class JobsAndNotifications1764100000000 implements MigrationInterface {
  name = 'JobsAndNotifications1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL CHECK (job_id !~ ':'),
        payload jsonb NOT NULL,
        run_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending ON outbox (id) WHERE relayed_at IS NULL`);

    await db.query(`ALTER TABLE assignment ADD COLUMN no_show_flagged_at timestamptz`);
    await db.query(`ALTER TABLE assignment ADD COLUMN open_check_in_flagged_at timestamptz`);
    // What the attendance scan looks for every minute.
    await db.query(`CREATE INDEX assignment_awaiting_check_in ON assignment (starts_at)
      WHERE status = 'scheduled' AND no_show_flagged_at IS NULL`);
    await db.query(`CREATE INDEX assignment_awaiting_check_out ON assignment (ends_at)
      WHERE status = 'checked_in' AND open_check_in_flagged_at IS NULL`);

    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_type text NOT NULL CHECK (recipient_type IN ('person', 'user')),
        recipient_id uuid NOT NULL,
        reason text NOT NULL,
        subject_key text NOT NULL,
        assignment_id uuid REFERENCES assignment (id),
        order_id uuid REFERENCES court_order (id),
        channel text NOT NULL,
        to_address text,
        locale text NOT NULL CHECK (locale IN ('id', 'en')),
        text text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        status_reason text,
        provider_id text,
        provider_status text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT notification_once UNIQUE (recipient_id, reason, subject_key)
      )`);
    await db.query(`CREATE INDEX notification_assignment ON notification (assignment_id)`);
    await db.query(`CREATE INDEX notification_recipient ON notification (recipient_id, created_at)`);
    await db.query(`CREATE INDEX notification_pending ON notification (created_at) WHERE status = 'pending'`);

    await db.query(`
      CREATE TABLE notification_attempt (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notification (id),
        at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('sent', 'failed')),
        http_status integer,
        provider_id text,
        provider_status text,
        error text
      )`);
    await db.query(`CREATE INDEX notification_attempt_of ON notification_attempt (notification_id, id)`);

    await db.query(`
      CREATE TABLE notification_opt_out (
        person_id uuid NOT NULL REFERENCES person (id),
        channel text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, channel)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_opt_out, notification_attempt, notification, outbox`);
    await db.query(`ALTER TABLE assignment DROP COLUMN no_show_flagged_at, DROP COLUMN open_check_in_flagged_at`);
  }
}
