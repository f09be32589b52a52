import { randomInt } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JobQueues } from '../src/jobs/job-queues.js';
import { QUEUES } from '../src/jobs/jobs.js';
import { ReconcileService } from '../src/jobs/reconcile.service.js';
import { AttendanceChecksService } from '../src/attendance-checks/attendance-checks.service.js';
import { DeadlinesService } from '../src/deadlines/deadlines.service.js';
import { RostersService } from '../src/rosters/rosters.service.js';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { ownDatabase, testRedisUrl } from './support/test-config.js';
import { waitFor } from './support/wait.js';
import { World } from './support/world.js';

/** This file runs the worker in-process, on its own database, Redis database and queue prefix. */
const REDIS_URL = testRedisUrl(6);
const PREFIX = `{bakti-jobs-${randomInt(1e9)}}`;

describe('reminders, attendance checks and notifications through BullMQ', () => {
  let t: TestApp;
  let w: World;
  let work: Queue;
  let redis: Redis;

  const notifications = (
    assignmentId: string,
    reason?: string,
  ): Promise<{ reason: string; recipient_id: string; text: string; status: string; attempts: number }[]> =>
    t.db.query(
      `SELECT reason, recipient_id, text, status, attempts FROM notification WHERE assignment_id = $1 AND ($2::text IS NULL OR reason = $2) ORDER BY created_at`,
      [assignmentId, reason ?? null],
    );
  // finishedOn and returnvalue are written together: a job read before it finished has neither, even if it is
  // completed by the time isCompleted() asks.
  const finished = (jobId: string) =>
    waitFor(async () => {
      const job = await work.getJob(jobId);
      return job?.finishedOn && (await job.isCompleted()) ? job : null;
    }, `job ${jobId}`);
  const relayed = (jobId: string) => waitFor(() => work.getJob(jobId), `job ${jobId} in Redis`);

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    await redis.flushdb();
    const DATABASE_URL = await ownDatabase('jobs');
    t = await startTestApp(DEFAULT_NOW, {
      APP_ROLE: 'all',
      DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      OUTBOX_POLL_MS: '50',
    });
    w = await World.build(t);
    work = t.app.get(JobQueues).queue(QUEUES.work);
  });
  afterAll(async () => {
    await t.close();
    await redis.flushdb();
    redis.disconnect();
  });
  afterEach(() => t.clock.set(DEFAULT_NOW));

  async function bookOn(site: 'siteA' | 'siteB', date: string, start = '08:00', end = '12:00', person: object = {}) {
    const orderId = await w.personWithOrder({ phone: '081234567890', ...person });
    const shift = await w.shift(site, { date, start, end });
    const booked = await w.book(orderId, shift.id);
    expect(booked.status).toBe(201);
    return { id: booked.body.id as string, orderId, shift };
  }

  it('health reports the live workers; the queue dashboard is for administrators only', async () => {
    const health = await t.http().get('/api/v1/health');
    expect(health.body).toEqual(expect.objectContaining({ status: 'ok', workers: 1 }));
    expect((await t.http().get('/admin/queues')).status).toBe(401);
    expect(
      (
        await t
          .http()
          .get('/admin/queues')
          .set('authorization', `Basic ${Buffer.from(`admin.${w.tag.toLowerCase()}:wrong`).toString('base64')}`)
      ).status,
    ).toBe(401);
    const admin = await t
      .http()
      .get('/admin/queues')
      .set('authorization', `Basic ${Buffer.from(`admin.${w.tag.toLowerCase()}:test-password-1`).toString('base64')}`);
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('<html');
    expect((await t.http().get('/admin/queues').set('authorization', w.authorization('supervisor'))).status).toBe(403);
  });

  it('a reminder goes out at 18:00 local the day before, naming the site, address, time and coordinator', async () => {
    t.clock.set('2026-12-01T08:59:58.500Z'); // 17:59:58.5 in Ambon (WIT) on the eve of the shift
    const a = await bookOn('siteA', '2026-12-02');
    const job = await relayed(`reminder-day-before-${a.id}`);
    expect(job.delay).toBeGreaterThan(1000);
    expect(await notifications(a.id)).toEqual([]);

    const done = await finished(`reminder-day-before-${a.id}`);
    expect(done.processedOn!).toBeGreaterThanOrEqual(done.timestamp + done.delay);
    const [reminder] = await notifications(a.id, 'shift_reminder_day_before');
    expect(reminder.text).toContain(`A ${w.tag}`);
    expect(reminder.text).toContain('Jl. Pantai Mardika');
    expect(reminder.text).toMatch(/08:00-12:00 WIT/);
    expect(reminder.text).toContain(`coordinatorA ${w.tag}`);
    await waitFor(
      async () => (await notifications(a.id, 'shift_reminder_day_before'))[0]?.status === 'sent',
      'delivery',
    );
  });

  it('after a rebooking only the new booking is reminded; after a cancellation nothing goes out', async () => {
    t.clock.set('2026-12-02T08:59:58.800Z');
    const first = await bookOn('siteA', '2026-12-03');
    const cancelled = await w.post('supervisor', `/assignments/${first.id}/cancel`, { reason: 'Pindah ke sesi siang' });
    expect(cancelled.status).toBe(200);
    const afternoon = await w.shift('siteB', { date: '2026-12-03', start: '13:00', end: '16:00' });
    const rebooked = await w.book(first.orderId, afternoon.id);
    expect(rebooked.status).toBe(201);

    expect((await finished(`reminder-day-before-${first.id}`)).returnvalue).toBe('skipped');
    expect((await finished(`reminder-day-before-${rebooked.body.id}`)).returnvalue).toBe('sent');
    expect(await notifications(first.id)).toEqual([]);
    expect(await notifications(rebooked.body.id, 'shift_reminder_day_before')).toHaveLength(1);
  });

  it('a person who opted out of the channel gets no message; it is stored as skipped, and listed', async () => {
    t.clock.set('2026-12-03T08:59:59Z');
    const personId = await w.person({ phone: '0812 3456 7892' });
    expect((await w.post('supervisor', `/persons/${personId}/opt-outs`, { channel: 'log' })).status).toBe(201);
    const shift = await w.shift('siteA', { date: '2026-12-04', start: '07:00', end: '11:00' });
    const booked = await w.book(await w.order(personId), shift.id);

    expect((await finished(`reminder-day-before-${booked.body.id}`)).returnvalue).toBe('sent');
    const listed = await w.get('supervisor', `/persons/${personId}/notifications`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        reason: 'shift_reminder_day_before',
        to: '+6281234567892',
        status: 'skipped',
        statusReason: 'opted_out',
        history: [],
      }),
    ]);
    expect((await w.get('coordinatorA', `/assignments/${booked.body.id}/notifications`)).body.total).toBe(1);
    expect((await w.get('coordinatorB', `/assignments/${booked.body.id}/notifications`)).status).toBe(403);
  });

  it('R-20: a no-show is flagged at start + 30 minutes, and not when the person was checked in at start + 29', async () => {
    const absent = await bookOn('siteA', '2026-12-07');
    const present = await w.book(await w.personWithOrder({ phone: '081234567891' }), absent.shift.id);
    const checks = t.app.get(AttendanceChecksService);
    const at = (minutes: number) => new Date(Date.parse(absent.shift.startsAt) + minutes * 60_000);

    t.clock.set(at(29));
    expect((await w.post('coordinatorA', `/assignments/${present.body.id}/check-in`, {})).status).toBe(200);
    t.clock.set(at(29.9));
    await checks.scan();
    expect(await notifications(absent.id, 'no_show')).toEqual([]);
    t.clock.set(at(30));
    await checks.scan();

    const told = await notifications(absent.id, 'no_show');
    expect(told.map((n) => n.recipient_id).sort()).toEqual(
      [w.ids.supervisor, w.ids.coordinatorA, w.ids.supervisor2].sort(),
    );
    expect(await notifications(present.body.id, 'no_show')).toEqual([]);
    const [flag] = await t.db.query(`SELECT no_show_flagged_at, status FROM assignment WHERE id = $1`, [absent.id]);
    expect(flag).toEqual({ status: 'scheduled', no_show_flagged_at: at(30) });
    t.clock.set(at(31));
    expect((await checks.scan()).no_show).toBe(0);
  });

  it('a check-in still open 2 hours after the end is flagged to the coordinators', async () => {
    const a = await bookOn('siteB', '2026-12-17');
    t.clock.set(a.shift.startsAt);
    await w.post('coordinatorB', `/assignments/${a.id}/check-in`, {});
    const checks = t.app.get(AttendanceChecksService);
    t.clock.set(new Date(Date.parse(a.shift.endsAt) + 119 * 60_000));
    await checks.scan();
    expect(await notifications(a.id, 'open_check_in')).toEqual([]);
    t.clock.set(new Date(Date.parse(a.shift.endsAt) + 120 * 60_000));
    await checks.scan();
    expect((await notifications(a.id, 'open_check_in')).map((n) => n.recipient_id)).toEqual([w.ids.coordinatorB]);
  });

  it('R-21: an unexcused absence sends the written warning to the person and tells the supervisor', async () => {
    const a = await bookOn('siteA', '2026-12-08');
    t.clock.set(new Date(Date.parse(a.shift.startsAt) + 45 * 60_000));
    await w.post('coordinatorA', `/assignments/${a.id}/absence`, { reason: 'Tidak datang' });
    await w.post('supervisor', `/assignments/${a.id}/absence-decision`, { excused: false, reason: 'Tanpa kabar' });

    await finished(`warning-${a.id}`);
    const sent = await notifications(a.id);
    expect(sent.map((n) => n.reason).sort()).toEqual(['warning', 'warning_supervisor']);
    expect(sent.find((n) => n.reason === 'warning')!.text).toContain('PERINGATAN TERTULIS');
  });

  it('R-16: the prosecutor is told when an order reaches its required minutes', async () => {
    const orderId = await w.personWithOrder({ phone: '081234567893' }, { totalHours: 8 });
    for (const date of ['2026-12-21', '2026-12-22']) {
      const shift = await w.shift('siteA', { date, start: '08:00', end: '12:00' });
      const a = (await w.book(orderId, shift.id)).body;
      t.clock.set(new Date(Date.parse(shift.endsAt) + 60_000));
      await w.post('coordinatorA', `/assignments/${a.id}/check-in`, { at: shift.startsAt });
      await w.post('coordinatorA', `/assignments/${a.id}/check-out`, { at: shift.endsAt });
      await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    }
    expect((await finished(`completed-${orderId}`)).returnvalue).toBe('sent');
    const [told] = await t.db.query(
      `SELECT recipient_id, text FROM notification WHERE reason = 'order_completed' AND order_id = $1`,
      [orderId],
    );
    expect(told.recipient_id).toBe(w.ids.prosecutor);
    expect(told.text).toContain('8 jam terpenuhi');
  });

  it('Redis emptied after bookings: reconcile brings every future job back, and nothing is sent twice', async () => {
    t.clock.set('2026-12-08T08:59:59Z');
    const reminded = await bookOn('siteB', '2026-12-09');
    await waitFor(
      async () => (await notifications(reminded.id, 'shift_reminder_day_before'))[0]?.status === 'sent',
      'first reminder',
    );
    t.clock.set(DEFAULT_NOW);
    const ahead = [
      await bookOn('siteA', '2026-12-14'),
      await bookOn('siteA', '2026-12-15'),
      await bookOn('siteB', '2026-12-16'),
    ];
    const expected = ahead.flatMap(({ id }) => [`reminder-day-before-${id}`, `reminder-2h-${id}`]);
    for (const jobId of expected) await relayed(jobId);

    await redis.flushdb();
    expect(await work.getJob(expected[0])).toBeUndefined();
    t.clock.set('2026-12-08T09:00:30Z');
    const report = await t.app.get(ReconcileService).reconcile();

    for (const jobId of expected) expect(await (await work.getJob(jobId))?.getState()).toBe('delayed');
    expect(await work.getJob(`reminder-day-before-${reminded.id}`)).toBeUndefined();
    expect(await work.getJob(`reminder-2h-${reminded.id}`)).toBeDefined();
    expect(report.assignmentJobs).toBeGreaterThanOrEqual(expected.length);
    const schedulers = (await work.getJobSchedulers()).map((s) => s.key);
    expect(schedulers).toEqual(
      expect.arrayContaining([
        'roster-send-Asia-Jayapura',
        'deadline-risk_scan-Asia-Jayapura',
        'jobs-reconcile',
        'attendance-scan',
      ]),
    );

    // The same reminder relayed again (a crash before the outbox row was marked) finds its message already stored.
    await work.add('reminder.day_before', { assignmentId: reminded.id }, { jobId: `again-${reminded.id}` });
    expect((await finished(`again-${reminded.id}`)).returnvalue).toBe('already_sent');
    const [only, ...more] = await notifications(reminded.id, 'shift_reminder_day_before');
    expect(more).toEqual([]);
    expect(only).toEqual(expect.objectContaining({ status: 'sent', attempts: 1 }));
  });

  it("each coordinator gets the next day's roster of their sites, once", async () => {
    await bookOn('siteA', '2026-12-10', '08:00', '12:00', { fullName: `Roster ${w.tag}` });
    const rosters = t.app.get(RostersService);
    expect(await rosters.send('Asia/Jayapura', '2026-12-10')).toBeGreaterThanOrEqual(2);
    expect(await rosters.send('Asia/Jayapura', '2026-12-10')).toBe(0);
    const [roster] = await t.db.query(
      `SELECT text FROM notification WHERE reason = 'roster' AND recipient_id = $1 AND subject_key = $2`,
      [w.ids.coordinatorA, `${w.ids.siteA}-2026-12-10`],
    );
    expect(roster.text).toContain(`Roster ${w.tag}`);
    expect(roster.text).toMatch(/08:00-12:00 WIT \(1\/10\)/);
  });

  it('the morning risk scan reports who provably cannot finish, and who has nothing booked', async () => {
    const weekdays = [1, 2, 3, 4, 5, 7].map((weekday) => ({ weekday, from: '00:00', to: '23:59' }));
    const saturdayOnly = await w.personWithOrder(
      { fullName: `Sabtu ${w.tag}`, unavailable: weekdays },
      { totalHours: 240, startDate: '2026-11-23', endDate: '2027-05-22' },
    );
    const idle = await w.personWithOrder({ fullName: `Idle ${w.tag}` }, { totalHours: 20 });
    const risks = await t.app.get(DeadlinesService).scan('Asia/Jayapura', '2026-11-23');

    const of = (orderId: string) => risks.find((r) => r.order.id === orderId)?.risks.map((risk) => risk.code);
    expect(of(saturdayOnly)).toEqual(['risk.cannot_finish', 'risk.nothing_booked']);
    expect(of(idle)).toEqual(['risk.nothing_booked']);
    const saturdays = risks.find((r) => r.order.id === saturdayOnly)!.risks[0].params;
    // The 26 Saturdays from 28 November to 22 May, less 1 May 2027 (Labour Day, a fixed-date holiday of 2027).
    expect(saturdays.reachableMinutes).toBe(25 * 480);

    t.clock.set('2026-11-22T22:00:00Z'); // 07:00 in Ambon
    expect(await t.app.get(DeadlinesService).scanAndNotify({ timezone: 'Asia/Jayapura' })).toBeGreaterThanOrEqual(1);
    const [report] = await t.db.query(
      `SELECT text FROM notification WHERE reason = 'order_at_risk' AND recipient_id = $1 AND subject_key = '2026-11-23'`,
      [w.ids.supervisor],
    );
    expect(report.text).toContain(`Sabtu ${w.tag}`);
    expect(report.text).toMatch(/paling banyak 12000 menit/);
  });
});
