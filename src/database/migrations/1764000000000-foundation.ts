import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. The database holds the invariants as well as the code: ranges,
 * one person's bookings never overlap, a shift never over capacity, an append-only ledger whose
 * sum never passes the order's requirement, an append-only audit trail.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await db.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);

    await db.query(`
      CREATE TABLE agency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('bapas', 'kejaksaan', 'opd', 'kanwil')),
        region text NOT NULL,
        timezone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        password_hash text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'coordinator', 'prosecutor')),
        agency_id uuid NOT NULL REFERENCES agency (id),
        phone text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        title text NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to >= valid_from)
      )`);
    await db.query(`
      CREATE TABLE agreement_party (
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        PRIMARY KEY (agreement_id, agency_id)
      )`);

    await db.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        agency_id uuid NOT NULL REFERENCES agency (id),
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        work_type text NOT NULL,
        address text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        radius_meters integer NOT NULL CHECK (radius_meters BETWEEN 10 AND 10000),
        timezone text NOT NULL,
        default_capacity integer NOT NULL CHECK (default_capacity BETWEEN 1 AND 100),
        minors_allowed boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE site_coordinator (
        site_id uuid NOT NULL REFERENCES site (id),
        user_id uuid NOT NULL REFERENCES app_user (id),
        PRIMARY KEY (site_id, user_id)
      )`);
    await db.query(`CREATE INDEX site_coordinator_user ON site_coordinator (user_id)`);

    await db.query(`
      CREATE TABLE holiday (
        date date NOT NULL,
        region text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('national', 'cuti_bersama', 'regional')),
        name text NOT NULL,
        PRIMARY KEY (date, region)
      )`);
    await db.query(`
      CREATE TABLE site_open_date (
        site_id uuid NOT NULL REFERENCES site (id),
        date date NOT NULL,
        reason text NOT NULL,
        opened_by uuid NOT NULL REFERENCES app_user (id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site_id, date)
      )`);

    await db.query(`
      CREATE TABLE shift (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        date date NOT NULL,
        start_time time NOT NULL,
        end_time time NOT NULL,
        break_minutes integer NOT NULL DEFAULT 0 CHECK (break_minutes >= 0),
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
        booked_count integer NOT NULL DEFAULT 0,
        coordinator_id uuid REFERENCES app_user (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        planned_minutes integer NOT NULL CHECK (planned_minutes BETWEEN 1 AND 480),
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_time > start_time AND ends_at > starts_at),
        CONSTRAINT shift_capacity CHECK (booked_count BETWEEN 0 AND capacity)
      )`);
    await db.query(`CREATE INDEX shift_site_date ON shift (site_id, date)`);

    await db.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bapas_id uuid NOT NULL REFERENCES agency (id),
        full_name text NOT NULL,
        nik char(16) NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
        birth_date date NOT NULL,
        sex char(1) NOT NULL CHECK (sex IN ('M', 'F')),
        religion text CHECK (religion IN ('islam', 'protestant', 'catholic', 'hindu', 'buddhist', 'konghucu', 'other')),
        worship_defaults boolean NOT NULL DEFAULT true,
        phone text,
        address text,
        home_lat double precision CHECK (home_lat BETWEEN -90 AND 90),
        home_lng double precision CHECK (home_lng BETWEEN -180 AND 180),
        unavailable jsonb NOT NULL DEFAULT '[]',
        in_school boolean NOT NULL DEFAULT false,
        locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_nik_per_bapas UNIQUE (bapas_id, nik)
      )`);

    await db.query(`
      CREATE TABLE conflict_of_interest (
        user_id uuid NOT NULL REFERENCES app_user (id),
        person_id uuid NOT NULL REFERENCES person (id),
        relation text NOT NULL,
        declared_by uuid NOT NULL REFERENCES app_user (id),
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, person_id)
      )`);

    await db.query(`
      CREATE TABLE court_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person (id),
        bapas_id uuid NOT NULL REFERENCES agency (id),
        kejaksaan_id uuid NOT NULL REFERENCES agency (id),
        supervisor_id uuid NOT NULL REFERENCES app_user (id),
        prosecutor_id uuid REFERENCES app_user (id),
        case_number text NOT NULL,
        court_name text NOT NULL,
        offense_date date NOT NULL,
        verdict_date date NOT NULL,
        regime text NOT NULL CHECK (regime IN ('adult', 'child')),
        total_hours integer NOT NULL,
        max_hours_per_day integer NOT NULL CHECK (max_hours_per_day BETWEEN 1 AND 8),
        start_date date NOT NULL,
        end_date date NOT NULL,
        replaced_kind text NOT NULL CHECK (replaced_kind IN ('imprisonment', 'fine')),
        replaced_days integer,
        replaced_amount_rupiah bigint,
        consent_recorded boolean NOT NULL CHECK (consent_recorded),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'breached', 'closed')),
        required_minutes integer GENERATED ALWAYS AS (total_hours * 60) STORED,
        credited_minutes integer NOT NULL DEFAULT 0,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT order_hours_range CHECK (
          (regime = 'adult' AND total_hours BETWEEN 8 AND 240) OR (regime = 'child' AND total_hours BETWEEN 7 AND 120)),
        CONSTRAINT order_period CHECK (end_date >= start_date AND end_date <= (start_date + interval '6 months')::date),
        CONSTRAINT order_replaced_sentence CHECK (
          (replaced_kind = 'imprisonment' AND replaced_days BETWEEN 1 AND 180 AND replaced_amount_rupiah IS NULL) OR
          (replaced_kind = 'fine' AND replaced_amount_rupiah BETWEEN 1 AND 10000000 AND replaced_days IS NULL)),
        CONSTRAINT order_credit_within_requirement CHECK (credited_minutes BETWEEN 0 AND total_hours * 60),
        CONSTRAINT order_case_per_person UNIQUE (person_id, case_number)
      )`);
    await db.query(`CREATE INDEX court_order_bapas ON court_order (bapas_id, status)`);
    await db.query(`CREATE INDEX court_order_kejaksaan ON court_order (kejaksaan_id, status)`);

    await db.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES court_order (id),
        person_id uuid NOT NULL REFERENCES person (id),
        shift_id uuid NOT NULL REFERENCES shift (id),
        site_id uuid NOT NULL REFERENCES site (id),
        local_date date NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        planned_minutes integer NOT NULL CHECK (planned_minutes > 0),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN
          ('scheduled', 'checked_in', 'checked_out', 'credited', 'absent', 'excused', 'unexcused', 'cancelled')),
        check_in_at timestamptz,
        check_in_received_at timestamptz,
        check_in_lat double precision,
        check_in_lng double precision,
        check_in_distance_meters integer,
        check_in_outside_radius boolean,
        checked_in_by uuid REFERENCES app_user (id),
        check_out_at timestamptz,
        check_out_received_at timestamptz,
        check_out_lat double precision,
        check_out_lng double precision,
        check_out_distance_meters integer,
        check_out_outside_radius boolean,
        penalty_minutes integer CHECK (penalty_minutes >= 0),
        worked_minutes integer,
        confirmation_note text,
        confirmed_by uuid REFERENCES app_user (id),
        absence_reason text,
        absence_recorded_by uuid REFERENCES app_user (id),
        absence_recorded_at timestamptz,
        absence_decision_reason text,
        absence_decided_by uuid REFERENCES app_user (id),
        absence_decided_at timestamptz,
        cancel_reason text,
        cancelled_by uuid REFERENCES app_user (id),
        cancelled_at timestamptz,
        credited_minutes integer,
        sign_off_note text,
        signed_off_by uuid REFERENCES app_user (id),
        signed_off_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assignment_no_overlap EXCLUDE USING gist (person_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status <> 'cancelled'),
        CONSTRAINT assignment_worked_within_plan CHECK (worked_minutes BETWEEN 0 AND planned_minutes),
        CONSTRAINT assignment_credit_within_worked CHECK (credited_minutes BETWEEN 0 AND worked_minutes),
        CONSTRAINT assignment_two_signatures CHECK (signed_off_by IS NULL OR signed_off_by <> confirmed_by),
        CONSTRAINT assignment_check_out_after_check_in CHECK (check_out_at >= check_in_at)
      )`);
    await db.query(`CREATE INDEX assignment_shift ON assignment (shift_id) WHERE status <> 'cancelled'`);
    await db.query(`CREATE INDEX assignment_order ON assignment (order_id)`);
    await db.query(
      `CREATE INDEX assignment_person_date ON assignment (person_id, local_date) WHERE status <> 'cancelled'`,
    );

    await db.query(`
      CREATE TABLE ledger_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES court_order (id),
        assignment_id uuid NOT NULL REFERENCES assignment (id),
        minutes integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('credit', 'reversal')),
        reason text,
        reverses_id uuid REFERENCES ledger_entry (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES app_user (id),
        CHECK ((kind = 'credit' AND minutes > 0 AND reverses_id IS NULL) OR
               (kind = 'reversal' AND minutes < 0 AND reverses_id IS NOT NULL AND reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ledger_entry_order ON ledger_entry (order_id, created_at)`);
    await db.query(
      `CREATE UNIQUE INDEX ledger_one_credit_per_assignment ON ledger_entry (assignment_id) WHERE kind = 'credit'`,
    );
    await db.query(`CREATE UNIQUE INDEX ledger_one_reversal_per_entry ON ledger_entry (reverses_id)`);
    await db.query(`
      CREATE FUNCTION ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE court_order SET credited_minutes = credited_minutes + NEW.minutes WHERE id = NEW.order_id;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER ledger_apply AFTER INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_apply()`,
    );
    await this.appendOnly(db, 'ledger_entry');

    await db.query(`
      CREATE TABLE audit_event (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        chain smallint NOT NULL CHECK (chain BETWEEN 0 AND 15),
        at timestamptz NOT NULL,
        actor_id uuid REFERENCES app_user (id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        prev_hash text,
        hash text NOT NULL UNIQUE
      )`);
    await db.query(`CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id, seq)`);
    await db.query(`CREATE INDEX audit_event_chain ON audit_event (chain, seq)`);
    await this.appendOnly(db, 'audit_event');

    await db.query(`
      CREATE TABLE idempotency_record (
        user_id uuid NOT NULL REFERENCES app_user (id),
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response json, -- json, not jsonb: a replay answers byte for byte what the first request got
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  private async appendOnly(db: QueryRunner, table: string): Promise<void> {
    await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(): Promise<void> {
    throw new Error('The foundation migration is not reversible: restore from a backup instead.');
  }
}
