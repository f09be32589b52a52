import { groupBy } from '../common/collections.js';
import { distanceMeters, type LatLng } from '../common/geo.js';
import type { PlanSite } from './planning.types.js';

const METERS_PER_DEGREE_OF_LATITUDE = 111_000;

/** Sites in cells at least the reach wide, so the sites within reach of a home are in its cell's neighbourhood. */
export class SiteGrid {
  private readonly cells: Map<string, number[]>;
  private readonly latitudeCell: number;
  private readonly longitudeCell: number;

  constructor(
    private readonly sites: PlanSite[],
    private readonly maxTravelMeters: number,
  ) {
    const widestLatitude = Math.min(80, Math.max(0, ...sites.map((site) => Math.abs(site.location.lat))) + 1);
    this.latitudeCell = Math.max(maxTravelMeters, 1) / METERS_PER_DEGREE_OF_LATITUDE;
    this.longitudeCell = this.latitudeCell / Math.cos((widestLatitude * Math.PI) / 180);
    const indexes = sites.map((_, index) => index);
    this.cells = groupBy(indexes, (index) =>
      this.key(this.row(sites[index].location), this.column(sites[index].location)),
    );
  }

  /** Nearest first. */
  within(home: LatLng): { site: number; travelMeters: number }[] {
    const found: { site: number; travelMeters: number }[] = [];
    const row = this.row(home);
    const column = this.column(home);
    for (let r = row - 1; r <= row + 1; r++) {
      for (let c = column - 1; c <= column + 1; c++) {
        for (const site of this.cells.get(this.key(r, c)) ?? []) {
          const travelMeters = distanceMeters(home, this.sites[site].location);
          if (travelMeters <= this.maxTravelMeters) found.push({ site, travelMeters });
        }
      }
    }
    return found.sort((a, b) => a.travelMeters - b.travelMeters || a.site - b.site);
  }

  private row(point: LatLng): number {
    return Math.floor(point.lat / this.latitudeCell);
  }

  private column(point: LatLng): number {
    return Math.floor(point.lng / this.longitudeCell);
  }

  private key(row: number, column: number): string {
    return `${row}:${column}`;
  }
}
