/**
 * Benchmark of the automatic planner (src/planning/planner.ts) on seeded instances: for each scale and load
 * (required hours ÷ capacity hours) one row with the planning time, the peak memory, the hard-rule violations an
 * independent validator finds, the share of required minutes booked, the gap to the exact optimum (HiGHS, at the
 * small scales) and its travel, the re-plan time after a no-show, and whether the same seed gave the same plan.
 * Prints its figures; it is not a test and asserts no speed.
 *
 *   npm run bench:planner                                          # XS, S, M and L at loads 0.5, 0.8 and 0.95
 *   BENCH_SCALES=XS,S BENCH_LOADS=0.8 npm run bench:planner        # smoke run
 *
 * Scales: XS 50 persons and 3 sites, S 200 and 10, M 5,000 and 200 (20 cities), L 50,000 and 2,000 (200 cities
 * over WIB, WITA and WIT). Each row runs in its own child process, so its peak memory (maxRSS, which includes
 * the instance) is its own. Generating the instance is not planning time.
 *
 * Environment: BENCH_SCALES (XS,S,M,L), BENCH_LOADS (0.5,0.8,0.95), BENCH_SEED (2026), BENCH_EXACT scales solved
 * exactly with HiGHS (XS,S; '' for none), BENCH_EXACT_SECONDS time limit of each HiGHS stage (180),
 * BENCH_NO_SHOWS no-shows re-planned per row (20).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report, type Outcome } from './bench-planner/report.js';
import { measureRow, type RowResult, type RowSettings } from './bench-planner/row.js';
import { scaleNamed } from './bench-planner/scales.js';

const SCALES = list('BENCH_SCALES', 'XS,S,M,L').map(scaleNamed);
const LOADS = list('BENCH_LOADS', '0.5,0.8,0.95').map(Number);
const SEED = positiveInt('BENCH_SEED', 2026);
const EXACT = list('BENCH_EXACT', 'XS,S');
const EXACT_SECONDS = positiveInt('BENCH_EXACT_SECONDS', 180);
const NO_SHOWS = positiveInt('BENCH_NO_SHOWS', 20);
const ROW_FLAG = '--row';

async function main(): Promise<void> {
  if (LOADS.some((load) => !(load > 0 && load <= 1))) throw new Error('BENCH_LOADS must be numbers in (0, 1]');
  if (process.argv[2] === ROW_FLAG) return runRow(process.argv[3], Number(process.argv[4]));
  const started = Date.now();
  step(
    `Seed ${SEED}; scales ${SCALES.map((scale) => scale.name).join(', ')}; loads ${LOADS.join(', ')}; exact at ${EXACT.join(', ') || 'none'}`,
  );
  const rows: Outcome[] = [];
  for (const scale of SCALES) {
    for (const load of LOADS) rows.push(await inChild(scale.name, load));
  }
  console.log();
  console.log(report(rows));
  console.log();
  step(`whole benchmark (after compiling): ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** One row in a child process of this same script: the child sends its result and exits. */
function inChild(scale: string, load: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let result: RowResult | null = null;
    const child = fork(fileURLToPath(import.meta.url), [ROW_FLAG, scale, String(load)]);
    child.on('message', (message) => (result = message as RowResult));
    child.on('exit', (code, signal) =>
      resolve(result ?? { scale, load, error: `child exited with ${signal ?? code}` }),
    );
  });
}

async function runRow(scaleName: string, load: number): Promise<void> {
  const settings: RowSettings = {
    seed: SEED,
    exact: EXACT.includes(scaleName),
    exactSeconds: EXACT_SECONDS,
    noShows: NO_SHOWS,
  };
  const result = await measureRow(scaleNamed(scaleName), load, settings, (message) =>
    step(`${scaleName} ${load}: ${message}`),
  );
  process.send?.(result, () => process.exit(0));
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function positiveInt(name: string, fallback: number): number {
  const value = process.env[name] ? Number(process.env[name]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function step(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
