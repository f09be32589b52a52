import type { LatLng } from '../../src/common/geo.js';
import type { Random } from './random.js';

/** */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

export interface City {
  centre: LatLng;
  timezone: TimeZone;
}

/** Rough longitude bands of WIB, WITA and WIT. */
const LONGITUDES: Record<TimeZone, { west: number; east: number }> = {
  'Asia/Jakarta': { west: 95.5, east: 114 },
  'Asia/Makassar': { west: 115.5, east: 125 },
  'Asia/Jayapura': { west: 127, east: 140.5 },
};
/** About 55 km between neighbouring cities: no home is within reach of another city's sites. */
const CITY_SPACING_DEGREES = 0.5;
const SOUTHMOST_LATITUDE = -8.5;
const JAKARTA: LatLng = { lat: -6.2, lng: 106.82 };
const METERS_PER_DEGREE = 111_320;

/** One city is Jakarta; more are laid on a grid, in turn in each time zone. */
export function cities(count: number): City[] {
  if (count === 1) return [{ centre: JAKARTA, timezone: 'Asia/Jakarta' }];
  return Array.from({ length: count }, (_, k) => {
    const timezone = TIME_ZONES[k % TIME_ZONES.length];
    const { west, east } = LONGITUDES[timezone];
    const columns = Math.floor((east - west) / CITY_SPACING_DEGREES) + 1;
    const slot = Math.floor(k / TIME_ZONES.length);
    return {
      timezone,
      centre: {
        lat: SOUTHMOST_LATITUDE + Math.floor(slot / columns) * CITY_SPACING_DEGREES,
        lng: west + (slot % columns) * CITY_SPACING_DEGREES,
      },
    };
  });
}

/** A point uniformly spread over the disc of that radius around the centre. */
export function scatter(random: Random, centre: LatLng, radiusMeters: number): LatLng {
  const distance = radiusMeters * Math.sqrt(random.next());
  const angle = 2 * Math.PI * random.next();
  const north = distance * Math.sin(angle);
  const east = distance * Math.cos(angle);
  return {
    lat: centre.lat + north / METERS_PER_DEGREE,
    lng: centre.lng + east / (METERS_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180)),
  };
}
