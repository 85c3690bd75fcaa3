import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import Supercluster, { type ClusterProperties } from 'supercluster';
import { currentDistrictCode, districtName } from '@shared/domain/districts';
import outlinesText from '../../../../../resources/yantai-districts.geojson?raw';
import { colourOf, type ColourMode, type MapPoint } from './mapPoints';

const YANTAI_CENTER: L.LatLngTuple = [37.3, 120.9];

type PointProps = { taskId: string; colour: string };

export interface TaskMapProps {
  points: readonly MapPoint[];
  colourMode: ColourMode;
  /** URL template of an optional tile server, e.g. https://t0.tianditu.gov.cn/…/{z}/{x}/{y}; used only when reachable. */
  tileUrl: string | null;
  onOpenTask(taskId: string): void;
  /** Called with the tasks of a clicked cluster. */
  onCluster(taskIds: string[], total: number): void;
}

/** Escapes text for Leaflet's HTML icons. */
const html = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

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

export function TaskMap({ points, colourMode, tileUrl, onOpenTask, onCluster }: TaskMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const index = useRef<Supercluster<PointProps> | null>(null);
  const handlers = useRef({ onOpenTask, onCluster });
  handlers.current = { onOpenTask, onCluster };

  // The map and its offline base layer: district outlines and names from the bundled GeoJSON.
  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, { center: YANTAI_CENTER, zoom: 8, minZoom: 7, maxZoom: 18, zoomControl: true, preferCanvas: true });
    const outlines = JSON.parse(outlinesText) as GeoJSON.FeatureCollection<GeoJSON.Geometry, { name: string; cp?: [number, number] }>;
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
        icon: L.divIcon({ className: 'district-label', html: `<span data-testid="district-label" data-code="${code}">${html(districtName(code) ?? feature.properties.name)}</span>`, iconSize: [0, 0] }),
      }).addTo(m);
    }
    m.fitBounds(layer.getBounds());
    markers.current = L.layerGroup().addTo(m);
    container.current.dataset.outlines = String(outlines.features.length);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !tileUrl) return;
    let layer: L.TileLayer | null = null;
    let cancelled = false;
    void tileReachable(tileUrl).then((ok) => {
      if (ok && !cancelled) layer = L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(m).bringToBack();
    });
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [tileUrl]);

  // Clusters: rebuilt when the points or colours change, redrawn for the visible area on every move.
  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el) return;
    const started = performance.now();
    const cluster = new Supercluster<PointProps>({ radius: 60, maxZoom: 16 });
    cluster.load(points.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
      properties: { taskId: p.taskId, colour: colourOf(p, colourMode) },
    })));
    index.current = cluster;

    const draw = () => {
      const layer = markers.current;
      if (!layer) return;
      const bounds = m.getBounds();
      const features = cluster.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], Math.round(m.getZoom()));
      layer.clearLayers();
      let clusters = 0;
      for (const feature of features) {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        const props = feature.properties as PointProps | ClusterProperties;
        if ('cluster' in props && props.cluster) {
          clusters++;
          const count = props.point_count;
          const size = Math.round(28 + Math.min(28, Math.log2(count) * 4));
          const marker = L.marker([lat, lng], {
            icon: L.divIcon({
              className: 'task-cluster-icon',
              iconSize: [size, size],
              html: `<div class="task-cluster" data-testid="task-cluster" data-count="${count}" style="width:${size}px;height:${size}px">${props.point_count_abbreviated}</div>`,
            }),
          });
          marker.on('click', () => {
            const leaves = cluster.getLeaves(props.cluster_id, 50).map((leaf) => leaf.properties.taskId);
            handlers.current.onCluster(leaves, count);
          });
          layer.addLayer(marker);
        } else {
          const point = props as PointProps;
          const marker = L.marker([lat, lng], {
            title: point.taskId,
            icon: L.divIcon({
              className: 'task-point-icon',
              iconSize: [14, 14],
              html: `<div class="task-point" data-testid="task-point" data-task-id="${html(point.taskId)}" style="background:${point.colour}"></div>`,
            }),
          });
          marker.on('click', () => handlers.current.onOpenTask(point.taskId));
          layer.addLayer(marker);
        }
      }
      el.dataset.clusters = String(clusters);
      el.dataset.markers = String(features.length);
    };
    draw();
    el.dataset.points = String(points.length);
    el.dataset.drawMs = String(Math.round(performance.now() - started));
    el.dataset.state = 'ready';
    m.on('moveend', draw);
    return () => {
      m.off('moveend', draw);
    };
  }, [points, colourMode]);

  return <div ref={container} className="task-map" data-testid="task-map" data-state="loading" />;
}
