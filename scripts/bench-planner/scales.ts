/**
 * How big an instance is: about 10 sites and 250 persons per city (a small city at XS). The `mixed` family has
 * 4- and 8-hour shifts, crews of 4 to 15; `two_shifts` two 4-hour shifts every day and scarce seats (1 or 2).
 */
export interface Scale {
  name: string;
  persons: number;
  sites: number;
  cities: number;
  family: 'mixed' | 'two_shifts';
  days: number;
  /** The aim for the planning time, printed next to it. */
  limitMs: number | null;
}

export const SCALES: Record<string, Scale> = {
  XS: { name: 'XS', persons: 50, sites: 3, cities: 1, family: 'mixed', days: 182, limitMs: null },
  S: { name: 'S', persons: 200, sites: 10, cities: 1, family: 'mixed', days: 182, limitMs: null },
  M: { name: 'M', persons: 5_000, sites: 200, cities: 20, family: 'mixed', days: 182, limitMs: 1_500 },
  L: { name: 'L', persons: 50_000, sites: 2_000, cities: 200, family: 'mixed', days: 182, limitMs: 10_000 },
  XS2: { name: 'XS2', persons: 50, sites: 3, cities: 1, family: 'two_shifts', days: 180, limitMs: null },
  S2: { name: 'S2', persons: 200, sites: 10, cities: 1, family: 'two_shifts', days: 180, limitMs: 300 },
};

export function scaleNamed(name: string): Scale {
  const scale = SCALES[name];
  if (!scale) throw new Error(`Unknown scale ${name}: use one of ${Object.keys(SCALES).join(', ')}`);
  return scale;
}
