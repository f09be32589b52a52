/**
 * The national audit trail, the events the service writes for each record: first the setup's, persons' and
 * orders' (national-audit-setup.ts, here), then in parallel a worker thread a core (national-audit-worker.ts),
 * each with its part of the shifts and assignments and its own chains (chain % parts = part), hashing with the
 * service's keyedHash and streaming by COPY. The table's secondary indexes and unique constraints are dropped for the bulk and
 * rebuilt when every worker has written all but its last 1 % (a sort each, not 20 million random inserts); the
 * service's checkpoint is then signed and the last 1 % streamed with the indexes in place.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AUDIT_CHAINS } from '../src/audit/audit.service.js';
import { AuditCheckpoints } from '../src/audit/audit-checkpoints.service.js';
import { AuditEventRepository } from '../src/audit/audit-event.repository.js';
import { FixedClock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { dropIndexes, fmt, restoreIndexes, timed } from './national-bulk.js';
import { Chains } from './national-audit-chains.js';
import { setupTrail } from './national-audit-setup.js';
import { PART_OF_ASSIGNMENT, type AuditPart, type AuditWorkerMessage } from './national-audit-worker.js';
import { NATIONAL } from './national-world.js';

/** NATIONAL_AUDIT_WORKERS: the worker threads hashing the trail (one a core). */
const WORKERS = Number(process.env.NATIONAL_AUDIT_WORKERS ?? os.availableParallelism());

/**
 * The trail of the setup, persons and orders, and of `share` of the shifts and assignments; prints the events
 * of each action and returns the number written.
 */
export async function auditEvents(url: string, share: number): Promise<number> {
  if (!(Number.isInteger(WORKERS) && WORKERS >= 1 && WORKERS <= AUDIT_CHAINS))
    throw new Error(`NATIONAL_AUDIT_WORKERS must be an integer from 1 to ${AUDIT_CHAINS}`);
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET maintenance_work_mem = '1GB'`);
    const indexes = await dropIndexes(db, 'audit_event');
    since = performance.now();
    const first = new Chains(
      config.AUDIT_KEY,
      Array.from({ length: AUDIT_CHAINS }, (_, chain) => chain),
    );
    await timed('  agencies, users, agreements, sites, persons, orders', () =>
      withDataSource(url, (dataSource) => setupTrail(dataSource, db, first, config.AUDIT_KEY)),
    );
    const heads = await db.query<{ chain: number; hash: string }>(
      `SELECT DISTINCT ON (chain) chain, hash FROM audit_event ORDER BY chain, seq DESC`,
    );
    const sizes = await db.query<{ part: number; rows: number; shifts: number }>(
      `SELECT part, sum(rows)::int AS rows, sum(shifts)::int AS shifts
         FROM (SELECT ${PART_OF_ASSIGNMENT} AS part, 1 AS rows, 0 AS shifts FROM assignment
               UNION ALL SELECT ${PART_OF_ASSIGNMENT}, 0, 1 FROM shift) r GROUP BY part`,
      [WORKERS],
    );
    const workers = Array.from({ length: WORKERS }, (_, part) => {
      const size = sizes.rows.find((row) => row.part === part);
      const limit = Math.round((size?.rows ?? 0) * share);
      const chains = Array.from({ length: AUDIT_CHAINS }, (__, chain) => chain).filter((c) => c % WORKERS === part);
      const job: AuditPart = {
        url,
        key: config.AUDIT_KEY,
        part,
        parts: WORKERS,
        limit,
        shiftLimit: Math.round((size?.shifts ?? 0) * share),
        checkpointAfter: Math.floor(limit * 0.99),
        chains,
        heads: heads.rows.filter((head) => chains.includes(head.chain)).map((head) => [head.chain, head.hash]),
      };
      return startWorker(job);
    });
    await Promise.all(workers.map((worker) => worker.paused));
    await timed(`  ${indexes.length} indexes and keys of audit_event rebuilt`, () => restoreIndexes(db, indexes));
    await writeCheckpoint(url);
    for (const worker of workers) worker.resume();
    const done = await Promise.all(workers.map((worker) => worker.done));
    const counts = new Map(first.counts);
    for (const [action, n] of done.flatMap((part) => part.counts)) counts.set(action, (counts.get(action) ?? 0) + n);
    for (const [action, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${action}: ${n}`);
    return report(true) + [...first.counts.values()].reduce((sum, n) => sum + n, 0);
  } finally {
    await db.end();
  }
}

type Progress = Exclude<AuditWorkerMessage, { kind: 'paused' }>;
type Done = Extract<AuditWorkerMessage, { kind: 'done' }>;
const progress = new Map<number, Progress>();
let since = 0;
let reported = 0;

/** A worker on its part: when it has paused before its last 1 %, and when it is done. */
function startWorker(job: AuditPart) {
  // A young generation of 96 MB (V8's default is a few): most of what a worker allocates dies young, and the
  // scavenges of a small one were a third of its time.
  const worker = new Worker(new URL('./national-audit-worker.js', import.meta.url), {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`audit worker ${job.part} stopped (exit code ${code})`)));
  });
  let paused!: () => void;
  let done!: (message: Done) => void;
  const pausedPromise = new Promise<void>((resolve) => (paused = resolve));
  const donePromise = new Promise<Done>((resolve) => (done = resolve));
  worker.on('message', (message: AuditWorkerMessage) => {
    if (message.kind === 'paused') return paused();
    progress.set(job.part, message);
    if (message.kind === 'done') done(message);
    else report();
  });
  return {
    paused: Promise.race([pausedPromise, failed]),
    done: Promise.race([donePromise, failed]),
    resume: () => worker.postMessage('resume'),
  };
}

/**
 * A line every half a million assignments and at the end: events a second, and how long the streams waited for
 * PostgreSQL. Returns the events written.
 */
function report(last = false): number {
  const all = [...progress.values()];
  const read = all.reduce((sum, part) => sum + part.read, 0);
  if (read - reported < 500_000 && !last) return 0;
  reported = read;
  const written = all.reduce((sum, part) => sum + part.written, 0);
  const waited = all.reduce((sum, part) => sum + part.waited, 0);
  console.log(
    `  ${read} assignments, ${written} events, ${fmt((written / (performance.now() - since)) * 1000, 0)} events/s, ` +
      `${fmt(waited / 1000)} s waiting for PostgreSQL`,
  );
  return written;
}

/** The service's own checkpoint writer, so the incremental verification starts from a real signed checkpoint. */
async function writeCheckpoint(url: string): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url });
  await withDataSource(url, async (dataSource) => {
    await new AuditCheckpoints(
      new AuditEventRepository(dataSource),
      new FixedClock(new Date(NATIONAL.now)),
      config,
    ).write();
  });
}

async function withDataSource(url: string, work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(url, 'bakti-national')).initialize();
  try {
    await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
