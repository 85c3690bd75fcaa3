// The offline base of every map in the app: Yantai's district outlines and names from the bundled GeoJSON, and the
// optional tile layer the officer's setting names, added only when one of its tiles can be fetched.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { currentDistrictCode, districtName } from '@shared/domain/districts';
import outlinesText from '../../../../resources/yantai-districts.geojson?raw';

export type TileStatus = 'off' | 'checking' | 'on' | 'unreachable';

/** Where the tile-server URL template is kept on this machine (set on the map page). */
const TILE_URL_KEY = 'onevisit.map.tileUrl';

export function storedTileUrl(): string {
  return window.localStorage.getItem(TILE_URL_KEY) ?? '';
}

export function storeTileUrl(url: string): void {
  window.localStorage.setItem(TILE_URL_KEY, url.trim());
}

/**
 * Text for a Leaflet tooltip, popup or icon. Leaflet writes a string there as HTML, so data (an enterprise's name) goes
 * in as an element whose text is set, never parsed.
 */
export function textElement(text: string, dataset: Record<string, string> = {}): HTMLSpanElement {
  const span = document.createElement('span');
  span.textContent = text;
  Object.assign(span.dataset, dataset);
  return span;
}

type Outlines = GeoJSON.FeatureCollection<GeoJSON.Geometry, { name: string; cp?: [number, number] }>;
let parsedOutlines: Outlines | undefined;

/** Adds the district outlines and one label per current district; returns the outline layer (for its bounds). */
export function addDistrictOutlines(m: L.Map): { layer: L.GeoJSON; features: number } {
  // Parsed once for every map the app opens: Leaflet only reads them.
  const outlines = (parsedOutlines ??= JSON.parse(outlinesText) as Outlines);
  const layer = L.geoJSON(outlines, { style: { color: '#1f4e99', weight: 1.5, fillColor: '#dbe7f7', fillOpacity: 0.35 } }).addTo(m);
  // One label per current district (蓬莱市 and 长岛县 are labelled together as 蓬莱区, at 蓬莱's centre).
  const labelled = new Set<string>();
  for (const feature of outlines.features) {
    const code = currentDistrictCode(String(feature.id));
    const cp = feature.properties.cp;
    if (labelled.has(code) || !cp || (code !== String(feature.id) && String(feature.id) !== '370684')) continue;
    labelled.add(code);
    L.marker([cp[1], cp[0]], {
      interactive: false,
      icon: L.divIcon({
        className: 'district-label',
        html: textElement(districtName(code) ?? feature.properties.name, { testid: 'district-label', code }),
        iconSize: [0, 0],
      }),
    }).addTo(m);
  }
  return { layer, features: outlines.features.length };
}

/** Tries one tile of the city before adding a tile layer, so an offline machine keeps the clean outline map. */
async function tileReachable(template: string): Promise<boolean> {
  const url = L.Util.template(template, { s: 'a', z: 8, x: 213, y: 97 });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  try {
    await fetch(url, { mode: 'no-cors', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds the tile layer under the outlines once a tile of the city was fetched from the server, telling `report` how it
 * went; returns the clean-up (removes the layer, ignores a check still under way).
 */
export function addTileLayerWhenReachable(m: L.Map, tileUrl: string | null, report: (status: TileStatus) => void): () => void {
  if (!tileUrl) {
    report('off');
    return () => {};
  }
  let layer: L.TileLayer | null = null;
  let cancelled = false;
  report('checking');
  void tileReachable(tileUrl).then((ok) => {
    if (cancelled) return;
    if (ok) layer = L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(m).bringToBack();
    report(ok ? 'on' : 'unreachable');
  });
  return () => {
    cancelled = true;
    layer?.remove();
  };
}
