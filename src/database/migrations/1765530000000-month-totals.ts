import { MigrationInterface, QueryRunner } from 'typeorm';

const ABSENT = `('absent', 'excused', 'unexcused')`;

/**
 * The credited minutes (signed: a reversal takes back) of the ledger entries `source` (aliased l), by order and by the
 * local month of their creation in the zone of each of the order's two agencies, its Bapas and its Kejari.
 */
const creditSums = (source: string) => `
  SELECT g.id, date_trunc('month', l.created_at AT TIME ZONE g.timezone)::date, l.order_id, sum(l.minutes)::int
    FROM ${source} JOIN court_order o ON o.id = l.order_id
   CROSS JOIN LATERAL (VALUES (o.bapas_id), (o.kejaksaan_id)) v (agency_id) JOIN agency g ON g.id = v.agency_id
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/**
 * The absences among the bookings `source` (aliased a, each with its sign: 1 counts it, -1 takes it back) by order and
 * status, and by the local month of their recording in the zone of each of the order's two agencies.
 */
const absenceCounts = (source: string) => `
  SELECT g.id, date_trunc('month', a.absence_recorded_at AT TIME ZONE g.timezone)::date, a.order_id,
         coalesce(sum(a.sign) FILTER (WHERE a.status = 'absent'), 0)::int,
         coalesce(sum(a.sign) FILTER (WHERE a.status = 'excused'), 0)::int,
         coalesce(sum(a.sign) FILTER (WHERE a.status = 'unexcused'), 0)::int
    FROM ${source} JOIN court_order o ON o.id = a.order_id
   CROSS JOIN LATERAL (VALUES (o.bapas_id), (o.kejaksaan_id)) v (agency_id) JOIN agency g ON g.id = v.agency_id
   WHERE a.status IN ${ABSENT} AND a.absence_recorded_at IS NOT NULL
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/** Adds the sums of the ledger entries `source` to their rows (a row made on first adding). */
const addCredits = (source: string) => `
  INSERT INTO ledger_month_totals AS t (agency_id, month, order_id, minutes) ${creditSums(source)}
  ON CONFLICT (agency_id, month, order_id) DO UPDATE SET minutes = t.minutes + excluded.minutes`;

/** Adds the counts of the signed bookings `source` to their rows (a row made on first adding). */
const addAbsences = (source: string) => `
  INSERT INTO absence_month_totals AS t (agency_id, month, order_id, absent, excused, unexcused) ${absenceCounts(source)}
  ON CONFLICT (agency_id, month, order_id) DO UPDATE
    SET absent = t.absent + excluded.absent, excused = t.excused + excluded.excused,
        unexcused = t.unexcused + excluded.unexcused`;

/** A trigger function, run as its owner (the service's role may not write the totals), that runs `statement`. */
const triggerFunction = (name: string, statement: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
  BEGIN
    ${statement};
    RETURN NULL;
  END $$`;

/**
 * What the monthly report of a Bapas or a Kejari asks of each of its orders, kept by the month: the minutes
 * credited in it (`ledger_month_totals`, kept by a trigger on ledger_entry: the ledger module's) and the absences
 * recorded in it by their status now (`absence_month_totals`, kept by triggers on assignment: the assignments
 * module's). A row per order, month and agency (the order's Bapas and its Kejari, each month in its own zone as the
 * report counts it), so an agency's month is one range of a primary key that carries the figures: the report reads
 * a few index pages instead of an index leaf of the ledger and of the absences for each of its ~640 orders.
 * Only additions: an insert adds its rows' sums (one statement for a batch, a bulk load included), a change of a
 * booking's status or recording takes back its old contribution and adds its new one, each an upsert of the
 * totals' rows in the order of their keys, so concurrent changes of one order each add to the row the one before
 * committed and never deadlock on each other. Written only by these triggers (R-28: the service's role may only
 * read them). No foreign keys: checking one would share-lock the order row, which a booking holds for update,
 * while the absence holds its audit chain; the ids come from the order's own row. No check that a count is not
 * negative: PostgreSQL checks the row an upsert proposes (a decision proposes -1 absent) before it finds the
 * conflict; test/month-totals.e2e-spec.ts compares the totals with their recount instead.
 */
export class MonthTotals1765530000000 implements MigrationInterface {
  name = 'MonthTotals1765530000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_month_totals (
        agency_id uuid NOT NULL,
        month date NOT NULL,
        order_id uuid NOT NULL,
        minutes integer NOT NULL,
        PRIMARY KEY (agency_id, month, order_id) INCLUDE (minutes)
      )`);
    await db.query(`
      CREATE TABLE absence_month_totals (
        agency_id uuid NOT NULL,
        month date NOT NULL,
        order_id uuid NOT NULL,
        absent integer NOT NULL,
        excused integer NOT NULL,
        unexcused integer NOT NULL,
        PRIMARY KEY (agency_id, month, order_id) INCLUDE (absent, excused, unexcused)
      )`);
    await db.query(triggerFunction('ledger_month_totals_add', addCredits('entered l')));
    await db.query(
      triggerFunction(
        'absence_month_totals_add',
        addAbsences('(SELECT order_id, status, absence_recorded_at, 1 AS sign FROM booked) a'),
      ),
    );
    await db.query(
      triggerFunction(
        'absence_month_totals_change',
        addAbsences(`(VALUES (OLD.order_id, OLD.status, OLD.absence_recorded_at, -1),
                             (NEW.order_id, NEW.status, NEW.absence_recorded_at, 1))
                     a (order_id, status, absence_recorded_at, sign)`),
      ),
    );
    // The triggers first: creating them waits for the writes under way and holds off new ones to the commit, so
    // the counts below see every change made before and the triggers every change after.
    await db.query(`CREATE TRIGGER ledger_month_totals_added AFTER INSERT ON ledger_entry
      REFERENCING NEW TABLE AS entered FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_add()`);
    await db.query(`CREATE TRIGGER assignment_absences_added AFTER INSERT ON assignment
      REFERENCING NEW TABLE AS booked FOR EACH STATEMENT EXECUTE FUNCTION absence_month_totals_add()`);
    await db.query(`CREATE TRIGGER assignment_absences_changed AFTER UPDATE ON assignment FOR EACH ROW
      WHEN ((OLD.status IN ${ABSENT} OR NEW.status IN ${ABSENT}) AND
            (OLD.status, OLD.absence_recorded_at, OLD.order_id) IS DISTINCT FROM
            (NEW.status, NEW.absence_recorded_at, NEW.order_id))
      EXECUTE FUNCTION absence_month_totals_change()`);
    await db.query(`CREATE TRIGGER assignment_absences_removed AFTER DELETE ON assignment FOR EACH ROW
      WHEN (OLD.status IN ${ABSENT}) EXECUTE FUNCTION absence_month_totals_change()`);
    await db.query(addCredits('ledger_entry l'));
    await db.query(addAbsences('(SELECT order_id, status, absence_recorded_at, 1 AS sign FROM assignment) a'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER assignment_absences_removed ON assignment`);
    await db.query(`DROP TRIGGER assignment_absences_changed ON assignment`);
    await db.query(`DROP TRIGGER assignment_absences_added ON assignment`);
    await db.query(`DROP TRIGGER ledger_month_totals_added ON ledger_entry`);
    await db.query(`DROP FUNCTION absence_month_totals_change()`);
    await db.query(`DROP FUNCTION absence_month_totals_add()`);
    await db.query(`DROP FUNCTION ledger_month_totals_add()`);
    await db.query(`DROP TABLE absence_month_totals`);
    await db.query(`DROP TABLE ledger_month_totals`);
  }
}
