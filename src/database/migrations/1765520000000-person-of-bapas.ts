import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's person is a person of the order's Bapas (persons.service registers them so, orders.service checks
 * it): now a foreign key says so. Its key carries what the Bapas's reads want of a person (the name; the risk
 * scan's windows), so the monthly report, the worklist and the risk scan read a Bapas's persons off about 16 pages
 * of one index nationally instead of the primary key and the table once for each row (about 4 pages a row, one of
 * them the person's own page of the table: a national year's reports did not fit in the database's cache).
 */
export class PersonOfBapas1765520000000 implements MigrationInterface {
  name = 'PersonOfBapas1765520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person ADD CONSTRAINT person_of_bapas UNIQUE (bapas_id, id)
                    INCLUDE (full_name, in_school, religion, worship_defaults, unavailable)`);
    await db.query(`ALTER TABLE court_order ADD CONSTRAINT court_order_person_of_bapas
                    FOREIGN KEY (person_id, bapas_id) REFERENCES person (id, bapas_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE court_order DROP CONSTRAINT court_order_person_of_bapas`);
    await db.query(`ALTER TABLE person DROP CONSTRAINT person_of_bapas`);
  }
}
