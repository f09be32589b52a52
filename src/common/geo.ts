export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_METERS = 6_371_000;

/** Great-circle (haversine) distance, rounded to whole metres. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h))));
}

/**
 * a location outside the site's radius is recorded and flagged, with the radius it was measured against; no
 * location is not flagged.
 */
export function locationFlag(
  site: LatLng & { radiusMeters: number },
  at?: LatLng | null,
): { distanceMeters: number | null; radiusMeters: number | null; outsideRadius: boolean } {
  if (!at) return { distanceMeters: null, radiusMeters: null, outsideRadius: false };
  const distance = distanceMeters(site, at);
  return { distanceMeters: distance, radiusMeters: site.radiusMeters, outsideRadius: distance > site.radiusMeters };
}
