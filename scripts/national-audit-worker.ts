/**
 * One part of the national audit trail, in a worker thread of its own (national-audit.ts starts one a core): the
 * shifts and assignments of its part (by the last byte of their id), the events the service writes for each, on
 * its own chains, hashed with the service's keyedHash and streamed to PostgreSQL by COPY on its own connection. A
 * chain is written by one worker alone, in its order, so the chain's seq follows it however the workers' rows
 * interleave. Before the last 1 % of its assignments it reports `paused` and waits for `resume` (its coordinator
 * then signs the checkpoint).
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { fingerprint } from '../src/audit/audit-hash.js';
import type { AssignmentState } from '../src/assignments/assignment.view.js';
import { toAssignmentView } from '../src/assignments/assignment.view.js';
import { NOT_ATTENDED } from '../src/assignments/booking.service.js';
import type { LedgerEntry } from '../src/ledger/ledger-entry.entity.js';
import { toLedgerView } from '../src/ledger/ledger.service.js';
import type { Shift } from '../src/shifts/shift.entity.js';
import { toShiftView } from '../src/shifts/shifts.service.js';
import { Chains, closeCopy, openCopy, type Change, type State } from './national-audit-chains.js';

export interface AuditPart {
  url: string;
  key: string;
  part: number;
  parts: number;
  /** Assignments (and shifts) of the part to write the trail of. */
  limit: number;
  shiftLimit: number;
  checkpointAfter: number;
  chains: number[];
  heads: [number, string][];
}

export type AuditWorkerMessage =
  | { kind: 'progress'; read: number; written: number; waited: number }
  | { kind: 'done'; read: number; written: number; waited: number; counts: [string, number][] }
  | { kind: 'paused' };

/** The part of a row: the last byte of its (random) id modulo the number of parts. */
export const PART_OF_ASSIGNMENT = `get_byte(uuid_send(id), 15) % $1`;

const BATCH = 5_000;
/** Events a COPY (a transaction): a stopped run keeps a committed prefix of each chain, every chain intact. */
const COMMIT = 1_000_000;

/** Times as the ISO text the service's events hold (toISOString). */
const iso = (column: string, alias = column.replace(/^\w+\./, '')) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${alias}`;

/** An assignment with its person's name and its ledger credit, columns as the entities name them. */
const ASSIGNMENTS = `
  SELECT a.id, a.order_id AS "orderId", a.person_id AS "personId", a.shift_id AS "shiftId", a.site_id AS "siteId",
         a.local_date::text AS "localDate", a.planned_minutes AS "plannedMinutes", a.status,
         a.check_in_lat AS "checkInLat", a.check_in_lng AS "checkInLng",
         a.check_in_distance_meters AS "checkInDistanceMeters", a.check_in_outside_radius AS "checkInOutsideRadius",
         a.checked_in_by AS "checkedInBy",
         a.check_out_lat AS "checkOutLat", a.check_out_lng AS "checkOutLng",
         a.check_out_distance_meters AS "checkOutDistanceMeters", a.check_out_outside_radius AS "checkOutOutsideRadius",
         a.penalty_minutes AS "penaltyMinutes",
         a.worked_minutes AS "workedMinutes", a.confirmation_note AS "confirmationNote", a.confirmed_by AS "confirmedBy",
         a.absence_reason AS "absenceReason", a.absence_recorded_by AS "absenceRecordedBy",
         a.absence_decision_reason AS "absenceDecisionReason", a.absence_decided_by AS "absenceDecidedBy",
         a.cancel_reason AS "cancelReason", a.cancelled_by AS "cancelledBy", a.credited_minutes AS "creditedMinutes",
         a.sign_off_note AS "signOffNote", a.signed_off_by AS "signedOffBy", a.created_by AS "createdBy",
         p.full_name AS "fullName", l.id AS "ledgerId", l.minutes AS "ledgerMinutes",
         ${iso('a.starts_at', '"startsAt"')}, ${iso('a.ends_at', '"endsAt"')}, ${iso('a.created_at', '"createdAt"')},
         ${iso('a.check_in_at', '"checkInAt"')}, ${iso('a.check_in_received_at', '"checkInReceivedAt"')},
         ${iso('a.check_out_at', '"checkOutAt"')}, ${iso('a.check_out_received_at', '"checkOutReceivedAt"')},
         ${iso('a.absence_recorded_at', '"absenceRecordedAt"')}, ${iso('a.absence_decided_at', '"absenceDecidedAt"')},
         ${iso('a.cancelled_at', '"cancelledAt"')}, ${iso('a.signed_off_at', '"signedOffAt"')},
         ${iso('a.no_show_flagged_at', '"noShowFlaggedAt"')}, ${iso('l.created_at', '"ledgerCreatedAt"')}
    FROM assignment a JOIN person p ON p.id = a.person_id
    LEFT JOIN ledger_entry l ON l.assignment_id = a.id AND l.kind = 'credit'
   WHERE get_byte(uuid_send(a.id), 15) % $1 = $2 LIMIT $3`;

type AssignmentRow = Record<keyof typeof NOT_ATTENDED | 'status', unknown> & {
  id: string;
  orderId: string;
  personId: string;
  shiftId: string;
  siteId: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  plannedMinutes: number;
  status: string;
  createdAt: string;
  createdBy: string;
  fullName: string;
  ledgerId: string | null;
  ledgerMinutes: number | null;
  ledgerCreatedAt: string | null;
  noShowFlaggedAt: string | null;
  checkInReceivedAt: string | null;
  checkOutReceivedAt: string | null;
  checkedInBy: string | null;
  confirmedBy: string | null;
  absenceRecordedAt: string | null;
  absenceRecordedBy: string | null;
  absenceDecidedAt: string | null;
  absenceDecidedBy: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
};

/** A shift as its row was when created: nobody booked yet. */
const SHIFTS = `
  SELECT id, site_id AS "siteId", date::text AS date, start_time::text AS "startTime", end_time::text AS "endTime",
         break_minutes AS "breakMinutes", capacity, 0 AS "bookedCount", coordinator_id AS "coordinatorId",
         planned_minutes AS "plannedMinutes", created_by AS "createdBy",
         ${iso('starts_at', '"startsAt"')}, ${iso('ends_at', '"endsAt"')}, ${iso('created_at', '"createdAt"')}
    FROM shift WHERE get_byte(uuid_send(id), 15) % $1 = $2 LIMIT $3`;

type ShiftRow = Record<keyof Shift, unknown> & { id: string; createdAt: string; createdBy: string };

async function writePart(job: AuditPart, port: NonNullable<typeof parentPort>): Promise<void> {
  const reader = new pg.Client({ connectionString: job.url });
  const writer = new pg.Client({ connectionString: job.url });
  await Promise.all([reader.connect(), writer.connect()]);
  await writer.query(`SET synchronous_commit = off`);
  await reader.query(`BEGIN ISOLATION LEVEL REPEATABLE READ`);
  const chains = new Chains(job.key, job.chains, job.heads);
  const names = new PersonNames(job.key);
  let copy = openCopy(writer);
  let lines = '';
  let batched = 0;
  let read = 0;
  let written = 0;
  let committed = 0;
  let waited = 0;
  let paused = false;
  const flush = async () => {
    if (written - committed >= COMMIT) {
      await closeCopy(copy);
      copy = openCopy(writer);
      committed = written - batched;
    }
    if (batched === 0) return;
    const chunk = lines;
    lines = '';
    batched = 0;
    if (!copy.write(chunk)) {
      const t = performance.now();
      await new Promise((resolve) => copy.once('drain', resolve));
      waited += performance.now() - t;
    }
  };
  const pause = async () => {
    if (paused) return;
    paused = true;
    await flush();
    await closeCopy(copy);
    committed = written;
    const resumed = new Promise((resolve) => port.once('message', resolve));
    port.postMessage({ kind: 'paused' } satisfies AuditWorkerMessage);
    await resumed;
    copy = openCopy(writer);
  };
  const record: Recorder = (at, changes) => {
    lines += chains.transaction(at, changes);
    batched += changes.length;
    written += changes.length;
  };
  const rows = async <Row>(name: string, sql: string, limit: number, each: (row: Row) => Promise<void>) => {
    await reader.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, [job.parts, job.part, limit]);
    const fetch = () => reader.query<Row & pg.QueryResultRow>(`FETCH 20000 FROM ${name}`);
    // The next rows are read while these are hashed.
    for (let next = fetch(); ;) {
      const { rows: batch } = await next;
      if (batch.length === 0) break;
      next = fetch();
      for (const row of batch) await each(row);
      port.postMessage({ kind: 'progress', read, written, waited } satisfies AuditWorkerMessage);
    }
  };
  await rows<ShiftRow>('shifts', SHIFTS, job.shiftLimit, async (shift) => {
    shiftTrail(shift, record);
    if (batched >= BATCH) await flush();
  });
  await rows<AssignmentRow>('assignments', ASSIGNMENTS, job.limit, async (a) => {
    if (read === job.checkpointAfter) await pause();
    assignmentTrail(a, names.of(a.personId, a.fullName), record);
    if (batched >= BATCH) await flush();
    read++;
  });
  await pause();
  await flush();
  await closeCopy(copy);
  await reader.query(`COMMIT`);
  await Promise.all([reader.end(), writer.end()]);
  port.postMessage({ kind: 'done', read, written, waited, counts: [...chains.counts] } satisfies AuditWorkerMessage);
}

/** One transaction's events, at its time. */
type Recorder = (at: string, changes: Change[]) => void;

/**
 * what the service keeps of a person's name in an assignment's view (AuditService.kept fingerprints it),
 * computed once a person: the views are built from plain text already, so nothing else of kept() changes them.
 */
class PersonNames {
  private readonly fingerprints = new Map<string, string>();
  constructor(private readonly key: string) {}
  of(personId: string, fullName: string): string {
    let kept = this.fingerprints.get(personId);
    if (kept === undefined) {
      kept = fingerprint(this.key, 'fullName', fullName);
      this.fingerprints.set(personId, kept);
    }
    return kept;
  }
}

/** ShiftsService.create: `shift.created` with the shift's view. */
function shiftTrail(shift: ShiftRow, record: Recorder): void {
  record(shift.createdAt, [
    {
      actorId: shift.createdBy,
      action: 'shift.created',
      entityType: 'shift',
      entityId: shift.id,
      after: toShiftView(shift as unknown as Shift) as unknown as State,
    },
  ]);
}

/**
 * An assignment's trail as the services write it, each step a transaction of its own with the assignment's view
 * before and after: booked (BookingService.book); no-show flagged (AttendanceChecksService); checked in, checked out,
 * absent (AttendanceService.record); credited with its ledger credit first in the same transaction
 * (SignOffService.signOff: LedgerService.credit, then `assignment.credited`); excused or unexcused
 * (SignOffService.decideAbsence); cancelled (BookingService.release).
 */
function assignmentTrail(a: AssignmentRow, personName: string, record: Recorder): void {
  let state: AssignmentRow = {
    ...a,
    ...NOT_ATTENDED,
    status: 'scheduled',
  };
  const view = () => toAssignmentView(state as unknown as AssignmentState, personName) as unknown as State;
  // A step's view before is the last one's after, the same object (Chains writes its JSON once).
  let current = view();
  /** A step to `status` setting the record's `columns`, after the `first` events of its transaction. */
  const step = (at: string, actorId: string | null, status: string, columns: Column[], first: Change[] = []) => {
    const before = current;
    state = { ...state, status, ...Object.fromEntries(columns.map((column) => [column, a[column]])) };
    current = view();
    const action = `assignment.${status}`;
    record(at, [...first, { actorId, action, entityType: 'assignment', entityId: a.id, before, after: current }]);
  };
  record(a.createdAt, [
    { actorId: a.createdBy, action: 'assignment.booked', entityType: 'assignment', entityId: a.id, after: current },
  ]);
  if (a.noShowFlaggedAt)
    record(a.noShowFlaggedAt, [
      {
        actorId: null,
        action: 'assignment.no_show_flagged',
        entityType: 'assignment',
        entityId: a.id,
        before: { status: 'scheduled', noShowFlaggedAt: null },
        after: { status: 'scheduled', noShowFlaggedAt: a.noShowFlaggedAt },
      },
    ]);
  if (a.checkInReceivedAt) step(a.checkInReceivedAt, a.checkedInBy, 'checked_in', CHECK_IN);
  if (a.checkOutReceivedAt) step(a.checkOutReceivedAt, a.confirmedBy, 'checked_out', CHECK_OUT);
  if (a.signedOffAt) step(a.signedOffAt, a.signedOffBy, 'credited', SIGN_OFF, a.ledgerId ? [ledgerCredited(a)] : []);
  if (a.absenceRecordedAt) step(a.absenceRecordedAt, a.absenceRecordedBy, 'absent', ABSENCE);
  if (a.absenceDecidedAt) step(a.absenceDecidedAt, a.absenceDecidedBy, a.status, DECISION);
  if (a.cancelledAt) {
    const before = current;
    const cancellation = { reason: a.cancelReason, by: a.cancelledBy, at: a.cancelledAt };
    record(a.cancelledAt, [
      {
        actorId: a.cancelledBy,
        action: 'assignment.cancelled',
        entityType: 'assignment',
        entityId: a.id,
        before,
        after: { ...before, status: 'cancelled', cancellation },
      },
    ]);
  }
}

type Column = keyof typeof NOT_ATTENDED;
/**
 * What each step sets of the assignment's row that its view shows (not the radius it was measured against: the
 * view leaves it out, and a year generated before those columns has none).
 */
const CHECK_IN: Column[] = [
  'checkInAt',
  'checkInReceivedAt',
  'checkInLat',
  'checkInLng',
  'checkInDistanceMeters',
  'checkInOutsideRadius',
  'checkedInBy',
];
const CHECK_OUT: Column[] = [
  'checkOutAt',
  'checkOutReceivedAt',
  'checkOutLat',
  'checkOutLng',
  'checkOutDistanceMeters',
  'checkOutOutsideRadius',
  'penaltyMinutes',
  'workedMinutes',
  'confirmationNote',
  'confirmedBy',
];
const SIGN_OFF: Column[] = ['creditedMinutes', 'signOffNote', 'signedOffBy', 'signedOffAt'];
const ABSENCE: Column[] = ['absenceReason', 'absenceRecordedBy', 'absenceRecordedAt'];
const DECISION: Column[] = ['absenceDecisionReason', 'absenceDecidedBy', 'absenceDecidedAt'];

/** LedgerService.credit: `ledger.credited` with the entry's view. */
function ledgerCredited(a: AssignmentRow): Change {
  const entry = {
    id: a.ledgerId,
    orderId: a.orderId,
    assignmentId: a.id,
    minutes: a.ledgerMinutes,
    kind: 'credit',
    reason: null,
    reversesId: null,
    createdAt: a.ledgerCreatedAt,
    createdBy: a.signedOffBy,
  };
  return {
    actorId: a.signedOffBy,
    action: 'ledger.credited',
    entityType: 'ledger_entry',
    entityId: a.ledgerId!,
    after: toLedgerView(entry as unknown as LedgerEntry) as unknown as State,
  };
}

if (parentPort) await writePart(workerData as AuditPart, parentPort);
