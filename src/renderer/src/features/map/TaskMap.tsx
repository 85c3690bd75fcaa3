import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { transfer, wrap } from 'comlink';
import { addDistrictOutlines, addTileLayerWhenReachable, textElement, type TileStatus } from '../../lib/baseLayer';
import { msAttribute, stopwatch } from '../../lib/timing';
import type { ClusterView } from './clusterIndex';
import type { ClusterWorkerApi } from './cluster.worker';
import { clusterInputOf, MIX_SLOTS, SLOT_COLOURS, slotRange, type ColourMode, type MapPoint } from './mapPoints';

/**
 * The app's one cluster worker, started when the map's code loads and kept: a worker takes hundreds of milliseconds
 * to start, which would otherwise be spent after the page has rendered, with the tasks read and waiting for it.
 */
const clusterWorker = wrap<ClusterWorkerApi>(
  new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module', name: 'map-clusters' }),
);

/** Tasks listed when a cluster is clicked; the dialog says how many more there are. */
const CLUSTER_LIST_LIMIT = 50;

export interface TaskMapProps {
  /** The tasks to show; null while they are being read. */
  points: readonly MapPoint[] | null;
  colourMode: ColourMode;
  /** URL template of an optional tile server, e.g. https://t0.tianditu.gov.cn/…/{z}/{x}/{y}; used only when reachable. */
  tileUrl: string | null;
  onOpenTask(taskId: string): void;
  /** Called with the tasks of a clicked cluster. */
  onCluster(taskIds: string[], total: number): void;
  /** Told whether the tile layer is in use, being checked, or unreachable (the outlines serve alone then). */
  onTileStatus?(status: TileStatus): void;
}

/** What Leaflet's canvas renderer and circle markers keep privately and a custom shape needs to draw itself. */
interface CanvasShape {
  _renderer: { _ctx: CanvasRenderingContext2D; _drawing: boolean };
  _point: L.Point;
  _radius: number;
  _empty(): boolean;
}

const abbreviate = (count: number) =>
  count >= 10_000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${(count / 1000).toFixed(1)}k` : String(count);

/**
 * A cluster on the canvas: a ring split by its tasks' colours (status or risk class) around its task count. Leaflet's
 * canvas renderer does the hit-testing and clicks as for any circle marker; only the drawing is ours.
 */
class ClusterMarker extends L.CircleMarker {
  constructor(
    latlng: L.LatLngExpression,
    readonly count: number,
    readonly mix: Uint32Array,
    readonly range: [number, number],
    options: L.CircleMarkerOptions,
  ) {
    super(latlng, { ...options, radius: Math.round(14 + Math.min(14, Math.log2(count) * 2)) });
  }

  _updatePath(): void {
    const self = this as unknown as CanvasShape;
    if (!self._renderer._drawing || self._empty()) return;
    const ctx = self._renderer._ctx;
    const { x, y } = self._point;
    const r = self._radius;
    const [from, to] = this.range;
    let total = 0;
    for (let slot = from; slot < to; slot++) total += this.mix[slot]!;
    let angle = -Math.PI / 2;
    for (let slot = from; slot < to; slot++) {
      const share = (this.mix[slot]! / (total || 1)) * Math.PI * 2;
      if (share === 0) continue;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.arc(x, y, r, angle, angle + share);
      ctx.closePath();
      ctx.fillStyle = SLOT_COLOURS[slot]!;
      ctx.fill();
      angle += share;
    }
    ctx.beginPath();
    ctx.arc(x, y, r - 5, 0, Math.PI * 2);
    ctx.fillStyle = 'rgba(31, 78, 153, 0.9)';
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = '600 12px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(abbreviate(this.count), x, y);
  }
}

export function TaskMap({ points, colourMode, tileUrl, onOpenTask, onCluster, onTileStatus }: TaskMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const markerRenderer = useRef<L.Canvas | null>(null);
  // The loaded points (a click maps a task index back to them) and the last view drawn (a colour switch redraws it).
  const loaded = useRef<{ points: readonly MapPoint[]; generation: number }>({ points: [], generation: 0 });
  const lastView = useRef<ClusterView | null>(null);
  /** A load waiting for its first drawn view: whichever refresh draws it (the load's own, or a move's) reports it ready. */
  const pendingReady = useRef<{ generation: number; sinceLoad: () => number; loadMs: number } | null>(null);
  const requests = useRef(0);
  const loads = useRef(0);
  const handlers = useRef({ onOpenTask, onCluster, onTileStatus });
  handlers.current = { onOpenTask, onCluster, onTileStatus };
  const mode = useRef(colourMode);
  mode.current = colourMode;

  // The cluster worker's index is for this map only: dropped when the map goes.
  useEffect(() => () => void clusterWorker.clear(), []);

  // The map and its offline base layer: district outlines and names from the bundled GeoJSON. Built in the first
  // effect, so that the effects after it find the map there.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    // No view until the outlines' bounds set it: Leaflet projects the outlines once, at that view.
    const m = L.map(el, { minZoom: 7, maxZoom: 18, zoomControl: true, preferCanvas: true });
    const { layer, features } = addDistrictOutlines(m);
    m.fitBounds(layer.getBounds());
    // Tasks on their own canvas above the outlines, so redrawing them never repaints the districts.
    markers.current = L.layerGroup().addTo(m);
    markerRenderer.current = L.canvas({ pane: 'markerPane' });
    el.dataset.outlines = String(features);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  // The optional tile layer, under the outlines, only once a tile of the city was fetched from the server.
  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el) return;
    const report = (status: TileStatus) => {
      el.dataset.tiles = status;
      handlers.current.onTileStatus?.(status);
    };
    return addTileLayerWhenReachable(m, tileUrl, report);
  }, [tileUrl]);

  /** Draws a view: clusters and single tasks as canvas shapes, and the figures the tests and benchmark read. */
  const draw = (view: ClusterView): boolean => {
    const sinceDraw = stopwatch();
    const m = map.current;
    const el = container.current;
    const layer = markers.current;
    const renderer = markerRenderer.current;
    const { points: current, generation } = loaded.current;
    // A view of tasks other than the loaded ones (a reload was under way when it was asked for) is dropped.
    if (!m || !el || !layer || !renderer || view.generation !== generation) return false;
    lastView.current = view;
    const range = slotRange(mode.current);
    const shapes: L.Layer[] = [];
    let clusters = 0;
    let drawn = 0;
    let biggest = -1;
    let single = -1;
    for (let j = 0; j < view.counts.length; j++) {
      const latlng: L.LatLngTuple = [view.coords[2 * j + 1]!, view.coords[2 * j]!];
      const count = view.counts[j]!;
      const id = view.ids[j]!;
      drawn += count;
      if (count > 1) {
        clusters++;
        if (biggest < 0 || count > view.counts[biggest]!) biggest = j;
        const mix = view.mix.subarray(j * MIX_SLOTS, (j + 1) * MIX_SLOTS);
        const marker = new ClusterMarker(latlng, count, mix, range, { renderer, weight: 2 });
        marker.on('click', () => {
          void clusterWorker.leaves(id, CLUSTER_LIST_LIMIT, generation).then((indices) => {
            // A click on a cluster of tasks that were replaced meanwhile (filters changed) lists nothing stale.
            if (!indices || loaded.current.generation !== generation) return;
            handlers.current.onCluster(
              Array.from(indices, (i) => current[i]!.task.id),
              count,
            );
          });
        });
        shapes.push(marker);
      } else {
        const point = current[id];
        if (!point) continue;
        if (single < 0) single = j;
        const slot = range[0] + view.mix.subarray(j * MIX_SLOTS + range[0], j * MIX_SLOTS + range[1]).indexOf(1);
        const marker = L.circleMarker(latlng, {
          renderer,
          radius: 7,
          color: '#fff',
          weight: 2,
          fillColor: SLOT_COLOURS[slot],
          fillOpacity: 1,
        });
        marker.bindTooltip(() => textElement(point.enterprise.name, { testid: 'map-tooltip' }), { direction: 'top', offset: [0, -6] });
        marker.on('click', () => handlers.current.onOpenTask(point.task.id));
        shapes.push(marker);
      }
    }
    layer.clearLayers();
    for (const shape of shapes) layer.addLayer(shape);
    // Where the biggest cluster and the first single task are drawn (container pixels), for tests to click.
    const at = (j: number) => {
      if (j < 0) return '';
      const p = m.latLngToContainerPoint([view.coords[2 * j + 1]!, view.coords[2 * j]!]);
      return `${Math.round(p.x)},${Math.round(p.y)}`;
    };
    Object.assign(el.dataset, {
      clusters: String(clusters),
      markers: String(view.counts.length),
      drawn: String(drawn),
      biggestCluster: at(biggest),
      firstTask: at(single),
    });
    const pending = pendingReady.current;
    if (pending?.generation === generation) {
      pendingReady.current = null;
      Object.assign(el.dataset, {
        points: String(current.length),
        indexMs: msAttribute(pending.loadMs + view.ms),
        drawMs: msAttribute(sinceDraw()),
        readyMs: msAttribute(pending.sinceLoad()),
        state: 'ready',
      });
    }
    return true;
  };

  /** Asks the worker for the clusters in view and draws them, unless a newer request was made meanwhile. */
  const refresh = async (): Promise<boolean> => {
    const m = map.current;
    if (!m) return false;
    const request = ++requests.current;
    const bounds = m.getBounds();
    const view = await clusterWorker.view([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], m.getZoom());
    return request === requests.current && map.current === m && draw(view);
  };

  // Clusters: the worker takes the tasks when they change and is asked for the view at once (it answers in order, so
  // the view is of these tasks), then they are drawn.
  useEffect(() => {
    const el = container.current;
    if (!el || !points) return;
    let cancelled = false;
    const sinceLoad = stopwatch();
    el.dataset.state = 'loading';
    const generation = ++loads.current;
    const input = clusterInputOf(points);
    void clusterWorker.load(transfer(input, [input.coords.buffer, input.slots.buffer]), generation).then((loadMs) => {
      if (cancelled) return;
      loaded.current = { points, generation };
      pendingReady.current = { generation, sinceLoad, loadMs };
    });
    void refresh();
    return () => {
      cancelled = true;
    };
  }, [points]);

  // Re-queried for the visible area after every move.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const onMove = () => void refresh();
    m.on('moveend', onMove);
    return () => {
      m.off('moveend', onMove);
    };
  }, []);

  // A colour switch redraws the last view: the mix of both modes is already there.
  useEffect(() => {
    if (lastView.current) draw(lastView.current);
  }, [colourMode]);

  return <div ref={container} className="task-map" data-testid="task-map" data-state="loading" />;
}
