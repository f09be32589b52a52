/** How big an instance is: about 10 sites and 250 persons per city (a small city at XS). */
export interface Scale {
  name: string;
  persons: number;
  sites: number;
  cities: number;
}

export const SCALES: Record<string, Scale> = {
  XS: { name: 'XS', persons: 50, sites: 3, cities: 1 },
  S: { name: 'S', persons: 200, sites: 10, cities: 1 },
  M: { name: 'M', persons: 5_000, sites: 200, cities: 20 },
  L: { name: 'L', persons: 50_000, sites: 2_000, cities: 200 },
};

export function scaleNamed(name: string): Scale {
  const scale = SCALES[name];
  if (!scale) throw new Error(`Unknown scale ${name}: use one of ${Object.keys(SCALES).join(', ')}`);
  return scale;
}
