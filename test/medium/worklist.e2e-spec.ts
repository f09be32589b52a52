import { DeadlinesService } from '../../src/deadlines/deadlines.service.js';
import { RISK_SCAN_TTL_MS } from '../../src/worklist/orders-at-risk.js';
import { TestApp } from '../support/test-app.js';
import { World } from '../support/world.js';

/** The worklist's risk lists: one scan per Bapas shared by concurrent requests and kept for the TTL (POLICY). */
describe('worklist: orders at risk, scanned once per Bapas', () => {
  let t: TestApp;
  let w: World;
  let scans: string[];

  beforeAll(async () => {
    ({ t, w } = await World.start());
    const deadlines = t.app.get(DeadlinesService);
    const scan = deadlines.scan.bind(deadlines);
    // Each scan counted and held a moment, so that concurrent requests overlap it.
    deadlines.scan = async (timezone, today, bapasId) => {
      scans.push(bapasId ?? 'zone');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return scan(timezone, today, bapasId);
    };
  });
  beforeEach(() => (scans = []));
  afterAll(() => t.close());

  const nothingBooked = async (actor: 'supervisor' | 'otherBapasSupervisor') => {
    const response = await w.get(actor, '/worklist');
    expect(response.status).toBe(200);
    return response.body.nothingBooked.map((o: { orderId: string }) => o.orderId);
  };

  it('20 concurrent worklists of one Bapas run the scan once and all see its orders', async () => {
    const orders = [await w.personWithOrder(), await w.personWithOrder()];
    const answers = await Promise.all(Array.from({ length: 20 }, () => nothingBooked('supervisor')));
    expect(scans).toEqual([w.ids.bapas]);
    for (const ids of answers) expect(ids).toEqual(expect.arrayContaining(orders));
    expect(await nothingBooked('otherBapasSupervisor')).not.toEqual(expect.arrayContaining(orders));
    expect(scans).toHaveLength(2);
  });

  it('a booking that ends "nothing booked" shows once the TTL has passed, with one new scan', async () => {
    const order = await w.personWithOrder();
    t.clock.set(new Date(t.clock.now().getTime() + RISK_SCAN_TTL_MS));
    expect(await nothingBooked('supervisor')).toContain(order);
    const shift = await w.shift('siteA', { date: '2026-11-30' });
    expect((await w.book(order, shift.id)).status).toBe(201);
    expect(await nothingBooked('supervisor')).toContain(order);
    t.clock.set(new Date(t.clock.now().getTime() + RISK_SCAN_TTL_MS));
    expect(await nothingBooked('supervisor')).not.toContain(order);
    expect(scans).toEqual([w.ids.bapas, w.ids.bapas]);
  });
});
