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
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
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
  for (;;) {
    const { rows } = await reader.query<AssignmentRow>(`FETCH 20000 FROM trail`);
    if (rows.length === 0) break;
    for (const a of rows) {
      if (read === job.checkpointAfter) await pause();
      for (const event of trailOf(a)) {
        const chain = job.chains[randomInt(job.chains.length)];
        const full: Event = { id: randomUUID(), chain, ...event, prevHash: lastHash.get(chain) ?? null };
        const hash = keyedHash(job.key, full);
        lastHash.set(chain, hash);
        lines += copyLine(full, hash);
        batched++;
        written++;
      }
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

/** One row in COPY's text format: tab-separated, \N for NULL, backslash, tab and line breaks escaped. */
function copyLine(e: Event, hash: string): string {
  const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));
  return (
    [
      e.id,
      e.chain,
      e.at,
      e.actorId,
      e.action,
      e.entityType,
      e.entityId,
      json(e.before),
      json(e.after),
      e.prevHash,
      hash,
    ]
      .map((value) => (value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, escapeCopy)))
      .join('\t') + '\n'
  );
}

const escapeCopy = (c: string) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!;

function trailOf(a: AssignmentRow): Omit<Event, 'chain' | 'prevHash' | 'id'>[] {
  const base = { entityType: 'assignment', entityId: a.id };
  const events: Omit<Event, 'chain' | 'prevHash' | 'id'>[] = [
    {
      ...base,
      at: a.created_at,
      actorId: a.created_by,
      action: 'assignment.booked',
      before: null,
      after: {
        status: 'scheduled',
        orderId: a.order_id,
        shiftId: a.shift_id,
        startsAt: a.starts_at,
        endsAt: a.ends_at,
        plannedMinutes: 240,
      },
    },
  ];
  if (a.check_in_received_at)
    events.push({
      ...base,
      at: a.check_in_received_at,
      actorId: a.checked_in_by,
      action: 'assignment.checked_in',
      before: { status: 'scheduled' },
      after: { status: 'checked_in', checkInAt: a.starts_at, distanceMeters: 3, outsideRadius: false },
    });
  if (a.check_out_received_at)
    events.push({
      ...base,
      at: a.check_out_received_at,
      actorId: a.confirmed_by,
      action: 'assignment.checked_out',
      before: { status: 'checked_in' },
      after: { status: 'checked_out', checkOutAt: a.ends_at, penaltyMinutes: 0, workedMinutes: 240 },
    });
  if (a.signed_off_at)
    events.push({
      ...base,
      at: a.signed_off_at,
      actorId: a.signed_off_by,
      action: 'assignment.credited',
      before: { status: 'checked_out' },
      after: { status: 'credited', creditedMinutes: 240 },
    });
  if (a.absence_recorded_at)
    events.push({
      ...base,
      at: a.absence_recorded_at,
      actorId: a.absence_recorded_by,
      action: 'assignment.absent',
      before: { status: 'scheduled' },
      after: { status: 'absent', reason: 'Sakit' },
    });
  if (a.absence_decided_at)
    events.push({
      ...base,
      at: a.absence_decided_at,
      actorId: a.absence_decided_by,
      action: `assignment.${a.status}`,
      before: { status: 'absent' },
      after: { status: a.status, reason: 'Surat dokter' },
    });
  if (a.cancelled_at)
    events.push({
      ...base,
      at: a.cancelled_at,
      actorId: a.cancelled_by,
      action: 'assignment.cancelled',
      before: { status: 'scheduled' },
      after: { status: 'cancelled', reason: 'Jadwal diubah' },
    });
  return events;
}

if (parentPort) await writePart(workerData as AuditPart, parentPort);
