import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The planner's worker threads are kept between plannings (src/planning/parallel-planner.ts), in the built service
 * as it runs (dist/, which `npm test` builds first): run in a process of its own, since a worker thread loads the
 * built planner.
 */
const built = (path: string) => pathToFileURL(join(process.cwd(), 'dist', path)).href;
const SCRIPT = `
import { planInParallel, planWorkers } from '${built('planning/parallel-planner.js')}';
import { planOrders } from '${built('planning/planner.js')}';

const site = (id, lat) => ({ id, location: { lat, lng: 128.18 }, minorsAllowed: true,
  agreement: { validFrom: '2026-01-01', validTo: '2027-12-31' }, closedDates: [] });
const day = (n) => '2026-12-' + String(n).padStart(2, '0');
const shifts = ['north', 'south'].flatMap((siteId) => Array.from({ length: 10 }, (_, i) => ({
  id: siteId + '-' + i, siteId, date: day(i + 2), start: '08:00', end: '12:00',
  startsAt: new Date(day(i + 1) + 'T23:00:00Z'), plannedMinutes: 240, freeSeats: 50, coordinated: true })));
const orders = Array.from({ length: 2200 }, (_, i) => ({
  id: 'order-' + i, regime: 'adult', needMinutes: 480, maxHoursPerDay: 8, startDate: '2026-12-01',
  endDate: '2027-05-31', person: { religion: null, worshipDefaults: true, inSchool: false, unavailable: [],
    home: { lat: (i % 2 ? -4 : -3) - (i % 7) / 1000, lng: 128.18 }, bookedDates: [] } }));
const problem = { now: new Date('2026-11-23T00:00:00Z'), orders, shifts, maxTravelMeters: 10000,
  sites: [site('north', -3), site('south', -4)] };
// Every field of every booking, and the outcomes, which come back packed from the threads (packed-plan.ts).
const canonical = (plan) => JSON.stringify([...plan.bookings.map((b) => JSON.stringify(b)).sort(), plan.outcomes]);

const turns = [];
setImmediate(() => turns.push('event loop turned'));
const small = { ...problem, orders: orders.slice(0, 50) };
await planInParallel(small, 2).then(() => turns.push('small plan made'));
const keptAfterSmall = planWorkers.idleThreads();
const planAlone = planOrders(problem);
const alone = canonical(planAlone);
const first = canonical(await planInParallel(problem, 2));
const keptAfterFirst = planWorkers.idleThreads();
const second = canonical(await planInParallel(problem, 2));
const keptAfterSecond = planWorkers.idleThreads();
await planWorkers.close();
const keptAfterClose = planWorkers.idleThreads();
planWorkers.start(2);
await planWorkers.warm();
const started = planWorkers.idleThreads();
await planInParallel(small, 2);
const keptAfterStarted = planWorkers.idleThreads();
await planWorkers.close();
console.log(JSON.stringify({ turns, keptAfterSmall, booked: planAlone.bookings.length, firstSame: first === alone,
  secondSame: second === alone, keptAfterFirst, keptAfterSecond, keptAfterClose, started, keptAfterStarted }));
`;

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('the planner on worker threads, kept', () => {
  it('plans a small problem on one worker thread, a large one on two as one thread plans it, twice on the same threads, and ends them on close; threads started at boot take the next plan', () => {
    // A file, not --input-type: the worker threads would inherit that flag.
    const script = join(mkdtempSync(join(tmpdir(), 'bakti-plan-workers-')), 'plan-twice.mjs');
    writeFileSync(script, SCRIPT);
    const run = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    // A small problem is planned on one worker thread: the caller's event loop turns meanwhile.
    expect(result.turns).toEqual(['event loop turned', 'small plan made']);
    expect(result.keptAfterSmall).toHaveLength(1);
    expect(result.booked).toBe(1000); // every seat: 2 sites, 10 shifts each, 50 seats
    expect(result.firstSame).toBe(true);
    expect(result.secondSame).toBe(true);
    // The large problem's two parts went to two worker threads, the small one's and a new one: none to the caller's.
    expect(result.keptAfterFirst).toHaveLength(2);
    expect(result.keptAfterFirst).toEqual(expect.arrayContaining(result.keptAfterSmall));
    expect(sorted(result.keptAfterSecond)).toEqual(sorted(result.keptAfterFirst));
    expect(result.keptAfterClose).toEqual([]);
    // Started as the service boots: new threads, ready before any planning, and the first planning takes one of them.
    expect(result.started).toHaveLength(2);
    expect(result.started.filter((id: number) => result.keptAfterFirst.includes(id))).toEqual([]);
    expect(sorted(result.keptAfterStarted)).toEqual(sorted(result.started));
  });
});
