/**
 * A country's data: fills a database of its own (bakti_national, dropped, recreated and migrated by the app's own
 * migrations) with a national year by bulk SQL, constraints and triggers on:
 *
 *   38 provinces in three time zones, 90 Bapas, 180 Kejari, 180 OPD with their agreements, 2,000 sites with a
 *   coordinator each, 100,000 persons and court orders, about 5 million assignments (credited, signed, absent,
 *   cancelled, checked in today, scheduled ahead) on the shifts they need, a ledger credit for each credited one
 *   (each order's credited minutes the sum of its ledger), and their audit trail, the events the services write for
 *   each record (about 18.5 million, national-audit.ts) on the 16 keyed hash chains, computed here while streaming
 *   and checked by the service's own verification; a signed checkpoint (AuditCheckpoints) before the last 1 %.
 *
 *   npm run seed:national                          # the full year
 *   NATIONAL_SCALE=0.1 npm run seed:national       # a tenth of the orders, assignments and events
 *   NATIONAL_AUDIT_ONLY=1 NATIONAL_AUDIT_SHARE=0.25 npm run seed:national   # only the trail, of a quarter of them
 *   NATIONAL_AUDIT_ONLY=1 NATIONAL_AUDIT_REPLACE=1 npm run seed:national     # the trail written anew
 *
 * Environment: NATIONAL_SCALE (1) multiplies the orders (and so the assignments, ledger and audit events; the
 * agencies and sites stay), NATIONAL_DATABASE_URL (postgres://postgres@127.0.0.1:5432/bakti_national: the owner).
 * Then `npm run bench:national` measures the queries people wait for on it.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { databaseName, prepareDatabase } from '../src/database/data-source.js';
import { auditEvents } from './national-audit.js';
import { dropIndexes, fmt, loadavg, restoreIndexes, timed } from './national-bulk.js';
import { NATIONAL, nationalDatabaseUrl, serviceUrl } from './national-world.js';
import { dropDatabase } from './script-support.js';

const SCALE = Number(process.env.NATIONAL_SCALE ?? '1');
const ORDERS = Math.round(100_000 * SCALE);
/** NATIONAL_AUDIT_ONLY: only the audit trail, on a database already filled (its trail empty). */
const AUDIT_ONLY = process.env.NATIONAL_AUDIT_ONLY === '1';
/**
 * NATIONAL_AUDIT_REPLACE (with NATIONAL_AUDIT_ONLY): empties the trail and its checkpoints first, as the owner
 * (their append-only triggers refuse a TRUNCATE; off inside that one transaction): for a trail written by an
 * earlier generator.
 */
const AUDIT_REPLACE = process.env.NATIONAL_AUDIT_REPLACE === '1';
/** NATIONAL_AUDIT_SHARE: the share of the shifts and assignments whose trail is written (1). */
const AUDIT_SHARE = Number(process.env.NATIONAL_AUDIT_SHARE ?? '1');

async function main(): Promise<void> {
  if (!(SCALE > 0 && SCALE <= 1))
    throw new Error(`NATIONAL_SCALE must be in (0, 1], not ${process.env.NATIONAL_SCALE}`);
  const url = nationalDatabaseUrl();
  if (!databaseName(url).includes('national'))
    throw new Error(`refusing to fill ${databaseName(url)}: not a national database`);
  const started = performance.now();
  console.log(`National year at scale ${SCALE}: ${ORDERS} orders, today ${NATIONAL.today}; load ${loadavg()}`);

  if (!(AUDIT_SHARE > 0 && AUDIT_SHARE <= 1))
    throw new Error(`NATIONAL_AUDIT_SHARE must be in (0, 1], not ${process.env.NATIONAL_AUDIT_SHARE}`);
  if (!AUDIT_ONLY)
    await timed(`Database ${databaseName(url)}: drop, create, migrate`, async () => {
      await dropDatabase(url);
      await prepareDatabase(url, serviceUrl(url));
    });

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'; SET synchronous_commit = off`);
  try {
    if (!AUDIT_ONLY) {
      await timed('Agencies, users, agreements, sites', () => agenciesAndSites(db));
      await timed(`Persons and ${ORDERS} court orders`, () => ordersAndPersons(db));
      await timed('Shifts and assignments', () => shiftsAndAssignments(db));
      await timed("Ledger credits, each order's credited minutes their sum", () => ledger(db));
    } else {
      if (AUDIT_REPLACE) await timed('The old audit trail and its checkpoints emptied', () => emptyTrail(db));
      if ((await db.query(`SELECT EXISTS (SELECT FROM audit_event) AS any`)).rows[0].any)
        throw new Error('NATIONAL_AUDIT_ONLY needs an empty audit trail (NATIONAL_AUDIT_REPLACE=1 empties it)');
    }
    const events = await timed('Audit events on 16 keyed chains, a signed checkpoint before the last 1 %', () =>
      auditEvents(url, AUDIT_SHARE),
    );
    // VACUUM too: the visibility map a bulk load leaves empty is what lets index-only scans skip the rows.
    await timed('VACUUM ANALYZE', async () => {
      await db.query(`DROP TABLE IF EXISTS gen_order, gen_shift, gen_site, gen_agency, gen_user`);
      await db.query(`VACUUM ANALYZE`);
    });
    const counts = await db.query(
      `SELECT (SELECT count(*) FROM court_order)::int AS orders, (SELECT count(*) FROM assignment)::int AS assignments,
              (SELECT count(*) FROM shift)::int AS shifts, (SELECT count(*) FROM ledger_entry)::int AS ledger,
              (SELECT count(*) FROM site)::int AS sites, (SELECT count(*) FROM agency WHERE kind = 'bapas')::int AS bapas,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const c = counts.rows[0];
    console.log(
      `Done in ${fmt((performance.now() - started) / 1000)} s: ${c.bapas} Bapas, ${c.sites} sites, ${c.orders} orders, ` +
        `${c.shifts} shifts, ${c.assignments} assignments, ${c.ledger} ledger credits, ${events} audit events; ` +
        `database ${c.size}; load ${loadavg()}`,
    );
  } finally {
    await db.end();
  }
}

/** Numbered agencies and users in staging tables (gen_*), so later statements join by number. */
async function agenciesAndSites(db: pg.Client): Promise<void> {
  const { provinces, bapas, kejari, opd, sites, supervisorsPerBapas, prosecutorsPerKejari } = NATIONAL;
  await db.query(`
    CREATE UNLOGGED TABLE gen_agency AS
    WITH numbered AS (
      SELECT 'kanwil' AS kind, n, n AS province FROM generate_series(0, ${provinces - 1}) n
      UNION ALL SELECT 'bapas', n, n % ${provinces} FROM generate_series(0, ${bapas - 1}) n
      UNION ALL SELECT 'kejaksaan', n, (n % ${bapas}) % ${provinces} FROM generate_series(0, ${kejari - 1}) n
      UNION ALL SELECT 'opd', n, (n % ${bapas}) % ${provinces} FROM generate_series(0, ${opd - 1}) n)
    SELECT kind, n, province, gen_random_uuid() AS id,
           CASE WHEN province < 26 THEN 'Asia/Jakarta' WHEN province < 34 THEN 'Asia/Makassar' ELSE 'Asia/Jayapura' END AS tz
      FROM numbered`);
  await db.query(`CREATE UNIQUE INDEX ON gen_agency (kind, n)`);
  await db.query(`
    INSERT INTO agency (id, code, name, kind, region, timezone)
    SELECT id, upper(kind) || '-' || lpad(n::text, 3, '0'),
           CASE kind WHEN 'kanwil' THEN 'Kanwil Ditjenpas Provinsi ' WHEN 'bapas' THEN 'Bapas Kelas II ' WHEN 'kejaksaan'
             THEN 'Kejaksaan Negeri ' ELSE 'Dinas Kebersihan ' END || n,
           kind, 'P' || lpad(province::text, 2, '0'), tz
      FROM gen_agency`);
  await db.query(`
    CREATE UNLOGGED TABLE gen_user AS
    SELECT 'admin' AS role, 0 AS n, (SELECT id FROM gen_agency WHERE kind = 'kanwil' AND n = 0) AS agency_id,
           gen_random_uuid() AS id
    UNION ALL SELECT 'supervisor', n, (SELECT id FROM gen_agency a WHERE kind = 'bapas' AND a.n = s.n / ${supervisorsPerBapas}),
           gen_random_uuid() FROM generate_series(0, ${bapas * supervisorsPerBapas - 1}) s(n)
    UNION ALL SELECT 'prosecutor', n, (SELECT id FROM gen_agency a WHERE kind = 'kejaksaan' AND a.n = s.n / ${prosecutorsPerKejari}),
           gen_random_uuid() FROM generate_series(0, ${kejari * prosecutorsPerKejari - 1}) s(n)
    UNION ALL SELECT 'coordinator', n, (SELECT id FROM gen_agency a WHERE kind = 'opd' AND a.n = (s.n % ${opd})),
           gen_random_uuid() FROM generate_series(0, ${sites - 1}) s(n)`);
  await db.query(`CREATE UNIQUE INDEX ON gen_user (role, n)`);
  await db.query(`
    INSERT INTO app_user (id, username, password_hash, full_name, role, agency_id)
    SELECT id, role || '.' || n, NULL, initcap(role) || ' ' || n, role, agency_id FROM gen_user`);
  await db.query(`
    INSERT INTO agreement (id, number, title, valid_from, valid_to)
    SELECT id, 'PKS/' || n || '/2025', 'Perjanjian kerja sama ' || n, DATE '2025-01-01', DATE '2028-12-31'
      FROM gen_agency WHERE kind = 'opd'`);
  await db.query(`
    INSERT INTO agreement_party (agreement_id, agency_id)
    SELECT o.id, o.id FROM gen_agency o WHERE o.kind = 'opd'
    UNION ALL
    SELECT o.id, b.id FROM gen_agency o JOIN gen_agency b ON b.kind = 'bapas' AND b.n = o.n % ${bapas} WHERE o.kind = 'opd'`);
  // Site s belongs to Bapas s % 90 through OPD s % 180 (whose agreement names that Bapas).
  await db.query(`
    CREATE UNLOGGED TABLE gen_site AS
    SELECT s AS n, gen_random_uuid() AS id, o.id AS opd_id, o.tz,
           -6.2 + (o.province % 10) * 0.9 + (s % 7) * 0.01 AS lat, 106.8 + o.province * 0.6 + (s % 11) * 0.01 AS lng
      FROM generate_series(0, ${sites - 1}) s JOIN gen_agency o ON o.kind = 'opd' AND o.n = s % ${opd}`);
  await db.query(`CREATE UNIQUE INDEX ON gen_site (n)`);
  await db.query(`
    INSERT INTO site (id, name, agency_id, agreement_id, work_type, address, lat, lng, radius_meters, timezone,
                      default_capacity, minors_allowed)
    SELECT id, 'Lokasi ' || n, opd_id, opd_id, 'kebersihan', 'Jalan ' || n, lat, lng, 200, tz, 20, false FROM gen_site`);
  await db.query(`
    INSERT INTO site_coordinator (site_id, user_id)
    SELECT s.id, u.id FROM gen_site s JOIN gen_user u ON u.role = 'coordinator' AND u.n = s.n`);
}

/**
 * Order n: Bapas n % 90, one of its Kejari and supervisors, a site of its Bapas, 160 to 240 hours (40 to 60
 * four-hour shifts), starting between 330 days before today and 30 days after, six months long.
 */
async function ordersAndPersons(db: pg.Client): Promise<void> {
  const { bapas, supervisorsPerBapas, prosecutorsPerKejari, today } = NATIONAL;
  await db.query(`
    CREATE UNLOGGED TABLE gen_order AS
    SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS person_id, n % ${bapas} AS bapas_no,
           n % ${bapas} + ${bapas} * ((n / ${bapas}) % 2) AS kejari_no,
           (n % ${bapas}) * ${supervisorsPerBapas} + (n / ${bapas}) % ${supervisorsPerBapas} AS supervisor_no,
           n % ${bapas} + ${bapas} * ((n / ${bapas}) % 22) AS site_no,
           160 + 4 * ((n * 7) % 21) AS total_hours,
           DATE '${today}' - 330 + (n * 7919) % 361 AS start_date
      FROM generate_series(0, ${ORDERS - 1}) n`);
  await db.query(`
    INSERT INTO person (id, bapas_id, full_name, nik, birth_date, sex, religion, phone, address, home_lat, home_lng,
                        created_by, created_at)
    SELECT o.person_id, b.id, 'Warga Binaan ' || o.n, lpad(o.n::text, 16, '0'), DATE '1990-01-01' + (o.n % 7000),
           CASE WHEN o.n % 5 = 0 THEN 'F' ELSE 'M' END, 'islam', '+62812' || lpad(o.n::text, 7, '0'), 'Jalan Rumah ' || o.n,
           s.lat + 0.01, s.lng + 0.01, u.id, (o.start_date - 20)::timestamptz
      FROM gen_order o JOIN gen_agency b ON b.kind = 'bapas' AND b.n = o.bapas_no
      JOIN gen_site s ON s.n = o.site_no JOIN gen_user u ON u.role = 'supervisor' AND u.n = o.supervisor_no`);
  await db.query(`
    INSERT INTO court_order (id, person_id, bapas_id, kejaksaan_id, supervisor_id, prosecutor_id, case_number, court_name,
                             offense_date, verdict_date, regime, total_hours, max_hours_per_day, start_date, end_date,
                             replaced_kind, replaced_days, consent_recorded, status, completed_at, created_at)
    SELECT o.id, o.person_id, b.id, k.id, u.id, p.id, o.n || '/Pid.Sus/2026/PN', 'Pengadilan Negeri ' || o.bapas_no,
           o.start_date - 90, o.start_date - 30, 'adult', o.total_hours, 4, o.start_date, o.start_date + 179,
           'imprisonment', 30, true,
           CASE WHEN o.start_date + 179 < DATE '${today}' THEN 'completed' ELSE 'active' END,
           CASE WHEN o.start_date + 179 < DATE '${today}' THEN (o.start_date + 180)::timestamptz END,
           (o.start_date - 20)::timestamptz
      FROM gen_order o JOIN gen_agency b ON b.kind = 'bapas' AND b.n = o.bapas_no
      JOIN gen_agency k ON k.kind = 'kejaksaan' AND k.n = o.kejari_no
      JOIN gen_user u ON u.role = 'supervisor' AND u.n = o.supervisor_no
      JOIN gen_user p ON p.role = 'prosecutor' AND p.n = o.kejari_no * ${prosecutorsPerKejari} + o.n % ${prosecutorsPerKejari}`);
}

/**
 * An order's j-th of k shifts is on day start + j * 180 / k (distinct days: no overlap, R-17), morning (08-12)
 * or afternoon (13-17) local time at its site. Its state follows the clock: credited (with a few absences,
 * decisions and cancellations) when long past, awaiting sign-off or a no-show in the last two days, checked in
 * when under way, scheduled ahead. Shifts are created with the number booked on them.
 */
async function shiftsAndAssignments(db: pg.Client): Promise<void> {
  const now = NATIONAL.now;
  await db.query(`
    CREATE UNLOGGED TABLE gen_assignment AS
    SELECT o.n, j, o.id AS order_id, o.person_id, o.site_no, o.supervisor_no, o.start_date + (j * 180) / (o.total_hours / 4) AS local_date,
           (o.n + j) % 2 AS slot, (o.n * 31 + j * 17) % 100 AS h
      FROM gen_order o, generate_series(0, o.total_hours / 4 - 1) j`);
  await db.query(`
    CREATE UNLOGGED TABLE gen_shift AS
    SELECT site_no, local_date, slot, count(*)::int AS booked, gen_random_uuid() AS id
      FROM gen_assignment GROUP BY site_no, local_date, slot`);
  await db.query(`CREATE UNIQUE INDEX ON gen_shift (site_no, local_date, slot)`);
  await db.query(`
    INSERT INTO shift (id, site_id, date, start_time, end_time, capacity, booked_count, coordinator_id, starts_at, ends_at,
                       planned_minutes, created_by, created_at)
    SELECT g.id, s.id, g.local_date, t.start_time, t.start_time + interval '4 hours', greatest(20, g.booked), g.booked, c.id,
           (g.local_date + t.start_time) AT TIME ZONE s.tz, (g.local_date + t.start_time + interval '4 hours') AT TIME ZONE s.tz,
           240, c.id, (g.local_date - 60)::timestamptz
      FROM gen_shift g JOIN gen_site s ON s.n = g.site_no
      JOIN gen_user c ON c.role = 'coordinator' AND c.n = g.site_no
      CROSS JOIN LATERAL (SELECT CASE g.slot WHEN 0 THEN TIME '08:00' ELSE TIME '13:00' END AS start_time) t`);
  const indexes = await dropIndexes(db, 'assignment');
  await db.query(`
    INSERT INTO assignment (order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at, planned_minutes, status,
      check_in_at, check_in_received_at, check_in_lat, check_in_lng, check_in_distance_meters, check_in_outside_radius,
      check_in_radius_meters, checked_in_by,
      check_out_at, check_out_received_at, penalty_minutes, worked_minutes, confirmation_note, confirmed_by,
      absence_reason, absence_recorded_by, absence_recorded_at, absence_decision_reason, absence_decided_by, absence_decided_at,
      cancel_reason, cancelled_by, cancelled_at, credited_minutes, signed_off_by, signed_off_at, no_show_flagged_at,
      created_by, created_at, updated_at)
    SELECT order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at, 240, status,
      CASE WHEN done THEN starts_at END, CASE WHEN done THEN starts_at + interval '1 minute' END,
      CASE WHEN done THEN lat END, CASE WHEN done THEN lng END, CASE WHEN done THEN 3 END, CASE WHEN done THEN false END,
      CASE WHEN done THEN 200 END,
      CASE WHEN done THEN coordinator_id END,
      CASE WHEN out THEN ends_at END, CASE WHEN out THEN ends_at + interval '1 minute' END, CASE WHEN out THEN 0 END,
      CASE WHEN out THEN 240 END, CASE WHEN out THEN 'Menyapu dan mengangkut sampah' END, CASE WHEN out THEN coordinator_id END,
      CASE WHEN away THEN 'Sakit' END, CASE WHEN away THEN coordinator_id END, CASE WHEN away THEN ends_at END,
      CASE WHEN decided THEN 'Surat dokter' END, CASE WHEN decided THEN supervisor_id END,
      CASE WHEN decided THEN ends_at + interval '1 day' END,
      CASE WHEN status = 'cancelled' THEN 'Jadwal diubah' END, CASE WHEN status = 'cancelled' THEN supervisor_id END,
      CASE WHEN status = 'cancelled' THEN starts_at - interval '3 days' END,
      CASE WHEN status = 'credited' THEN 240 END, CASE WHEN status = 'credited' THEN supervisor_id END,
      CASE WHEN status = 'credited' THEN ends_at + interval '1 day' END,
      CASE WHEN status = 'scheduled' AND ends_at < TIMESTAMPTZ '${now}' THEN starts_at + interval '30 minutes' END,
      supervisor_id, starts_at - interval '14 days', starts_at - interval '14 days'
    FROM (
      SELECT x.*, status IN ('checked_in', 'checked_out', 'credited') AS done, status IN ('checked_out', 'credited') AS out,
             status IN ('absent', 'excused', 'unexcused') AS away, status IN ('excused', 'unexcused') AS decided
        FROM (
          SELECT g.order_id, g.person_id, sh.id AS shift_id, s.id AS site_id, g.local_date, sh.starts_at, sh.ends_at,
                 s.lat, s.lng, c.id AS coordinator_id, u.id AS supervisor_id,
                 CASE
                   WHEN sh.ends_at < TIMESTAMPTZ '${now}' - interval '2 days' THEN
                     CASE WHEN g.h < 90 THEN 'credited' WHEN g.h < 93 THEN 'excused' WHEN g.h < 95 THEN 'unexcused'
                          WHEN g.h < 97 THEN CASE WHEN sh.ends_at > TIMESTAMPTZ '${now}' - interval '9 days' THEN 'absent' ELSE 'excused' END
                          ELSE 'cancelled' END
                   WHEN sh.ends_at < TIMESTAMPTZ '${now}' THEN
                     CASE WHEN g.h < 80 THEN 'checked_out' WHEN g.h < 90 THEN 'scheduled' ELSE 'absent' END
                   WHEN sh.starts_at <= TIMESTAMPTZ '${now}' THEN 'checked_in'
                   WHEN g.h >= 97 THEN 'cancelled'
                   ELSE 'scheduled'
                 END AS status
            FROM gen_assignment g
            JOIN gen_shift gs ON gs.site_no = g.site_no AND gs.local_date = g.local_date AND gs.slot = g.slot
            JOIN shift sh ON sh.id = gs.id
            JOIN gen_site s ON s.n = g.site_no
            JOIN gen_user c ON c.role = 'coordinator' AND c.n = g.site_no
            JOIN gen_user u ON u.role = 'supervisor' AND u.n = g.supervisor_no) x) y`);
  // A cancelled booking does not hold its seat: the shift's count is of the others.
  await db.query(`
    UPDATE shift sh SET booked_count = sh.booked_count - c.cancelled
      FROM (SELECT shift_id, count(*)::int AS cancelled FROM assignment WHERE status = 'cancelled' GROUP BY shift_id) c
     WHERE sh.id = c.shift_id`);
  await timed(`  ${indexes.length} indexes and keys of assignment rebuilt (the no-overlap exclusion checked)`, () =>
    restoreIndexes(db, indexes),
  );
  await db.query(`DROP TABLE gen_assignment`);
}

/**
 * Every credit in one statement, then each order's credited minutes set once from its ledger's sum: what the
 * ledger's trigger (ledger_apply, an update of the order a credit) would leave, without a row version of the order
 * a credit. Both that trigger and the order's guard against a direct set (court_order_credit_by_ledger_only) are
 * off only inside this transaction; the order table is then rewritten compactly (VACUUM FULL). The month totals'
 * trigger (ledger_month_totals_added) stays on: a statement's trigger, it sums the whole load at once, as the
 * bookings' (booking_totals, absence_month_totals) sum theirs.
 */
async function ledger(db: pg.Client): Promise<void> {
  const indexes = await dropIndexes(db, 'ledger_entry');
  await db.query('BEGIN');
  await db.query(`ALTER TABLE ledger_entry DISABLE TRIGGER ledger_apply`);
  await db.query(`ALTER TABLE court_order DISABLE TRIGGER court_order_credit_by_ledger_only`);
  await db.query(`
    INSERT INTO ledger_entry (order_id, assignment_id, minutes, kind, created_at, created_by)
    SELECT order_id, id, credited_minutes, 'credit', signed_off_at, signed_off_by FROM assignment
     WHERE status = 'credited' ORDER BY order_id, starts_at`);
  await db.query(`
    UPDATE court_order o SET credited_minutes = l.minutes
      FROM (SELECT order_id, sum(minutes)::int AS minutes FROM ledger_entry GROUP BY order_id) l
     WHERE o.id = l.order_id`);
  await db.query(`ALTER TABLE ledger_entry ENABLE TRIGGER ledger_apply`);
  await db.query(`ALTER TABLE court_order ENABLE TRIGGER court_order_credit_by_ledger_only`);
  await db.query('COMMIT');
  await db.query(`VACUUM FULL court_order`);
  await timed(`  ${indexes.length} indexes and keys of ledger_entry rebuilt`, () => restoreIndexes(db, indexes));
}

async function emptyTrail(db: pg.Client): Promise<void> {
  await db.query('BEGIN');
  await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate`);
  await db.query(`ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_truncate`);
  await db.query(`TRUNCATE audit_event, audit_checkpoint RESTART IDENTITY`);
  await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_truncate`);
  await db.query(`ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_no_truncate`);
  await db.query('COMMIT');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
