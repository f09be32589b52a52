import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the national-data benchmark's slowest reads asked for (scripts/bench-national.ts): `booking_totals`, one row
 * an order with its Bapas, kept by triggers on assignment (nobody else may write it: R-28):
 * - the planned minutes, the first local day and the first start of its scheduled bookings: the risk scan reads its
 *   Bapas's totals off one range of an index that carries them instead of summing its bookings ahead (about 16,000);
 * - how many of its bookings await review (checked out or absent): the supervisor's worklist picks the Bapas's
 *   orders with something to review or a scheduled booking already begun, off two small indexes by Bapas, instead of
 *   probing two indexes of assignment once for each of the Bapas's orders.
 * The Bapas is the order's (a foreign key binds the pair). Not a column of assignment: giving 4.7 million bookings a
 * new column rewrites each into all 22 indexes of the table, a GiST exclusion among them (110 s at a tenth of the
 * national year), with the table locked.
 * An insert adds to the totals (one statement for a batch); any other change of a booking's state recounts its
 * order from its bookings after locking the order's row, in a statement of its own whose fresh snapshot (READ
 * COMMITTED) sees whatever the transactions that held the lock before committed, so concurrent check-ins,
 * absences and cancellations of one order never leave a stale total.
 */
export class BookingTotals1765510000000 implements MigrationInterface {
  name = 'BookingTotals1765510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE court_order ADD CONSTRAINT court_order_id_bapas UNIQUE (id, bapas_id)`);
    await db.query(`
      CREATE TABLE booking_totals (
        order_id uuid PRIMARY KEY,
        bapas_id uuid NOT NULL,
        scheduled_minutes integer NOT NULL CHECK (scheduled_minutes >= 0),
        first_scheduled_date date,
        first_scheduled_at timestamptz,
        awaiting_review integer NOT NULL CHECK (awaiting_review >= 0),
        FOREIGN KEY (order_id, bapas_id) REFERENCES court_order (id, bapas_id)
      )`);
    await db.query(`
      INSERT INTO booking_totals
      SELECT o.id, o.bapas_id, coalesce(a.scheduled_minutes, 0), a.first_scheduled_date, a.first_scheduled_at,
             coalesce(a.awaiting_review, 0)
        FROM court_order o
        LEFT JOIN (SELECT order_id, sum(planned_minutes) FILTER (WHERE status = 'scheduled') AS scheduled_minutes,
                          min(local_date) FILTER (WHERE status = 'scheduled') AS first_scheduled_date,
                          min(starts_at) FILTER (WHERE status = 'scheduled') AS first_scheduled_at,
                          count(*) FILTER (WHERE status IN ('checked_out', 'absent')) AS awaiting_review
                     FROM assignment GROUP BY order_id) a ON a.order_id = o.id`);
    await db.query(
      `CREATE INDEX booking_totals_awaiting_review ON booking_totals (bapas_id) WHERE awaiting_review > 0`,
    );
    await db.query(`CREATE INDEX booking_totals_first_scheduled ON booking_totals (bapas_id, first_scheduled_at)`);
    await db.query(`CREATE INDEX booking_totals_bapas ON booking_totals (bapas_id)
      INCLUDE (order_id, scheduled_minutes, first_scheduled_date)`);
    await db.query(`
      CREATE FUNCTION booking_totals_add() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        INSERT INTO booking_totals AS t
        SELECT b.order_id, o.bapas_id, coalesce(sum(b.planned_minutes) FILTER (WHERE b.status = 'scheduled'), 0),
               min(b.local_date) FILTER (WHERE b.status = 'scheduled'), min(b.starts_at) FILTER (WHERE b.status = 'scheduled'),
               count(*) FILTER (WHERE b.status IN ('checked_out', 'absent'))
          FROM booked b JOIN court_order o ON o.id = b.order_id
         GROUP BY b.order_id, o.bapas_id
        ON CONFLICT (order_id) DO UPDATE
          SET scheduled_minutes = t.scheduled_minutes + excluded.scheduled_minutes,
              first_scheduled_date = least(t.first_scheduled_date, excluded.first_scheduled_date),
              first_scheduled_at = least(t.first_scheduled_at, excluded.first_scheduled_at),
              awaiting_review = t.awaiting_review + excluded.awaiting_review;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION booking_totals_recount() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        changed uuid;
      BEGIN
        FOREACH changed IN ARRAY ARRAY(SELECT DISTINCT id FROM unnest(ARRAY[OLD.order_id, NEW.order_id]) id
                                        WHERE id IS NOT NULL) LOOP
          PERFORM 1 FROM booking_totals WHERE order_id = changed FOR UPDATE;
          UPDATE booking_totals
             SET (scheduled_minutes, first_scheduled_date, first_scheduled_at) =
                   (SELECT coalesce(sum(planned_minutes), 0), min(local_date), min(starts_at) FROM assignment
                     WHERE order_id = changed AND status = 'scheduled'),
                 awaiting_review =
                   (SELECT count(*) FROM assignment WHERE order_id = changed AND status IN ('checked_out', 'absent'))
           WHERE order_id = changed;
        END LOOP;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER assignment_totals_added AFTER INSERT ON assignment
      REFERENCING NEW TABLE AS booked FOR EACH STATEMENT EXECUTE FUNCTION booking_totals_add()`);
    await db.query(`CREATE TRIGGER assignment_totals_changed AFTER UPDATE ON assignment FOR EACH ROW
      WHEN ((OLD.status, OLD.planned_minutes, OLD.local_date, OLD.starts_at, OLD.order_id) IS DISTINCT FROM
            (NEW.status, NEW.planned_minutes, NEW.local_date, NEW.starts_at, NEW.order_id))
      EXECUTE FUNCTION booking_totals_recount()`);
    await db.query(`CREATE TRIGGER assignment_totals_removed AFTER DELETE ON assignment FOR EACH ROW
      EXECUTE FUNCTION booking_totals_recount()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER assignment_totals_removed ON assignment`);
    await db.query(`DROP TRIGGER assignment_totals_changed ON assignment`);
    await db.query(`DROP TRIGGER assignment_totals_added ON assignment`);
    await db.query(`DROP FUNCTION booking_totals_recount()`);
    await db.query(`DROP FUNCTION booking_totals_add()`);
    await db.query(`DROP TABLE booking_totals`);
    await db.query(`ALTER TABLE court_order DROP CONSTRAINT court_order_id_bapas`);
  }
}
