/**
 * One part of the national audit trail, in a worker thread of its own (national-audit.ts starts one a core): the
 * assignments of its part (by the last byte of their id), their events on its own chains, hashed with the
 * service's keyedHash and streamed to PostgreSQL by COPY on its own connection. A chain is written by one worker
 * alone, in its order, so the chain's seq follows it however the workers' rows interleave. Before the last 1 % of
 * its assignments it reports `paused` and waits for `resume` (its coordinator then signs the checkpoint).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { keyedHash } from '../src/audit/audit-hash.js';

export interface AuditPart {
  url: string;
  key: string;
  part: number;
  parts: number;
  /** Assignments of the part to write the trail of. */
  limit: number;
  checkpointAfter: number;
  chains: number[];
  heads: [number, string][];
}

export type AuditWorkerMessage =
  { kind: 'progress' | 'done'; read: number; written: number; waited: number } | { kind: 'paused' };

/** The part of an assignment: the last byte of its (random) id modulo the number of parts. */
export const PART_OF_ASSIGNMENT = `get_byte(uuid_send(id), 15) % $1`;

const BATCH = 5_000;
/** Events a COPY (a transaction): a stopped run keeps a committed prefix of each chain, every chain intact. */
const COMMIT = 1_000_000;

/** An assignment's columns, its times as the ISO text the service's events hold (toISOString). */
interface AssignmentRow {
  id: string;
  status: string;
  shift_id: string;
  order_id: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
  created_by: string;
  check_in_received_at: string | null;
  checked_in_by: string | null;
  check_out_received_at: string | null;
  confirmed_by: string | null;
  absence_recorded_at: string | null;
  absence_recorded_by: string | null;
  absence_decided_at: string | null;
  absence_decided_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  signed_off_at: string | null;
  signed_off_by: string | null;
}

interface Event {
  id: string;
  chain: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: State | null;
  after: State | null;
  prevHash: string | null;
}

const TIMES = [
  'starts_at',
  'ends_at',
  'created_at',
  'check_in_received_at',
  'check_out_received_at',
  'absence_recorded_at',
  'absence_decided_at',
  'cancelled_at',
  'signed_off_at',
];
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

async function writePart(job: AuditPart, port: NonNullable<typeof parentPort>): Promise<void> {
  const reader = new pg.Client({ connectionString: job.url });
  const writer = new pg.Client({ connectionString: job.url });
  await Promise.all([reader.connect(), writer.connect()]);
  await writer.query(`SET synchronous_commit = off`);
  await reader.query(`BEGIN ISOLATION LEVEL REPEATABLE READ`);
  await reader.query(
    `DECLARE trail NO SCROLL CURSOR FOR
     SELECT id, status, shift_id, order_id, created_by, checked_in_by, confirmed_by, absence_recorded_by,
            absence_decided_by, cancelled_by, signed_off_by, ${TIMES.map(iso).join(', ')}
       FROM assignment WHERE ${PART_OF_ASSIGNMENT} = $2 LIMIT $3`,
    [job.parts, job.part, job.limit],
  );
  const lastHash = new Map<number, string>(job.heads);
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
  const add: Add = (entityId, at, actorId, action, before, after) => {
    const chain = job.chains[randomInt(job.chains.length)];
    const event: Event = {
      id: randomUUID(),
      chain,
      at,
      actorId,
      action,
      entityType: 'assignment',
      entityId,
      before,
      after,
      prevHash: lastHash.get(chain) ?? null,
    };
    const hash = keyedHash(job.key, event);
    lastHash.set(chain, hash);
    lines += copyLine(event, hash);
    batched++;
    written++;
  };
  const fetch = () => reader.query<AssignmentRow>(`FETCH 20000 FROM trail`);
  // The next rows are read while these are hashed.
  for (let next = fetch(); ;) {
    const { rows } = await next;
    if (rows.length === 0) break;
    next = fetch();
    for (const a of rows) {
      if (read === job.checkpointAfter) await pause();
      trailOf(a, add);
      if (batched >= BATCH) await flush();
      read++;
    }
    port.postMessage({ kind: 'progress', read, written, waited } satisfies AuditWorkerMessage);
  }
  await pause();
  await flush();
  await closeCopy(copy);
  await reader.query(`COMMIT`);
  await Promise.all([reader.end(), writer.end()]);
  port.postMessage({ kind: 'done', read, written, waited } satisfies AuditWorkerMessage);
}

const AUDIT_COLUMNS = 'id, chain, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash';

function openCopy(db: pg.Client): Writable {
  return db.query(copyFrom(`COPY audit_event (${AUDIT_COLUMNS}) FROM STDIN`));
}

async function closeCopy(copy: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    copy.once('finish', resolve);
    copy.once('error', reject);
    copy.end();
  });
}

/**
 * One row in COPY's text format: tab-separated, \N for NULL. Only the JSON can hold COPY's escape character (a
 * backslash; JSON has no raw tab or line break); the other fields are ids, times, hashes and action names.
 */
function copyLine(e: Event, hash: string): string {
  return (
    `${e.id}\t${e.chain}\t${e.at}\t${e.actorId ?? '\\N'}\t${e.action}\t${e.entityType}\t${e.entityId}\t` +
    `${copyJson(e.before)}\t${copyJson(e.after)}\t${e.prevHash ?? '\\N'}\t${hash}\n`
  );
}

const copyJson = (value: State | null) => (value === null ? '\\N' : JSON.stringify(value).replaceAll('\\', '\\\\'));

/** An event of an assignment's trail, as the service would have recorded it. */
type Add = (
  entityId: string,
  at: string,
  actorId: string | null,
  action: string,
  before: State | null,
  after: State,
) => void;
type State = Record<string, unknown>;

/** The trail of an assignment: booked, checked in and out, credited; absent, decided; cancelled. */
function trailOf(a: AssignmentRow, add: Add): void {
  add(a.id, a.created_at, a.created_by, 'assignment.booked', null, {
    status: 'scheduled',
    orderId: a.order_id,
    shiftId: a.shift_id,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    plannedMinutes: 240,
  });
  if (a.check_in_received_at)
    add(
      a.id,
      a.check_in_received_at,
      a.checked_in_by,
      'assignment.checked_in',
      { status: 'scheduled' },
      { status: 'checked_in', checkInAt: a.starts_at, distanceMeters: 3, outsideRadius: false },
    );
  if (a.check_out_received_at)
    add(
      a.id,
      a.check_out_received_at,
      a.confirmed_by,
      'assignment.checked_out',
      { status: 'checked_in' },
      { status: 'checked_out', checkOutAt: a.ends_at, penaltyMinutes: 0, workedMinutes: 240 },
    );
  if (a.signed_off_at)
    add(
      a.id,
      a.signed_off_at,
      a.signed_off_by,
      'assignment.credited',
      { status: 'checked_out' },
      { status: 'credited', creditedMinutes: 240 },
    );
  if (a.absence_recorded_at)
    add(
      a.id,
      a.absence_recorded_at,
      a.absence_recorded_by,
      'assignment.absent',
      { status: 'scheduled' },
      { status: 'absent', reason: 'Sakit' },
    );
  if (a.absence_decided_at)
    add(
      a.id,
      a.absence_decided_at,
      a.absence_decided_by,
      `assignment.${a.status}`,
      { status: 'absent' },
      { status: a.status, reason: 'Surat dokter' },
    );
  if (a.cancelled_at)
    add(
      a.id,
      a.cancelled_at,
      a.cancelled_by,
      'assignment.cancelled',
      { status: 'scheduled' },
      { status: 'cancelled', reason: 'Jadwal diubah' },
    );
}

if (parentPort) await writePart(workerData as AuditPart, parentPort);
