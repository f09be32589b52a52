import { packedBuffers, packPlan, unpackPlan } from './packed-plan.js';
import { planOrders } from './planner.js';
import type { PlanOrder, PlanningProblem, PlanShift } from './planning.types.js';

const shift = (id: string, date: string, start: string, plannedMinutes: number): PlanShift => ({
  id,
  siteId: 'park',
  date,
  start,
  end: start === '08:00' ? '12:00' : '17:00',
  startsAt: new Date(`${date}T${start}:00+07:00`),
  plannedMinutes,
  freeSeats: 1,
  coordinated: true,
});
const order = (id: string, lat: number): PlanOrder => ({
  id,
  regime: 'adult',
  needMinutes: 480,
  maxHoursPerDay: 8,
  startDate: '2026-12-01',
  endDate: '2027-05-31',
  person: {
    religion: null,
    worshipDefaults: true,
    inSchool: false,
    unavailable: [],
    home: { lat, lng: 106.8 },
    bookedDates: [],
  },
});

describe('a plan packed by a planner thread', () => {
  const problem: PlanningProblem = {
    now: new Date('2026-11-30T00:00:00Z'),
    orders: [order('near', -6.2), order('far', -6.23)],
    sites: [
      {
        id: 'park',
        location: { lat: -6.2, lng: 106.8 },
        minorsAllowed: true,
        agreement: { validFrom: '2026-01-01', validTo: '2027-12-31' },
        closedDates: [],
      },
    ],
    shifts: [
      shift('mon-am', '2026-12-07', '08:00', 240),
      shift('mon-pm', '2026-12-07', '13:00', 240),
      shift('tue', '2026-12-08', '08:00', 240),
      shift('wed', '2026-12-09', '13:00', 240),
    ],
    maxTravelMeters: 10_000,
  };

  it('unpacks to the same plan, bookings with their shift, site, date, minutes and travel', () => {
    const plan = planOrders(problem);
    expect(plan.bookings).toHaveLength(4);
    expect(new Set(plan.bookings.map((booking) => booking.travelMeters)).size).toBe(2);
    const packed = structuredClone(packPlan(problem, planOrders(problem)));
    expect(unpackPlan(problem, packed)).toEqual(plan);
  });

  it('hands its bookings over in three buffers, not booking by booking', () => {
    const packed = packPlan(problem, planOrders(problem));
    expect(packedBuffers(packed).map((buffer) => buffer.byteLength)).toEqual([16, 16, 32]);
  });
});
