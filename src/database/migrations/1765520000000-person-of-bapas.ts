import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's person is a person of the order's Bapas (persons.service registers them so, orders.service checks
 * it): now a foreign key says so. Its key, a Bapas's persons with their names, lets the monthly report and the
 * worklist read the names of a Bapas's persons off one range of an index (about 15 pages for a Bapas's thousand
 * persons nationally) instead of probing the primary key and the table once for each row (about 4 pages a row).
 */
export class PersonOfBapas1765520000000 implements MigrationInterface {
  name = 'PersonOfBapas1765520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person ADD CONSTRAINT person_of_bapas UNIQUE (bapas_id, id) INCLUDE (full_name)`);
    await db.query(`ALTER TABLE court_order ADD CONSTRAINT court_order_person_of_bapas
                    FOREIGN KEY (person_id, bapas_id) REFERENCES person (id, bapas_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE court_order DROP CONSTRAINT court_order_person_of_bapas`);
    await db.query(`ALTER TABLE person DROP CONSTRAINT person_of_bapas`);
  }
}
