import { groupBy } from '../../src/common/collections.js';
import type { RowResult } from './row.js';

/** A row that could not be measured: its child process failed. */
export interface FailedRow {
  scale: string;
  load: number;
  seed: number;
  sameDay: string;
  error: string;
}

export type Outcome = RowResult | FailedRow;

const isFailed = (row: Outcome): row is FailedRow => 'error' in row;
const NONE = '–';
const SHORTFALL_KINDS = ['no_home', 'bound', 'shared_capacity'];

/** The benchmark's tables in markdown, with notes on anything that needs a second look. */
export function report(rows: Outcome[]): string {
  const measured = rows.filter((row): row is RowResult => !isFailed(row));
  return [
    markdownTable(
      [
        'scale',
        'load',
        'seed',
        'same day',
        'persons',
        'sites',
        'shifts',
        'required h',
        'first plan ms',
        'limit ms',
        'again ms (warm)',
        'CPU ms',
        'load avg',
        'peak MB',
        'violations plan / re-plan',
        'booked %',
        'upper bound %',
        'exact %',
        'gap min',
        'travel vs exact',
        're-plan ms (median / max)',
        'max moved',
        'completed with 10% spare',
        'same plan',
      ],
      rows.map((row) =>
        isFailed(row)
          ? [row.scale, String(row.load), String(row.seed), row.sameDay, `failed: ${row.error}`]
          : planRow(row),
      ),
    ),
    '',
    ...policyTable(measured),
    ...exactTable(measured.filter((row) => row.exact)),
    '',
    'Orders with a shortfall, by kind; instance MB is the peak before planning.',
    '',
    markdownTable(
      ['scale', 'load', 'seed', 'same day', 'orders', ...SHORTFALL_KINDS, 'instance MB', 're-plans'],
      measured.map((row) => [
        row.scale,
        String(row.load),
        String(row.seed),
        row.sameDay,
        String(row.persons),
        ...SHORTFALL_KINDS.map((kind) => String(row.shortfalls[kind] ?? 0)),
        row.instanceMegabytes.toFixed(0),
        String(row.replan.samples),
      ]),
    ),
    ...notes(measured),
  ].join('\n');
}

function planRow(row: RowResult): string[] {
  const exact = row.exact;
  return [
    row.scale,
    String(row.load),
    String(row.seed),
    row.sameDay,
    String(row.persons),
    String(row.sites),
    String(row.shifts),
    hours(row.requiredMinutes),
    row.planMs.toFixed(0),
    row.limitMs === null ? NONE : `${row.limitMs} ${row.planMs <= row.limitMs ? '✓' : '✗'}`,
    row.limitMs === null
      ? row.againMs.toFixed(0)
      : `${row.againMs.toFixed(0)} ${row.againMs <= row.limitMs ? '✓' : '✗'}`,
    row.planCpuMs.toFixed(0),
    row.loadAverage.map((x) => x.toFixed(1)).join(' → '),
    row.peakMegabytes.toFixed(0),
    `${row.violations.count} / ${row.replan.violations.count}`,
    percent(row.countedMinutes, row.requiredMinutes),
    percent(row.upperBoundMinutes, row.requiredMinutes),
    exact ? percent(exact.counted.objective, row.requiredMinutes) : NONE,
    exact ? String(Math.round(exact.counted.objective) - row.countedMinutes) : NONE,
    exact ? signedPercent(row.travelMeters / exact.travel.objective - 1) : NONE,
    row.replan.samples ? `${row.replan.medianMs.toFixed(1)} / ${row.replan.maxMs.toFixed(1)}` : NONE,
    row.replan.samples ? String(row.replan.maxMoved) : NONE,
    percent(row.completed.withSpare, row.completed.orders),
    row.samePlan ? 'yes' : 'no',
  ];
}

/** The booked share of required minutes under each same-day policy, for the instances run under both. */
function policyTable(rows: RowResult[]): string[] {
  const key = (row: RowResult) => `${row.scale} ${row.load} ${row.seed}`;
  const pairs = [...groupBy(rows, key).values()].flatMap((group) => {
    const sameSite = group.find((row) => row.sameDay === 'same_site');
    const oneShift = group.find((row) => row.sameDay === 'one_shift');
    return sameSite && oneShift ? [{ sameSite, oneShift }] : [];
  });
  if (pairs.length === 0) return [];
  return [
    'Same-day POLICY: booked % of the required minutes under each (exact % where HiGHS ran).',
    '',
    markdownTable(
      ['scale', 'load', 'seed', 'same_site %', 'one_shift %', 'difference', 'exact same_site %', 'exact one_shift %'],
      pairs.map(({ sameSite, oneShift }) => [
        sameSite.scale,
        String(sameSite.load),
        String(sameSite.seed),
        percent(sameSite.countedMinutes, sameSite.requiredMinutes),
        percent(oneShift.countedMinutes, oneShift.requiredMinutes),
        `+${percent(sameSite.countedMinutes - oneShift.countedMinutes, sameSite.requiredMinutes)}`,
        sameSite.exact ? percent(sameSite.exact.counted.objective, sameSite.requiredMinutes) : NONE,
        oneShift.exact ? percent(oneShift.exact.counted.objective, oneShift.requiredMinutes) : NONE,
      ]),
    ),
    '',
  ];
}

function exactTable(rows: RowResult[]): string[] {
  if (rows.length === 0) return ['No exact plans: no scale of BENCH_EXACT was run.'];
  return [
    'Exact plans (HiGHS): stage 1 the most counted minutes, stage 2 the least travel at that value.',
    '',
    markdownTable(
      [
        'scale',
        'load',
        'same day',
        'columns',
        'rows',
        'nonzeros',
        'LP MB',
        'WASM MB',
        'stage 1 s',
        'stage 1',
        'stage 2 s',
        'stage 2',
        'violations',
      ],
      rows.map(exactRow),
    ),
  ];
}

function exactRow(row: RowResult): string[] {
  const exact = row.exact as NonNullable<RowResult['exact']>;
  const stage = ({ status, gap }: { status: string; gap: number }) => `${status}, gap ${gap.toExponential(1)}`;
  return [
    row.scale,
    String(row.load),
    row.sameDay,
    String(exact.columns),
    String(exact.rows),
    String(exact.nonzeros),
    exact.lpMegabytes.toFixed(1),
    exact.wasmMegabytes.toFixed(0),
    exact.counted.seconds.toFixed(1),
    stage(exact.counted),
    exact.travel.seconds.toFixed(1),
    stage(exact.travel),
    String(exact.violations.count),
  ];
}

/** What disagrees, and the first violations of each row. */
function notes(rows: RowResult[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const label = `${row.scale} ${row.load} seed ${row.seed} ${row.sameDay}`;
    if (row.reported.countedMinutes !== row.countedMinutes) {
      lines.push(
        `- ${label}: the planner reports ${row.reported.countedMinutes} counted minutes, the bookings count ${row.countedMinutes}`,
      );
    }
    if (row.reported.travelMeters !== row.travelMeters) {
      lines.push(
        `- ${label}: the planner reports ${row.reported.travelMeters} m of travel, the bookings add up to ${row.travelMeters}`,
      );
    }
    if (row.upperBoundMinutes < row.countedMinutes) lines.push(`- ${label}: the upper bound is below the plan`);
    if (row.exact && Math.round(row.exact.counted.objective) !== row.exact.countedMinutes) {
      lines.push(
        `- ${label}: HiGHS's value ${row.exact.counted.objective} ≠ its bookings' ${row.exact.countedMinutes}`,
      );
    }
    if (row.exact && row.upperBoundMinutes < Math.round(row.exact.counted.objective)) {
      lines.push(`- ${label}: the planner's upper bound ${row.upperBoundMinutes} is below the exact optimum`);
    }
    const samples = [
      ...row.violations.first.map((v) => `plan: ${v.rule} ${v.description}`),
      ...row.replan.violations.first.map((v) => `re-plan: ${v.rule} ${v.description}`),
      ...(row.exact?.violations.first ?? []).map((v) => `exact: ${v.rule} ${v.description}`),
    ];
    for (const sample of samples.slice(0, 5)) lines.push(`- ${label}: ${sample}`);
  }
  return lines.length ? ['', 'Notes:', ...lines] : [];
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const hours = (minutes: number) => Math.round(minutes / 60).toLocaleString('en-US');
const percent = (part: number, whole: number) => ((100 * part) / whole).toFixed(1);
const signedPercent = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(100 * ratio).toFixed(1)}%`;
