import { distanceMeters, locationFlag } from './geo.js';

// Balai Kota Ambon, roughly.
const site = { lat: -3.6954, lng: 128.1814, radiusMeters: 150 };

describe('distanceMeters', () => {
  it('R-19 is zero between a point and itself', () => {
    expect(distanceMeters(site, site)).toBe(0);
  });

  it('R-19 measures one degree of latitude as about 111.2 km, in whole metres', () => {
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBe(111_195);
  });

  it('R-19 measures one degree of longitude on the equator like one of latitude, and is symmetric', () => {
    const a = { lat: 0, lng: 128 };
    const b = { lat: 0, lng: 129 };
    expect(distanceMeters(a, b)).toBe(111_195);
    expect(distanceMeters(b, a)).toBe(111_195);
  });

  it('R-19 measures Jakarta to Ambon as roughly 2,340 km (great circle)', () => {
    const monas = { lat: -6.1754, lng: 106.8272 };
    const distance = distanceMeters(monas, site);
    expect(distance).toBeGreaterThan(2_300_000);
    expect(distance).toBeLessThan(2_400_000);
    expect(Number.isInteger(distance)).toBe(true);
  });
});

describe('locationFlag', () => {
  it('R-19 records no distance and raises no flag when the device gave no location', () => {
    expect(locationFlag(site)).toEqual({ distanceMeters: null, radiusMeters: null, outsideRadius: false });
  });

  it('R-19 does not flag a location inside the radius', () => {
    const nearby = { lat: site.lat + 0.001, lng: site.lng };
    expect(locationFlag(site, nearby)).toEqual({
      distanceMeters: 111,
      radiusMeters: site.radiusMeters,
      outsideRadius: false,
    });
  });

  it('R-19 does not flag a location exactly on the radius', () => {
    const nearby = { lat: site.lat + 0.001, lng: site.lng };
    expect(locationFlag({ ...site, radiusMeters: 111 }, nearby).outsideRadius).toBe(false);
  });

  it('R-19 flags a location outside the radius and records its distance', () => {
    const farAway = { lat: site.lat + 0.01, lng: site.lng };
    expect(locationFlag(site, farAway)).toEqual({
      distanceMeters: 1112,
      radiusMeters: site.radiusMeters,
      outsideRadius: true,
    });
    expect(locationFlag({ ...site, radiusMeters: 110 }, { lat: site.lat + 0.001, lng: site.lng }).outsideRadius).toBe(
      true,
    );
  });
});
