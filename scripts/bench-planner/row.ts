import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PlannedBooking, PlanningProblem, PlanResult } from '../../src/planning/planning.types.js';
import { planInParallel, planWorkers } from '../../src/planning/parallel-planner.js';
import { replanOrder } from '../../src/planning/planner.js';
import type { SameDayPolicy } from '../../src/planning/same-day.rules.js';
import { solveExactly, type ExactPlan } from './exact.js';
import { generateInstance } from './instance.js';
import { afterNoShow } from './no-show.js';
import { countedMinutes, travelMetersOf } from './plan-value.js';
import { Random } from './random.js';
import type { Scale } from './scales.js';
import { validatePlan, type Violation } from './validator.js';

export interface RowSettings {
  seed: number;
  sameDay: SameDayPolicy;
  exact: boolean;
  exactSeconds: number;
  noShows: number;
  /** The first planning without the warm-up a service's planner threads do at boot. */
  cold: boolean;
}

/** Everything measured for one scale and load, in one process. */
export interface RowResult {
  scale: string;
  load: number;
  seed: number;
  sameDay: SameDayPolicy;
  limitMs: number | null;
  /** The machine's 1-minute load average before and after planning (os.loadavg()). */
  loadAverage: [number, number];
  /** CPU time of this process while planning (user + system, all its threads). */
  planCpuMs: number;
  persons: number;
  sites: number;
  shifts: number;
  requiredMinutes: number;
  instanceMegabytes: number;
  planMs: number;
  /** The second planning of the same instance in this process (warm: compiled, worker threads kept). */
  againMs: number;
  peakMegabytes: number;
  violations: Found;
  countedMinutes: number;
  /** What the planner says it counted and travelled: should equal ours. */
  reported: { countedMinutes: number; travelMeters: number };
  upperBoundMinutes: number;
  travelMeters: number;
  shortfalls: Record<string, number>;
  /** Orders the plan completes, and of those the ones whose last booking leaves 10% of the period to spare. */
  completed: { orders: number; withSpare: number };
  samePlan: boolean;
  replan: Replan;
  exact: Exact | null;
}

/** How many violations, and the first few to show. */
export interface Found {
  count: number;
  first: Violation[];
}

interface Replan {
  samples: number;
  medianMs: number;
  maxMs: number;
  maxMoved: number;
  violations: Found;
}

interface Exact extends Omit<ExactPlan, 'bookings'> {
  violations: Found;
  countedMinutes: number;
}

const megabytes = () => process.resourceUsage().maxRSS / 1024;

export async function measureRow(
  scale: Scale,
  load: number,
  settings: RowSettings,
  step: (message: string) => void,
): Promise<RowResult> {
  // The planner's threads warm up as a service's do at boot (PlanningModule), unless BENCH_COLD is set; planning
  // starts once they have, as in a service that has booted.
  if (!settings.cold) planWorkers.start();
  const { problem, requiredMinutes, capacityMinutes } = await generateInstance(
    scale,
    load,
    settings.seed,
    settings.sameDay,
  );
  await planWorkers.warm();
  const instanceMegabytes = megabytes();
  step(
    `instance: ${problem.orders.length} orders, ${problem.shifts.length} shifts, load ${(requiredMinutes / capacityMinutes).toFixed(3)}`,
  );

  const loadBefore = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  const plan = await planInParallel(problem);
  const planMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const loadAverage: [number, number] = [loadBefore, loadavg()[0]];
  const peakMegabytes = megabytes();
  step(
    `planned in ${planMs.toFixed(0)} ms (limit ${scale.limitMs ?? '–'}, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, load ${loadAverage.map((x) => x.toFixed(1)).join(' → ')}): ${plan.bookings.length} bookings`,
  );
  const violations = found(validatePlan(problem, plan.bookings));
  step(`validated: ${violations.count} violations`);

  // The same instance planned again in this process, as a running service plans its second request: the planner
  // compiled, its worker threads kept.
  const twin = (await generateInstance(scale, load, settings.seed, settings.sameDay)).problem;
  started = performance.now();
  const again = await planInParallel(twin);
  const againMs = performance.now() - started;
  step(`planned again in ${againMs.toFixed(0)} ms`);
  const samePlan = canonical(again.bookings) === canonical(plan.bookings);

  const replan = measureReplans(problem, plan, settings);
  step(`re-planned ${replan.samples} no-shows: median ${replan.medianMs.toFixed(1)} ms`);

  let exact: Exact | null = null;
  if (settings.exact) {
    started = performance.now();
    const { bookings, ...solution } = await solveExactly(problem, settings.exactSeconds);
    exact = {
      ...solution,
      violations: found(validatePlan(problem, bookings)),
      countedMinutes: countedMinutes(problem, bookings),
    };
    step(
      `exact plan in ${((performance.now() - started) / 1000).toFixed(1)} s: ${solution.columns} columns, ${solution.rows} rows`,
    );
  }

  return {
    scale: scale.name,
    load,
    seed: settings.seed,
    sameDay: settings.sameDay,
    limitMs: scale.limitMs,
    loadAverage,
    planCpuMs: (cpu.user + cpu.system) / 1000,
    persons: problem.orders.length,
    sites: problem.sites.length,
    shifts: problem.shifts.length,
    requiredMinutes,
    instanceMegabytes,
    planMs,
    againMs,
    peakMegabytes,
    violations,
    countedMinutes: countedMinutes(problem, plan.bookings),
    reported: { countedMinutes: plan.plannedMinutes, travelMeters: plan.travelMeters },
    upperBoundMinutes: plan.upperBoundMinutes,
    travelMeters: travelMetersOf(plan.bookings),
    shortfalls: shortfallsByKind(plan),
    completed: {
      orders: plan.outcomes.filter((outcome) => outcome.shortfall === null && outcome.needMinutes > 0).length,
      withSpare: plan.outcomes.filter(
        (outcome) => outcome.shortfall === null && outcome.needMinutes > 0 && outcome.withSpare,
      ).length,
    },
    samePlan,
    replan,
    exact,
  };
}

/**
 * Orders with bookings, drawn at random: the first booking of each is missed and the order re-planned. The merged
 * plan (current minus the missed booking, with the re-plan's moves and new bookings) is validated as a whole; the
 * bookings the re-plan made or moved must also start after the no-show was flagged.
 */
function measureReplans(problem: PlanningProblem, plan: PlanResult, settings: RowSettings): Replan {
  const booked = [...new Set(plan.bookings.map((booking) => booking.orderId))];
  const sample = new Random(settings.seed, 'no-shows').shuffle(booked).slice(0, settings.noShows);
  const times: number[] = [];
  const violations: Violation[] = [];
  let maxMoved = 0;
  for (const orderId of sample) {
    const noShow = afterNoShow(problem, plan.bookings, orderId);
    const started = performance.now();
    const replanned = replanOrder(noShow.problem, noShow.remaining, orderId);
    times.push(performance.now() - started);
    maxMoved = Math.max(maxMoved, replanned.moved);
    const movedFrom = new Set(replanned.moves.map((move) => `${move.from.orderId} ${move.from.shiftId}`));
    const unchanged = noShow.remaining.filter((booking) => !movedFrom.delete(`${booking.orderId} ${booking.shiftId}`));
    violations.push(
      ...[...movedFrom].map((booking) => ({ rule: 'replan.moved_unknown_booking', description: booking })),
      ...validatePlan(
        { ...problem, now: noShow.problem.now },
        [...unchanged, ...replanned.moves.map((move) => move.to), ...replanned.bookings],
        new Set(unchanged),
      ),
    );
  }
  return {
    samples: sample.length,
    medianMs: median(times),
    maxMs: Math.max(...times),
    maxMoved,
    violations: found(violations),
  };
}

function found(violations: Violation[]): Found {
  return { count: violations.length, first: violations.slice(0, 5) };
}

function shortfallsByKind(plan: PlanResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { shortfall } of plan.outcomes) if (shortfall) counts[shortfall.kind] = (counts[shortfall.kind] ?? 0) + 1;
  return counts;
}

/** The same bookings in any order are the same plan. */
function canonical(bookings: PlannedBooking[]): string {
  return bookings
    .map((booking) => `${booking.orderId} ${booking.shiftId}`)
    .sort()
    .join('\n');
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
