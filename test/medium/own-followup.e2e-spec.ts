import { DataSource } from 'typeorm';
import { Transactions } from '../../src/database/transactions.js';
import { BreachesService } from '../../src/enforcement/breaches.service.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { RosterRepository } from '../../src/rosters/roster.repository.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { World } from '../support/world.js';

/** What the follow-up modules' repositories guarantee on the real PostgreSQL, under concurrent calls. */
describe('own-followup: breaches, notifications and the roster read model', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t);
  });
  afterAll(() => t.close());

  const twenty = <T>(work: () => Promise<T>) => Promise.all(Array.from({ length: 20 }, work));

  it('20 breach openings at once on one order: exactly one open report, and the order breached once', async () => {
    const orderId = await w.personWithOrder();
    const opened = await twenty(() => t.app.get(BreachesService).openCannotFinish(orderId, { remainingMinutes: 1 }));
    expect(opened.filter(Boolean)).toHaveLength(1);
    const breaches = await t.db.query(`SELECT status FROM breach WHERE order_id = $1`, [orderId]);
    expect(breaches).toEqual([{ status: 'open' }]);
    const [order] = await t.db.query(`SELECT status FROM court_order WHERE id = $1`, [orderId]);
    expect(order.status).toBe('breached');
    const audited = await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'breach.opened' AND entity_id = $1`, [
      (await t.db.query(`SELECT id FROM breach WHERE order_id = $1`, [orderId]))[0].id,
    ]);
    expect(audited).toHaveLength(1);
  });

  describe('a notification is stored once per (recipient, reason, subject)', () => {
    const request = (subjectKey: string, reason: 'roster' | 'order_at_risk') => ({
      recipient: { type: 'user' as const, id: w.ids.supervisor },
      reason,
      subjectKey,
      params: () => ({ site: 'S', date: 'D', list: '-' }),
    });
    const stored = (subjectKey: string) =>
      t.db.query(`SELECT reason FROM notification WHERE recipient_id = $1 AND subject_key = $2 ORDER BY reason`, [
        w.ids.supervisor,
        subjectKey,
      ]);

    it('under 20 concurrent requests for each of two reasons', async () => {
      const subject = `medium-${w.tag}`;
      const notify = (reason: 'roster' | 'order_at_risk') => () =>
        t.app.get(Transactions).run((tx) => t.app.get(NotificationsService).notify(tx, request(subject, reason)));
      const [rosters, risks] = await Promise.all([twenty(notify('roster')), twenty(notify('order_at_risk'))]);
      expect(rosters.filter(Boolean)).toHaveLength(1);
      expect(risks.filter(Boolean)).toHaveLength(1);
      expect(await stored(subject)).toEqual([{ reason: 'order_at_risk' }, { reason: 'roster' }]);
    });

    it('and not at all when the work that asked for it fails', async () => {
      const subject = `rolled-back-${w.tag}`;
      const failing = t.app.get(Transactions).run(async (tx) => {
        expect(await t.app.get(NotificationsService).notify(tx, request(subject, 'roster'))).toBe(true);
        throw new Error('the work failed');
      });
      await expect(failing).rejects.toThrow('the work failed');
      expect(await stored(subject)).toEqual([]);
    });
  });

  it("the roster read model lists each shift with only that shift's people, cancelled bookings left out", async () => {
    const date = '2026-12-14';
    const morning = await w.shift('siteA', { date, start: '08:00', end: '10:00' });
    const afternoon = await w.shift('siteA', { date, start: '13:00', end: '15:00' });
    const name = (who: string) => `Roster ${who} ${w.tag}`;
    const bookAs = async (who: string, shiftId: string) => {
      const booked = await w.book(await w.personWithOrder({ fullName: name(who) }), shiftId);
      expect(booked.status).toBe(201);
      return booked.body.id as string;
    };
    await bookAs('Ani', morning.id);
    await bookAs('Budi', afternoon.id);
    const cancelled = await bookAs('Citra', morning.id);
    const cancel = await w.post('supervisor', `/assignments/${cancelled}/cancel`, { reason: 'Sakit / ill' });
    expect(cancel.status).toBe(200);

    const lines = await new RosterRepository(t.app.get(DataSource)).shiftsOn('Asia/Jayapura', date);
    // Other test files' worlds have shifts at the same instant: this world's site, by its id.
    const mine = (startsAt: string) =>
      lines.find((line) => line.site_id === w.ids.siteA && line.starts_at.toISOString() === startsAt)!.names;
    expect(mine(morning.startsAt)).toEqual([name('Ani')]);
    expect(mine(afternoon.startsAt)).toEqual([name('Budi')]);
  });
});
