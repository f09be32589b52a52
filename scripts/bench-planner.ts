/**
 * Benchmark of the automatic planner (src/planning/planner.ts) on seeded instances: for each seed, scale, load
 * (required hours ÷ capacity hours) and same-day POLICY one row with the planning time next to its aim, the
 * machine's load average and the CPU time, the peak memory, the hard-rule violations an
 * independent validator finds, the share of required minutes booked, the gap to the exact optimum (HiGHS, at the
 * small scales) and its travel, the re-plan time after a no-show, and whether the same seed gave the same plan.
 * Prints its figures; it is not a test and asserts no speed.
 *
 *   npm run bench:planner                                          # every scale, load, seed and policy
 *   BENCH_SCALES=XS,S BENCH_LOADS=0.8 BENCH_SEEDS=2026 npm run bench:planner   # smoke run
 *   BENCH_SCALES=M,L BENCH_LOADS=0.8 BENCH_POLICIES=same_site BENCH_EXACT= npm run bench:planner   # the timing aims
 *
 * Scales: XS 50 persons and 3 sites, S 200 and 10, M 5,000 and 200 (20 cities), L 50,000 and 2,000 (200 cities
 * over WIB, WITA and WIT), with 4- and 8-hour shifts over 182 days; XS2 and S2 as XS and S with two 4-hour shifts
 * every day and 1 or 2 seats each, over 180 days. Each row runs in its own child process, so its peak memory (maxRSS, which includes
 * the instance) is its own. Generating the instance is not planning time.
 *
 * Environment: BENCH_SCALES (XS,S,M,L,XS2,S2), BENCH_LOADS (0.5,0.8,0.95), BENCH_SEEDS (2026,7,99), BENCH_POLICIES
 * (same_site,one_shift), BENCH_EXACT scales solved exactly with HiGHS (XS,S,XS2; '' for none) at the first
 * seed, BENCH_EXACT_SECONDS time limit of each HiGHS stage (180),
 * BENCH_NO_SHOWS no-shows re-planned per row (20), BENCH_COLD=1 to plan first without the warm-up that a service's
 * planner threads do at boot (PlanningModule; a row starts them before it generates its instance).
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { report, type Outcome } from './bench-planner/report.js';
import { measureRow, type RowResult, type RowSettings } from './bench-planner/row.js';
import { scaleNamed } from './bench-planner/scales.js';
import { SAME_DAY_POLICIES, type SameDayPolicy } from '../src/planning/same-day.rules.js';
import { positiveInt } from './script-support.js';

const SCALES = list('BENCH_SCALES', 'XS,S,M,L,XS2,S2').map(scaleNamed);
const LOADS = list('BENCH_LOADS', '0.5,0.8,0.95').map(Number);
const SEEDS = list('BENCH_SEEDS', '2026,7,99').map(Number);
const POLICIES = list('BENCH_POLICIES', SAME_DAY_POLICIES.join(',')) as SameDayPolicy[];
const EXACT = list('BENCH_EXACT', 'XS,S,XS2');
const EXACT_SECONDS = positiveInt('BENCH_EXACT_SECONDS', 180);
const NO_SHOWS = positiveInt('BENCH_NO_SHOWS', 20);
const COLD = process.env.BENCH_COLD === '1';
const ROW_FLAG = '--row';

async function main(): Promise<void> {
  if (LOADS.some((load) => !(load > 0 && load <= 1))) throw new Error('BENCH_LOADS must be numbers in (0, 1]');
  if (SEEDS.some((seed) => !Number.isInteger(seed) || seed < 1))
    throw new Error('BENCH_SEEDS must be positive integers');
  if (POLICIES.some((policy) => !SAME_DAY_POLICIES.includes(policy)))
    throw new Error(`BENCH_POLICIES must be among ${SAME_DAY_POLICIES.join(', ')}`);
  if (process.argv[2] === ROW_FLAG) {
    const [scale, load, seed, policy] = process.argv.slice(3);
    return runRow(scale, Number(load), Number(seed), policy as SameDayPolicy);
  }
  const started = Date.now();
  step(
    `Seeds ${SEEDS.join(', ')}; scales ${SCALES.map((scale) => scale.name).join(', ')}; loads ${LOADS.join(', ')}; policies ${POLICIES.join(', ')}; exact at ${EXACT.join(', ') || 'none'} (seed ${SEEDS[0]}); first plannings ${COLD ? 'cold' : 'after the warm-up of the threads at boot'}; ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const rows: Outcome[] = [];
  for (const scale of SCALES)
    for (const load of LOADS)
      for (const seed of SEEDS) for (const policy of POLICIES) rows.push(await inChild(scale.name, load, seed, policy));
  console.log();
  console.log(report(rows));
  console.log();
  step(`whole benchmark (after compiling): ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** One row in a child process of this same script: the child sends its result and exits. */
function inChild(scale: string, load: number, seed: number, policy: SameDayPolicy): Promise<Outcome> {
  return new Promise((resolve) => {
    let result: RowResult | null = null;
    const child = fork(fileURLToPath(import.meta.url), [ROW_FLAG, scale, String(load), String(seed), policy]);
    child.on('message', (message) => (result = message as RowResult));
    child.on('exit', (code, signal) =>
      resolve(result ?? { scale, load, seed, sameDay: policy, error: `child exited with ${signal ?? code}` }),
    );
  });
}

async function runRow(scaleName: string, load: number, seed: number, sameDay: SameDayPolicy): Promise<void> {
  const settings: RowSettings = {
    seed,
    sameDay,
    exact: EXACT.includes(scaleName) && seed === SEEDS[0],
    exactSeconds: EXACT_SECONDS,
    noShows: NO_SHOWS,
    cold: COLD,
  };
  const result = await measureRow(scaleNamed(scaleName), load, settings, (message) =>
    step(`${scaleName} ${load} seed ${seed} ${sameDay}: ${message}`),
  );
  process.send?.(result, () => process.exit(0));
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function step(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
