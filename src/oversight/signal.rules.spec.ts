import {
  coordinatorOffDuty,
  holidayOpened,
  lateRecords,
  newAccountSignatures,
  outsideRadius,
  pairShares,
  reversals,
  signOffBursts,
  type AttendanceRow,
  type CreditRow,
  type SignalPolicy,
} from './signal.rules.js';

const POLICY: SignalPolicy = {
  radiusToleranceMeters: 50,
  lateRecordHours: 48,
  pairSharePercent: 70,
  pairWindowDays: 30,
  pairMinMinutes: 1200,
  holidayOpenedHours: 72,
  newAccountHours: 24,
  burstShifts: 5,
  burstMinutes: 15,
  reversalMinMinutes: 1,
};

const at = (iso: string) => new Date(iso);

const attendance = (overrides: Partial<AttendanceRow> = {}): AttendanceRow => ({
  assignmentId: 'a1',
  orderId: 'o1',
  bapasId: 'b1',
  shiftId: 's1',
  siteId: 'site1',
  checkedInBy: 'k1',
  confirmedBy: 'k1',
  checkInAt: at('2026-11-16T22:00:00Z'),
  checkInReceivedAt: at('2026-11-16T22:05:00Z'),
  checkInDistanceMeters: null,
  checkInRadiusMeters: 300,
  checkOutAt: at('2026-11-17T02:00:00Z'),
  checkOutReceivedAt: at('2026-11-17T02:05:00Z'),
  checkOutDistanceMeters: null,
  checkOutRadiusMeters: 300,
  ...overrides,
});

const credit = (overrides: Partial<CreditRow> = {}): CreditRow => ({
  assignmentId: 'a1',
  orderId: 'o1',
  bapasId: 'b1',
  shiftId: 's1',
  confirmedBy: 'k1',
  signedOffBy: 'p1',
  signedOffAt: at('2026-11-20T01:00:00Z'),
  creditedMinutes: 240,
  ...overrides,
});

describe('misuse signals (R-29)', () => {
  it('R-19: a check-in past the radius and its tolerance fires; within the tolerance or without a position it does not', () => {
    expect(outsideRadius([attendance({ checkInDistanceMeters: 351 })], POLICY)).toHaveLength(1);
    expect(outsideRadius([attendance({ checkInDistanceMeters: 350 })], POLICY)).toEqual([]);
    expect(outsideRadius([attendance()], POLICY)).toEqual([]);
    const [signal] = outsideRadius([attendance({ checkOutDistanceMeters: 1900 })], POLICY);
    expect(signal).toEqual(
      expect.objectContaining({ kind: 'outside_radius', occurrence: 'assignment:a1', orderId: 'o1', bapasId: 'b1' }),
    );
    expect(signal.evidence.facts).toEqual(
      expect.objectContaining({ checkOutDistanceMeters: 1900, checkOutRadiusMeters: 300 }),
    );
    expect(signal.evidence.records).toEqual(expect.arrayContaining([{ type: 'assignment', id: 'a1' }]));
  });

  it('R-19: each record is judged by the radius it was measured against, whatever the site says now', () => {
    expect(outsideRadius([attendance({ checkInDistanceMeters: 351, checkInRadiusMeters: 400 })], POLICY)).toEqual([]);
    expect(
      outsideRadius(
        [attendance({ checkOutDistanceMeters: 351, checkInRadiusMeters: 400, checkOutRadiusMeters: 300 })],
        POLICY,
      ),
    ).toHaveLength(1);
  });

  it('R-19: attendance received 48 hours or more after the event fires, 47 does not', () => {
    const received = (hours: number) => new Date(at('2026-11-17T02:00:00Z').getTime() + hours * 3_600_000);
    expect(lateRecords([attendance({ checkOutReceivedAt: received(48) })], POLICY)).toHaveLength(1);
    expect(lateRecords([attendance({ checkOutReceivedAt: received(47.9) })], POLICY)).toEqual([]);
  });

  it('R-14: a pair signing 70% of a Bapas’s minutes in the window fires once per month; under the minimum it does not', () => {
    const now = at('2026-12-01T00:00:00Z');
    const rows = [
      credit({ assignmentId: 'a1', creditedMinutes: 900 }),
      credit({ assignmentId: 'a2', creditedMinutes: 500, confirmedBy: 'k2' }),
      credit({ assignmentId: 'a3', creditedMinutes: 480 }),
    ];
    const [signal, ...rest] = pairShares(rows, now, POLICY);
    expect(rest).toEqual([]);
    expect(signal.occurrence).toBe('b1:k1:p1:2026-12');
    expect(signal.evidence.facts).toEqual(expect.objectContaining({ pairMinutes: 1380, bapasMinutes: 1880 }));
    // 1380 of 1880 is 73%; at 74% it stays silent, and so does a Bapas with less than the minimum in the window.
    expect(pairShares(rows, now, { ...POLICY, pairSharePercent: 74 })).toEqual([]);
    expect(pairShares(rows.slice(0, 1), now, POLICY)).toEqual([]);
    expect(pairShares(rows, at('2027-01-15T00:00:00Z'), POLICY)).toEqual([]);
  });

  it('R-23: a credit on a date opened 72 hours or less before the shift fires', () => {
    const row = {
      assignmentId: 'a1',
      orderId: 'o1',
      bapasId: 'b1',
      shiftId: 's1',
      siteId: 'site1',
      date: '2026-08-25',
      startsAt: at('2026-08-24T23:00:00Z'),
      openedBy: 'admin',
    };
    expect(holidayOpened([{ ...row, openedAt: at('2026-08-23T23:00:00Z') }], POLICY)).toHaveLength(1);
    expect(holidayOpened([{ ...row, openedAt: at('2026-08-20T22:00:00Z') }], POLICY)).toEqual([]);
  });

  it('R-28: an account signing within 24 hours of its creation fires once, whatever it signed', () => {
    const row = {
      userId: 'u1',
      accountCreatedAt: at('2026-11-10T00:00:00Z'),
      assignmentId: 'a1',
      orderId: 'o1',
      bapasId: 'b1',
      act: 'signed_off' as const,
    };
    const drafts = newAccountSignatures(
      [
        { ...row, at: at('2026-11-10T12:00:00Z') },
        { ...row, assignmentId: 'a2', at: at('2026-11-10T13:00:00Z') },
        { ...row, assignmentId: 'a3', at: at('2026-11-12T13:00:00Z') },
      ],
      POLICY,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0].occurrence).toBe('user:u1');
    expect(drafts[0].evidence.facts.signatures).toBe(2);
    expect(newAccountSignatures([{ ...row, at: at('2026-11-11T00:00:01Z') }], POLICY)).toEqual([]);
    // Signed before the account existed (a migrated or seeded account): not this signal.
    expect(newAccountSignatures([{ ...row, at: at('2026-11-09T12:00:00Z') }], POLICY)).toEqual([]);
  });

  it('R-14: five shifts signed off within 15 minutes fire; a whole shift signed at once counts as one', () => {
    const minute = (m: number) => new Date(at('2026-11-20T01:00:00Z').getTime() + m * 60_000);
    const burst = [0, 2, 4, 6, 15].map((m, i) =>
      credit({ assignmentId: `a${i}`, shiftId: `s${i}`, signedOffAt: minute(m) }),
    );
    const [signal] = signOffBursts(burst, POLICY);
    expect(signal).toEqual(expect.objectContaining({ kind: 'sign_off_burst', occurrence: 'signer:p1:a0' }));
    expect(signal.evidence.facts).toEqual(expect.objectContaining({ shifts: 5, minutes: 15 }));
    // The same sign-offs give the same burst, in any order.
    expect(signOffBursts([...burst].reverse(), POLICY)).toEqual([signal]);
    expect(signOffBursts(burst.slice(0, 4), POLICY)).toEqual([]);
    const oneShift = [0, 1, 2, 3, 4].map((m, i) => credit({ assignmentId: `a${i}`, signedOffAt: minute(m) }));
    expect(signOffBursts(oneShift, POLICY)).toEqual([]);
    const spread = [0, 2, 4, 6, 16].map((m, i) =>
      credit({ assignmentId: `a${i}`, shiftId: `s${i}`, signedOffAt: minute(m) }),
    );
    expect(signOffBursts(spread, POLICY)).toEqual([]);
  });

  it('R-14: a reversal of at least the threshold fires, keyed by its ledger entry', () => {
    const row = {
      ledgerEntryId: 'l2',
      reversesId: 'l1',
      orderId: 'o1',
      bapasId: 'b1',
      assignmentId: 'a1',
      minutes: -30,
      createdAt: at('2026-11-20T01:00:00Z'),
      createdBy: 'p1',
    };
    expect(reversals([row], POLICY).map((d) => d.occurrence)).toEqual(['ledger:l2']);
    expect(reversals([row], { ...POLICY, reversalMinMinutes: 31 })).toEqual([]);
  });

  it('R-14: a credit confirmed by someone other than the coordinator on duty, or by no coordinator of the site, fires', () => {
    const row = { ...credit(), siteId: 'site1', onDutyId: null, confirmerCoordinatesSite: true };
    expect(coordinatorOffDuty([row])).toEqual([]);
    expect(coordinatorOffDuty([{ ...row, onDutyId: 'k1' }])).toEqual([]);
    expect(coordinatorOffDuty([{ ...row, onDutyId: 'k2' }])).toHaveLength(1);
    expect(coordinatorOffDuty([{ ...row, confirmerCoordinatesSite: false }])).toHaveLength(1);
  });
});
