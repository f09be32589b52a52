/**
 * The national audit trail, written in parallel: a worker thread a core (national-audit-worker.ts), each with
 * its part of the assignments and its own chains (chain % parts = part), hashing with the service's keyedHash
 * and streaming by COPY. The table's secondary indexes and unique constraints are dropped for the bulk and
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
import { PART_OF_ASSIGNMENT, type AuditPart, type AuditWorkerMessage } from './national-audit-worker.js';
import { NATIONAL } from './national-world.js';

/** NATIONAL_AUDIT_WORKERS: the worker threads hashing the trail (one a core). */
const WORKERS = Number(process.env.NATIONAL_AUDIT_WORKERS ?? os.availableParallelism());

/** The trail of `share` of the assignments; returns the number of events written. */
export async function auditEvents(url: string, share: number): Promise<number> {
  if (!(Number.isInteger(WORKERS) && WORKERS >= 1 && WORKERS <= AUDIT_CHAINS))
    throw new Error(`NATIONAL_AUDIT_WORKERS must be an integer from 1 to ${AUDIT_CHAINS}`);
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: url });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET maintenance_work_mem = '1GB'`);
    const heads = await db.query<{ chain: number; hash: string }>(
      `SELECT DISTINCT ON (chain) chain, hash FROM audit_event ORDER BY chain, seq DESC`,
    );
    const sizes = await db.query<{ part: number; rows: number }>(
      `SELECT ${PART_OF_ASSIGNMENT} AS part, count(*)::int AS rows FROM assignment GROUP BY 1`,
      [WORKERS],
    );
    const indexes = await dropIndexes(db, 'audit_event');
    since = performance.now();
    const workers = Array.from({ length: WORKERS }, (_, part) => {
      const limit = Math.round((sizes.rows.find((size) => size.part === part)?.rows ?? 0) * share);
      const chains = Array.from({ length: AUDIT_CHAINS }, (__, chain) => chain).filter((c) => c % WORKERS === part);
      const job: AuditPart = {
        url,
        key: config.AUDIT_KEY,
        part,
        parts: WORKERS,
        limit,
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
    await Promise.all(workers.map((worker) => worker.done));
    return report(true);
  } finally {
    await db.end();
  }
}

type Progress = Exclude<AuditWorkerMessage, { kind: 'paused' }>;
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
  let done!: (message: Progress) => void;
  const pausedPromise = new Promise<void>((resolve) => (paused = resolve));
  const donePromise = new Promise<Progress>((resolve) => (done = resolve));
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
  const dataSource = await new DataSource(dataSourceOptions(url, 'bakti-national')).initialize();
  try {
    await new AuditCheckpoints(
      new AuditEventRepository(dataSource),
      new FixedClock(new Date(NATIONAL.now)),
      config,
    ).write();
  } finally {
    await dataSource.destroy();
  }
}
