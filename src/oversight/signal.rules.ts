import { groupBy } from '../common/collections.js';

/**
 * Misuse signals: records worth a second look, each a pure rule over rows the read model gives, with the
 * rule or SOP it serves, a POLICY threshold (src/config/app-config.ts, OVERSIGHT_*) and its evidence (ids of the
 * records). A signal is keyed by its kind and the occurrence it is about: the same occurrence found again is the
 * same signal, a new occurrence is a new one.
 */

export const SIGNAL_KINDS = [
  'outside_radius',
  'late_record',
  'pair_share',
  'holiday_opened',
  'new_account_sign_off',
  'sign_off_burst',
  'reversal',
  'coordinator_off_duty',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The rule or SOP each kind of signal serves. */
export const SIGNAL_RULES: Record<SignalKind, string> = {
  outside_radius: 'R-19',
  late_record: 'R-19',
  pair_share: 'R-14',
  holiday_opened: 'R-23',
  new_account_sign_off: 'R-28',
  sign_off_burst: 'R-14',
  reversal: 'R-14',
  coordinator_off_duty: 'R-14',
};

export const EVIDENCE_TYPES = ['assignment', 'order', 'ledger_entry', 'user', 'shift', 'site'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export interface EvidenceRecord {
  type: EvidenceType;
  id: string;
}

export interface Evidence {
  /** What was measured, next to the threshold it passed. */
  facts: Record<string, string | number | boolean | null>;
  records: EvidenceRecord[];
}

export interface SignalDraft {
  kind: SignalKind;
  occurrence: string;
  bapasId: string;
  orderId: string | null;
  occurredAt: Date;
  evidence: Evidence;
}

export interface SignalPolicy {
  radiusToleranceMeters: number;
  lateRecordHours: number;
  pairSharePercent: number;
  pairWindowDays: number;
  pairMinMinutes: number;
  holidayOpenedHours: number;
  newAccountHours: number;
  burstShifts: number;
  burstMinutes: number;
  reversalMinMinutes: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** An assignment as the roll-call recorded it. */
export interface AttendanceRow {
  assignmentId: string;
  orderId: string;
  bapasId: string;
  shiftId: string;
  siteId: string;
  checkedInBy: string | null;
  confirmedBy: string | null;
  checkInAt: Date | null;
  checkInReceivedAt: Date | null;
  checkInDistanceMeters: number | null;
  /** The radius the check-in's distance was measured against (the site may have been corrected since). */
  checkInRadiusMeters: number | null;
  checkOutAt: Date | null;
  checkOutReceivedAt: Date | null;
  checkOutDistanceMeters: number | null;
  checkOutRadiusMeters: number | null;
}

const attendanceRecords = (row: AttendanceRow): EvidenceRecord[] => [
  { type: 'assignment', id: row.assignmentId },
  { type: 'order', id: row.orderId },
  { type: 'shift', id: row.shiftId },
  { type: 'site', id: row.siteId },
  ...[row.checkedInBy, row.confirmedBy]
    .filter((id, i, all): id is string => id !== null && all.indexOf(id) === i)
    .map((id) => ({ type: 'user' as const, id })),
];

/**
 * a check-in or check-out recorded further than the site's radius plus the tolerance (GPS error), judged by
 * the distance and radius of its own measurement, not by the site as corrected since.
 */
export function outsideRadius(rows: AttendanceRow[], policy: SignalPolicy): SignalDraft[] {
  const past = (distance: number | null, radius: number | null) =>
    distance !== null && radius !== null && distance - radius > policy.radiusToleranceMeters;
  return rows.flatMap((row) => {
    const checkIn = past(row.checkInDistanceMeters, row.checkInRadiusMeters);
    const checkOut = past(row.checkOutDistanceMeters, row.checkOutRadiusMeters);
    if (!checkIn && !checkOut) return [];
    return [
      {
        kind: 'outside_radius' as const,
        occurrence: `assignment:${row.assignmentId}`,
        bapasId: row.bapasId,
        orderId: row.orderId,
        occurredAt: (checkIn ? row.checkInAt : row.checkOutAt) ?? new Date(0),
        evidence: {
          facts: {
            checkInDistanceMeters: row.checkInDistanceMeters,
            checkInRadiusMeters: row.checkInRadiusMeters,
            checkOutDistanceMeters: row.checkOutDistanceMeters,
            checkOutRadiusMeters: row.checkOutRadiusMeters,
            toleranceMeters: policy.radiusToleranceMeters,
          },
          records: attendanceRecords(row),
        },
      },
    ];
  });
}

/** attendance that reached the server long after the event it records (offline, or written up afterwards). */
export function lateRecords(rows: AttendanceRow[], policy: SignalPolicy): SignalDraft[] {
  const delayHours = (at: Date | null, received: Date | null) =>
    at && received ? Math.floor((received.getTime() - at.getTime()) / HOUR) : null;
  return rows.flatMap((row) => {
    const checkIn = delayHours(row.checkInAt, row.checkInReceivedAt);
    const checkOut = delayHours(row.checkOutAt, row.checkOutReceivedAt);
    const late = (hours: number | null) => hours !== null && hours >= policy.lateRecordHours;
    if (!late(checkIn) && !late(checkOut)) return [];
    return [
      {
        kind: 'late_record' as const,
        occurrence: `assignment:${row.assignmentId}`,
        bapasId: row.bapasId,
        orderId: row.orderId,
        occurredAt: (late(checkIn) ? row.checkInReceivedAt : row.checkOutReceivedAt)!,
        evidence: {
          facts: {
            checkInDelayHours: checkIn,
            checkOutDelayHours: checkOut,
            thresholdHours: policy.lateRecordHours,
          },
          records: attendanceRecords(row),
        },
      },
    ];
  });
}

/** A credited assignment: who confirmed it, who signed it off, when, and the minutes it still credits. */
export interface CreditRow {
  assignmentId: string;
  orderId: string;
  bapasId: string;
  shiftId: string;
  confirmedBy: string;
  signedOffBy: string;
  signedOffAt: Date;
  creditedMinutes: number;
}

/**
 * R-14 (two independent signatures): one coordinator-supervisor pair signs an unusual share of a Bapas's credited
 * minutes over the window before `now`. Once per pair and calendar month (UTC) of the scan.
 */
export function pairShares(rows: CreditRow[], now: Date, policy: SignalPolicy): SignalDraft[] {
  const from = now.getTime() - policy.pairWindowDays * 24 * HOUR;
  const inWindow = rows.filter((row) => row.signedOffAt.getTime() > from && row.signedOffAt <= now);
  const byBapas = groupBy(inWindow, (row) => row.bapasId);
  return [...byBapas].flatMap(([bapasId, credits]) => {
    const total = sum(credits.map((row) => row.creditedMinutes));
    if (total < policy.pairMinMinutes || total === 0) return [];
    const byPair = groupBy(credits, (row) => `${row.confirmedBy}:${row.signedOffBy}`);
    return [...byPair].flatMap(([pair, signed]) => {
      const minutes = sum(signed.map((row) => row.creditedMinutes));
      if (minutes * 100 < policy.pairSharePercent * total) return [];
      const [coordinatorId, supervisorId] = pair.split(':');
      return [
        {
          kind: 'pair_share' as const,
          occurrence: `${bapasId}:${pair}:${now.toISOString().slice(0, 7)}`,
          bapasId,
          orderId: null,
          occurredAt: now,
          evidence: {
            facts: {
              pairMinutes: minutes,
              bapasMinutes: total,
              sharePercent: Math.round((minutes * 100) / total),
              thresholdPercent: policy.pairSharePercent,
              windowDays: policy.pairWindowDays,
            },
            records: [
              { type: 'user' as const, id: coordinatorId },
              { type: 'user' as const, id: supervisorId },
              ...signed.map((row) => ({ type: 'assignment' as const, id: row.assignmentId })),
            ],
          },
        },
      ];
    });
  });
}

/** A credited assignment on a date an administrator opened for its site. */
export interface OpenedDateRow {
  assignmentId: string;
  orderId: string;
  bapasId: string;
  shiftId: string;
  siteId: string;
  date: string;
  startsAt: Date;
  openedAt: Date;
  openedBy: string;
}

/** hours credited on a holiday that an administrator opened for the site shortly before the shift. */
export function holidayOpened(rows: OpenedDateRow[], policy: SignalPolicy): SignalDraft[] {
  return rows
    .filter((row) => row.startsAt.getTime() - row.openedAt.getTime() <= policy.holidayOpenedHours * HOUR)
    .map((row) => ({
      kind: 'holiday_opened' as const,
      occurrence: `assignment:${row.assignmentId}`,
      bapasId: row.bapasId,
      orderId: row.orderId,
      occurredAt: row.startsAt,
      evidence: {
        facts: {
          date: row.date,
          hoursBetweenOpeningAndShift: Math.floor((row.startsAt.getTime() - row.openedAt.getTime()) / HOUR),
          thresholdHours: policy.holidayOpenedHours,
        },
        records: [
          { type: 'assignment' as const, id: row.assignmentId },
          { type: 'order' as const, id: row.orderId },
          { type: 'shift' as const, id: row.shiftId },
          { type: 'site' as const, id: row.siteId },
          { type: 'user' as const, id: row.openedBy },
        ],
      },
    }));
}

/** A signature (a confirmation or a sign-off) by an account, with when the account was created. */
export interface SignatureRow {
  userId: string;
  accountCreatedAt: Date;
  assignmentId: string;
  orderId: string;
  bapasId: string;
  act: 'confirmed' | 'signed_off';
  at: Date;
}

/** an account created and used to confirm or sign off within the threshold: one signal per account. */
export function newAccountSignatures(rows: SignatureRow[], policy: SignalPolicy): SignalDraft[] {
  const early = rows.filter((row) => {
    const age = row.at.getTime() - row.accountCreatedAt.getTime();
    return age >= 0 && age <= policy.newAccountHours * HOUR;
  });
  return [...groupBy(early, (row) => row.userId)].map(([userId, acts]) => {
    const sorted = [...acts].sort((a, b) => a.at.getTime() - b.at.getTime());
    const first = sorted[0];
    return {
      kind: 'new_account_sign_off' as const,
      occurrence: `user:${userId}`,
      bapasId: first.bapasId,
      orderId: first.orderId,
      occurredAt: first.at,
      evidence: {
        facts: {
          accountCreatedAt: first.accountCreatedAt.toISOString(),
          firstSignatureAt: first.at.toISOString(),
          signatures: sorted.length,
          thresholdHours: policy.newAccountHours,
        },
        records: [
          { type: 'user' as const, id: userId },
          ...sorted.map((row) => ({ type: 'assignment' as const, id: row.assignmentId })),
        ],
      },
    };
  });
}

/**
 * a supervisor signing off many shifts in a burst (a whole shift at once counts as one). Bursts are cut
 * from each signer's sign-offs in time order, each starting at the first sign-off not yet in one, so the same
 * sign-offs always give the same bursts.
 */
export function signOffBursts(rows: CreditRow[], policy: SignalPolicy): SignalDraft[] {
  const window = policy.burstMinutes * MINUTE;
  return [...groupBy(rows, (row) => row.signedOffBy)].flatMap(([signerId, signed]) => {
    const sorted = [...signed].sort(
      (a, b) => a.signedOffAt.getTime() - b.signedOffAt.getTime() || a.assignmentId.localeCompare(b.assignmentId),
    );
    const drafts: SignalDraft[] = [];
    for (let start = 0; start < sorted.length;) {
      const first = sorted[start];
      let end = start;
      while (end < sorted.length && sorted[end].signedOffAt.getTime() - first.signedOffAt.getTime() <= window) end++;
      const burst = sorted.slice(start, end);
      const shifts = new Set(burst.map((row) => row.shiftId)).size;
      if (shifts >= policy.burstShifts) {
        const last = burst[burst.length - 1];
        drafts.push({
          kind: 'sign_off_burst',
          occurrence: `signer:${signerId}:${first.assignmentId}`,
          bapasId: first.bapasId,
          orderId: null,
          occurredAt: first.signedOffAt,
          evidence: {
            facts: {
              shifts,
              signOffs: burst.length,
              minutes: Math.round((last.signedOffAt.getTime() - first.signedOffAt.getTime()) / MINUTE),
              thresholdShifts: policy.burstShifts,
              thresholdMinutes: policy.burstMinutes,
            },
            records: [
              { type: 'user', id: signerId },
              ...burst.map((row) => ({ type: 'assignment' as const, id: row.assignmentId })),
            ],
          },
        });
      }
      start = end;
    }
    return drafts;
  });
}

/** A reversing ledger entry with the credit it takes back. */
export interface ReversalRow {
  ledgerEntryId: string;
  reversesId: string;
  orderId: string;
  bapasId: string;
  assignmentId: string;
  minutes: number;
  createdAt: Date;
  createdBy: string;
}

/** every reversal of at least the threshold is worth a look (who reversed what, with the reason). */
export function reversals(rows: ReversalRow[], policy: SignalPolicy): SignalDraft[] {
  return rows
    .filter((row) => Math.abs(row.minutes) >= policy.reversalMinMinutes)
    .map((row) => ({
      kind: 'reversal' as const,
      occurrence: `ledger:${row.ledgerEntryId}`,
      bapasId: row.bapasId,
      orderId: row.orderId,
      occurredAt: row.createdAt,
      evidence: {
        facts: { minutes: row.minutes, thresholdMinutes: policy.reversalMinMinutes },
        records: [
          { type: 'ledger_entry' as const, id: row.ledgerEntryId },
          { type: 'ledger_entry' as const, id: row.reversesId },
          { type: 'assignment' as const, id: row.assignmentId },
          { type: 'order' as const, id: row.orderId },
          { type: 'user' as const, id: row.createdBy },
        ],
      },
    }));
}

/** A credited assignment with the shift's coordinator on duty and whether the confirming user coordinates the site. */
export interface DutyRow extends CreditRow {
  siteId: string;
  onDutyId: string | null;
  confirmerCoordinatesSite: boolean;
}

/** hours credited on a shift whose confirmation came from someone other than the coordinator on duty. */
export function coordinatorOffDuty(rows: DutyRow[]): SignalDraft[] {
  return rows
    .filter((row) => !row.confirmerCoordinatesSite || (row.onDutyId !== null && row.onDutyId !== row.confirmedBy))
    .map((row) => ({
      kind: 'coordinator_off_duty' as const,
      occurrence: `assignment:${row.assignmentId}`,
      bapasId: row.bapasId,
      orderId: row.orderId,
      occurredAt: row.signedOffAt,
      evidence: {
        facts: { creditedMinutes: row.creditedMinutes, confirmerCoordinatesSite: row.confirmerCoordinatesSite },
        records: [
          { type: 'assignment' as const, id: row.assignmentId },
          { type: 'order' as const, id: row.orderId },
          { type: 'shift' as const, id: row.shiftId },
          { type: 'site' as const, id: row.siteId },
          { type: 'user' as const, id: row.confirmedBy },
          ...(row.onDutyId ? [{ type: 'user' as const, id: row.onDutyId }] : []),
        ],
      },
    }));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
