import { ConsoleLogger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEventRepository } from '../src/audit/audit-event.repository.js';
import { AuditService } from '../src/audit/audit.service.js';
import { Clock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions, prepareDatabase } from '../src/database/data-source.js';
import { seedDemo } from '../src/database/demo-seed.js';
import { ownDatabase } from './support/test-config.js';

const TABLES = [
  'agency',
  'app_user',
  'agreement',
  'site',
  'shift',
  'person',
  'court_order',
  'assignment',
  'ledger_entry',
  'audit_event',
];

describe('the demo data', () => {
  let db: DataSource;
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => [table, (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n]),
      ),
    );

  let DEMO_URL: string;

  beforeAll(async () => {
    DEMO_URL = await ownDatabase('demo');
    await prepareDatabase(DEMO_URL);
    db = await new DataSource(dataSourceOptions(DEMO_URL)).initialize();
  });
  afterAll(() => db.destroy());

  it('tells its story through the rules, and loading it twice changes nothing', async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: DEMO_URL, NODE_ENV: 'test' });
    const logger = new ConsoleLogger({ logLevels: ['error'] });

    await seedDemo(config, logger);
    const first = await counts();
    await seedDemo(config, logger);

    expect(await counts()).toEqual(first);
    const orders: { regime: string; status: string; credited_minutes: number; required_minutes: number }[] =
      await db.query(`SELECT regime, status, credited_minutes, required_minutes FROM court_order ORDER BY case_number`);
    // Yohanis, Fadli, Rahmat and the ten crew members (today's two roll-calls, yesterday's sign-off); Maria and the
    // six misuse cases (src/database/demo-misuse.ts) completed.
    expect(orders.map((o) => o.status).sort()).toEqual([...Array(13).fill('active'), ...Array(7).fill('completed')]);
    const crews: { status: string; n: number }[] = await db.query(
      `SELECT a.status, count(*)::int AS n FROM assignment a JOIN person p ON p.id = a.person_id
        WHERE p.full_name IN ('Yusuf Wally', 'Daniel Matulessy', 'Frans Siahaya', 'Meity Latumahina', 'Hasan Lessy', 'Grace Sopacua')
        GROUP BY a.status ORDER BY a.status`,
    );
    expect(crews).toEqual([
      { status: 'checked_out', n: 3 },
      { status: 'scheduled', n: 3 },
    ]);
    expect(orders.filter((o) => o.regime === 'child')).toHaveLength(1);
    const completed = orders.find((o) => o.status === 'completed')!;
    expect(completed.credited_minutes).toBe(completed.required_minutes);
    const zones: { timezone: string }[] = await db.query(`SELECT DISTINCT timezone FROM site ORDER BY timezone`);
    expect(zones.map((z) => z.timezone)).toEqual(['Asia/Jakarta', 'Asia/Jayapura']);
    const roles: { role: string }[] = await db.query(`SELECT DISTINCT role FROM app_user ORDER BY role`);
    expect(roles.map((r) => r.role)).toEqual(['admin', 'coordinator', 'oversight', 'prosecutor', 'supervisor']);
  }, 120_000); // the story and its misuse cases, told twice over the services

  it("R-25: its audit trail verifies, and a row changed behind the triggers' back is found", async () => {
    const audit = new AuditService(
      new AuditEventRepository(db),
      new Clock(),
      loadConfig({ ...process.env, NODE_ENV: 'test' }),
    );
    const verdict = await audit.verifyChain();
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    const chains: { chain: number }[] = await db.query(`SELECT DISTINCT chain FROM audit_event`);
    expect(chains.length).toBeGreaterThan(1);

    const [victim] = await db.query(
      `SELECT seq FROM audit_event WHERE action = 'ledger.credited' ORDER BY seq LIMIT 1`,
    );
    await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await db.query(`UPDATE audit_event SET after = jsonb_set(after, '{minutes}', '480') WHERE seq = $1`, [victim.seq]);
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);

    expect(await audit.verifyChain()).toEqual(expect.objectContaining({ intact: false, firstBrokenSeq: victim.seq }));
  });
});
