import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { AssignmentRepository } from '../../src/assignments/assignment.repository.js';
import { prepared } from '../../src/database/prepared.js';
import { DEFAULT_NOW, startTestApp, TestApp } from '../support/test-app.js';

interface PreparedStatement {
  name: string;
  statement: string;
  runs: number;
  generic: number;
}

/** The hot paths' statements go by name on the service's connections: parsed once, planned generically. */
describe('prepared: named statements on the service connections', () => {
  let t: TestApp;
  let connection: QueryRunner;

  beforeAll(async () => {
    t = await startTestApp(DEFAULT_NOW);
    connection = t.app.get(DataSource).createQueryRunner();
    await connection.connect();
  });
  afterAll(async () => {
    await connection.release();
    await t.close();
  });

  const statements = async (): Promise<PreparedStatement[]> =>
    connection.query(
      `SELECT name, statement, (generic_plans + custom_plans)::int AS runs, generic_plans::int AS generic
         FROM pg_prepared_statements`,
    );

  it("sends a booking's facts as one named statement, parsed once and then run on a generic plan", async () => {
    const repository = t.app.get(AssignmentRepository);
    for (let run = 0; run < 8; run++)
      expect(
        await repository.bookingFacts(randomUUID(), randomUUID(), randomUUID(), connection.manager),
      ).toBeUndefined();

    const facts = (await statements()).filter((statement) => statement.name.startsWith('booking-facts:'));
    expect(facts).toHaveLength(1);
    expect(facts[0].runs).toBe(8);
    expect(facts[0].generic).toBeGreaterThan(0);
  });

  it('names each marked text apart, even under one label, and leaves unmarked texts unnamed', async () => {
    const [one] = await connection.query(prepared('probe', `SELECT $1::int + 1 AS n`), [1]);
    const [two] = await connection.query(prepared('probe', `SELECT $1::int + 2 AS n`), [1]);
    const [unmarked] = await connection.query(`SELECT $1::int + 3 AS n`, [1]);
    expect([one.n, two.n, unmarked.n]).toEqual([2, 3, 4]);

    const probes = (await statements()).filter((statement) => statement.name.startsWith('probe:'));
    expect(probes.map((probe) => probe.statement).sort()).toEqual([
      `SELECT $1::int + 1 AS n`,
      `SELECT $1::int + 2 AS n`,
    ]);
    expect(new Set(probes.map((probe) => probe.name)).size).toBe(2);
  });
});
