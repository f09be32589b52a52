import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n.js';
import '../messages-more.js';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The tile URL the service was configured with (MAP_TILE_URL, written into index.html; its host is in the CSP). */
function tileUrl(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="bakti-map-tiles"]')?.content || DEFAULT_TILES;
}

export interface Position {
  lat: number;
  lng: number;
}

/**
 * A site on a map (Leaflet, loaded with the admin's site pages only): its position as a point and its roll-call
 * radius as a circle, both vectors, so they are drawn without any tile (an office network that can't reach the tile
 * server still sees them). With `onPick`, a click on the map sets the position; the fields next to it stay the
 * keyboard's way to set it.
 */
export function SiteMap({
  position,
  radiusMeters,
  onPick,
}: {
  position: Position | null;
  radiusMeters: number;
  onPick?: (p: Position) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const created = L.map(box.current!, { zoomControl: true, attributionControl: true });
    L.tileLayer(tileUrl(), {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    }).addTo(created);
    layers.current = L.layerGroup().addTo(created);
    created.on('click', (event: L.LeafletMouseEvent) =>
      pick.current?.({ lat: Number(event.latlng.lat.toFixed(6)), lng: Number(event.latlng.lng.toFixed(6)) }),
    );
    map.current = created;
    return () => created.remove();
  }, []);

  useEffect(() => {
    const current = map.current!;
    layers.current!.clearLayers();
    if (!position) {
      current.setView([-2.5, 118], 4);
      return;
    }
    const center = L.latLng(position.lat, position.lng);
    // The view first (the layers are drawn once the map has one), from the radius in metres.
    current.fitBounds(center.toBounds(Math.max(radiusMeters, 50) * 2), { maxZoom: 17, padding: [24, 24] });
    L.circle(center, { radius: radiusMeters || 1, color: '#0b5cad', weight: 2 }).addTo(layers.current!);
    L.circleMarker(center, { radius: 7, color: '#8a1c1c', fillOpacity: 1 }).addTo(layers.current!);
  }, [position?.lat, position?.lng, radiusMeters]);

  return (
    <figure class="site-map">
      <div ref={box} class="map" role="region" aria-label={t('map.label')} data-testid="site-map" />
      <figcaption class="sub">
        {position
          ? t('map.caption', { lat: position.lat.toFixed(5), lng: position.lng.toFixed(5), meters: radiusMeters })
          : t('map.none')}
        {onPick ? ` ${t('map.pickHint')}` : ''}
      </figcaption>
    </figure>
  );
}
