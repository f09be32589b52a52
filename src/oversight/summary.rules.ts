/** The regional summary's arithmetic: pure, so the figures can be checked by hand. */

/** The nearest-rank percentile (PostgreSQL's percentile_disc): the smallest value with at least p of them at or below. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(Math.ceil(p * sorted.length) - 1, 0)];
}

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}
