import { performance } from 'node:perf_hooks';
import highsLoader, { type Highs, type Model } from 'highs';
import type { PlannedBooking, PlanningProblem } from '../../src/planning/planning.types.js';
import { bookingOf, candidates } from './candidates.js';
import { bookingColumn, countedColumn, exactModelText } from './exact-model.js';

export interface ExactStage {
  status: string;
  objective: number;
  /** HiGHS's relative MIP gap: 0 when proven optimal. */
  gap: number;
  seconds: number;
}

export interface ExactPlan {
  columns: number;
  rows: number;
  nonzeros: number;
  lpMegabytes: number;
  /** HiGHS's WebAssembly memory once both stages ran: it only grows. */
  wasmMegabytes: number;
  /** Stage 1: the most minutes any plan can count. */
  counted: ExactStage;
  /** Stage 2: the least travel among plans that count that many. */
  travel: ExactStage;
  bookings: PlannedBooking[];
}

// The package declares its ESM build with CommonJS-format types, so under nodenext TypeScript takes the default
// import for the module object; Node gives the loader function itself.
const loadHighs = highsLoader as unknown as typeof highsLoader.default;

/**
 * Proving the least travel to the metre takes HiGHS minutes at S while it is within a few metres in seconds:
 * 1e-6 is about 10 m over 10,000 km.
 */
const TRAVEL_RELATIVE_GAP = 1e-6;

/** Both stages within the time limit each; a stage that hits it reports the best plan found and its gap. */
export async function solveExactly(problem: PlanningProblem, timeLimitSeconds: number): Promise<ExactPlan> {
  const allowed = candidates(problem);
  const text = exactModelText(problem, allowed);
  const highs = await loadHighs();
  return highs.withModel({ format: 'lp', data: text }, (model) => {
    // Minutes are whole numbers: a gap under one proves the most counted minutes.
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    const { numCols, numRows, numNonzeros } = model.getDimensions();
    const columnOf = new Map(Array.from({ length: numCols }, (_, column) => [model.getColName(column), column]));
    const bookingColumns = allowed.map((_, i) => columnOf.get(bookingColumn(i)) as number);
    const countedColumns = problem.orders
      .map((_, k) => columnOf.get(countedColumn(k)))
      .filter((column) => column !== undefined);

    const counted = runStage(highs, model);
    const start = model.getSolution().colValue;
    model.changeObjectiveSense(highs.constants.objectiveSense.minimize);
    const travelCost = new Float64Array(numCols);
    bookingColumns.forEach((column, i) => (travelCost[column] = allowed[i].travelMeters));
    model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, travelCost);
    model.addRow(counted.objective - 0.5, highs.infinity, {
      indices: countedColumns,
      values: countedColumns.map(() => 1),
    });
    model.setSolution({ colValue: start });
    model.options.set('mip_rel_gap', TRAVEL_RELATIVE_GAP);
    model.zeroAllClocks();
    const travel = runStage(highs, model);
    const chosen = model.getSolution().colValue;
    return {
      columns: numCols,
      rows: numRows,
      nonzeros: numNonzeros,
      lpMegabytes: text.length / 2 ** 20,
      wasmMegabytes: highs.memoryBytes / 2 ** 20,
      counted,
      travel,
      bookings: allowed.filter((_, i) => chosen[bookingColumns[i]] > 0.5).map(bookingOf),
    };
  });
}

function runStage(highs: Highs, model: Model): ExactStage {
  const started = performance.now();
  const { modelStatus } = model.run();
  const seconds = (performance.now() - started) / 1000;
  const status =
    Object.entries(highs.constants.modelStatus).find(([, code]) => code === modelStatus)?.[0] ?? String(modelStatus);
  if (model.info.get('primal_solution_status') !== highs.constants.solutionStatus.feasible)
    throw new Error(`HiGHS found no feasible plan (${status})`);
  return { status, objective: model.getObjectiveValue(), gap: Number(model.info.get('mip_gap')), seconds };
}
