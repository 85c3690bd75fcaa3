// Loads Yantai's district outlines from resources/yantai-districts.geojson (notice: resources/NOTICE.md).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon, Position } from 'geojson';
import { currentDistrictCode, YANTAI_DISTRICTS } from '@shared/domain/districts';
import type { DistrictOutline, DistrictOutlines } from './types';

export const DISTRICTS_FILE = 'yantai-districts.geojson';

/** The resources folder: $ONEVISIT_RESOURCES, else the first `resources/` above the working directory or this module. */
export function resolveResourcesDir(): string {
  const override = process.env.ONEVISIT_RESOURCES;
  if (override) {
    const dir = resolve(override);
    if (!existsSync(join(dir, DISTRICTS_FILE))) {
      throw new Error(`ONEVISIT_RESOURCES=${override} does not contain ${DISTRICTS_FILE}`);
    }
    return dir;
  }
  const tried: string[] = [];
  for (const start of [process.cwd(), dirname(fileURLToPath(import.meta.url))]) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'resources');
      tried.push(candidate);
      if (existsSync(join(candidate, DISTRICTS_FILE))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`cannot find resources/${DISTRICTS_FILE}; set ONEVISIT_RESOURCES. Looked in: ${tried.join(', ')}`);
}

export function loadDistrictOutlines(file = join(resolveResourcesDir(), DISTRICTS_FILE)): DistrictOutlines {
  return parseDistrictOutlines(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}

/** Groups the GeoJSON features by current division code; every current district must be present. */
export function parseDistrictOutlines(geojson: unknown, source = 'district GeoJSON'): DistrictOutlines {
  const features = (geojson as { type?: unknown; features?: unknown } | null)?.features;
  if ((geojson as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new Error(`${source}: expected a GeoJSON FeatureCollection`);
  }
  const polygons = new Map<string, Position[][][]>();
  for (const feature of features as { id?: unknown; geometry?: { type?: unknown; coordinates?: unknown } }[]) {
    const rawCode = String(feature.id ?? '');
    // The GeoJSON predates 2020: 蓬莱市 and 长岛县 now form 蓬莱区.
    const code = currentDistrictCode(rawCode);
    if (!YANTAI_DISTRICTS.some((d) => d.code === code)) throw new Error(`${source}: unknown district code ${rawCode}`);
    const geometry = feature.geometry;
    const list = polygons.get(code) ?? [];
    if (geometry?.type === 'Polygon') list.push(geometry.coordinates as Position[][]);
    else if (geometry?.type === 'MultiPolygon') list.push(...(geometry.coordinates as Position[][][]));
    else throw new Error(`${source}: feature ${rawCode} is not a Polygon or MultiPolygon`);
    polygons.set(code, list);
  }
  const outlines = new Map<string, DistrictOutline>();
  for (const district of YANTAI_DISTRICTS) {
    const coordinates = polygons.get(district.code);
    if (!coordinates) throw new Error(`${source}: no outline for ${district.code} ${district.name}`);
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates };
    outlines.set(district.code, { code: district.code, name: district.name, geometry, bbox: bboxOf(coordinates) });
  }
  return outlines;
}

function bboxOf(polygons: Position[][][]): [number, number, number, number] {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lng, lat] of ring) {
        if (lng === undefined || lat === undefined) throw new Error('district outline has a position without coordinates');
        bbox[0] = Math.min(bbox[0], lng);
        bbox[1] = Math.min(bbox[1], lat);
        bbox[2] = Math.max(bbox[2], lng);
        bbox[3] = Math.max(bbox[3], lat);
      }
    }
  }
  return bbox;
}
