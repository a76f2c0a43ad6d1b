/**
 * Geo queries as CloudBase answers them (MongoDB's 2dsphere model): fields hold GeoJSON (`db.Geo.Point` is
 * stored as `{ type: 'Point', coordinates: [longitude, latitude] }`), distances are on a sphere of MongoDB's
 * Earth radius, measured as S2 measures the angle between two points, so a `$geoNear` distance is the number
 * CloudBase gives to the last digit. Containment and intersection of shapes come from Turf (planar edges
 * between vertices, where MongoDB follows great circles: the same answer unless an edge is hundreds of km).
 *
 * - `{ f: { $nearSphere | $near: { $geometry: Point, $maxDistance?, $minDistance? } } }` (meters): matches
 *   within the range; the engine orders the result nearest first unless the query orders it (`nearField`).
 * - `{ f: { $geoWithin: { $geometry: Polygon | MultiPolygon } } }`, `{ $geoWithin: { $centerSphere: [[lng,
 *   lat], radians] } }`, `{ f: { $geoIntersects: { $geometry } } }`.
 * - the `$geoNear` aggregation stage: `near`, `distanceField`, `maxDistance`, `minDistance`, `query`, `key`,
 *   `includeLocs`, `distanceMultiplier`.
 */
import booleanIntersects from '@turf/boolean-intersects';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanWithin from '@turf/boolean-within';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { Lazy, type Iterator } from 'mingo/lazy';
import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { resolve } from 'mingo/util';

/** MongoDB's (and S2's) Earth radius, in meters. */
export const EARTH_RADIUS_M = 6_378_100;
const RAD = Math.PI / 180;

const GEO_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']);

function fail(message: string): never {
  throw new Error(message);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function position(v: unknown, what: string): Position {
  if (!Array.isArray(v) || v.length < 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') fail(`${what} 必须是 [经度, 纬度]`);
  const [lng, lat] = v as [number, number];
  if (!(lng >= -180 && lng <= 180) || !(lat >= -90 && lat <= 90)) fail(`${what} 超出范围：经度 -180..180，纬度 -90..90`);
  return [lng, lat];
}

/** A GeoJSON geometry given in a query, checked. */
function geometry(v: unknown, what: string): Geometry {
  if (!isRecord(v) || typeof v['type'] !== 'string' || !GEO_TYPES.has(v['type'])) fail(`${what} 必须是 GeoJSON 几何对象`);
  if (v['type'] === 'Point') position(v['coordinates'], what);
  return v as unknown as Geometry;
}

/** A stored value as a geometry, if it is one: GeoJSON, or a legacy `[lng, lat]` pair. */
function storedGeometry(v: unknown): Geometry | undefined {
  if (isRecord(v) && typeof v['type'] === 'string' && GEO_TYPES.has(v['type'])) return v as unknown as Geometry;
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
    return { type: 'Point', coordinates: v as Position };
  }
  return undefined;
}

/** The geometries a field holds: one, or each of an array of them. */
function geometriesAt(doc: AnyObject, field: string): Geometry[] {
  const v = resolve(doc, field);
  const one = storedGeometry(v);
  if (one) return [one];
  if (Array.isArray(v)) return v.map(storedGeometry).filter((g): g is Geometry => g !== undefined);
  return [];
}

function unit([lng, lat]: Position): [number, number, number] {
  const phi = lat! * RAD;
  const lambda = lng! * RAD;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/** The angle between two points on the sphere, in radians (S2Point::Angle: atan2(|a×b|, a·b)). */
export function angle(a: Position, b: Position): number {
  const [x1, y1, z1] = unit(a);
  const [x2, y2, z2] = unit(b);
  const cross = Math.hypot(y1 * z2 - z1 * y2, z1 * x2 - x1 * z2, x1 * y2 - y1 * x2);
  return Math.atan2(cross, x1 * x2 + y1 * y2 + z1 * z2);
}

export const distanceMeters = (a: Position, b: Position): number => angle(a, b) * EARTH_RADIUS_M;

/** The nearest point of a stored geometry to `p`: its point, or (for shapes) its nearest vertex. */
function nearestDistance(g: Geometry, p: Position): number {
  const vertices: Position[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') vertices.push(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => walk((x as { coordinates?: unknown }).coordinates));
  else walk(g.coordinates);
  return Math.min(...vertices.map((v) => distanceMeters(v, p)));
}

interface Near {
  point: Position;
  min: number;
  max: number;
}

function nearSpec(value: unknown, op: string): Near {
  if (!isRecord(value)) fail(`${op} 需要 { $geometry, $maxDistance?, $minDistance? }`);
  const g = geometry(value['$geometry'], `${op}.$geometry`);
  if (g.type !== 'Point') fail(`${op}.$geometry 必须是 Point`);
  const bound = (k: string, dflt: number) => {
    const v = value[k];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !(v >= 0)) fail(`${op}.${k} 必须是非负数（米）`);
    return v;
  };
  return { point: g.coordinates, min: bound('$minDistance', 0), max: bound('$maxDistance', Infinity) };
}

function distanceTo(doc: AnyObject, field: string, point: Position): number | undefined {
  const gs = geometriesAt(doc, field);
  if (gs.length === 0) return undefined;
  return Math.min(...gs.map((g) => nearestDistance(g, point)));
}

type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: AnyObject) => boolean;

const near =
  (op: string): QueryOperator =>
  (selector, value) => {
    const spec = nearSpec(value, op);
    return (doc) => {
      const d = distanceTo(doc, selector, spec.point);
      return d !== undefined && d >= spec.min && d <= spec.max;
    };
  };

function within(g: Geometry, area: Polygon | MultiPolygon): boolean {
  if (g.type === 'Point') return booleanPointInPolygon(g.coordinates, area);
  if (area.type === 'MultiPolygon') {
    return area.coordinates.some((rings) => booleanWithin(g, { type: 'Polygon', coordinates: rings }));
  }
  return booleanWithin(g, area);
}

const $geoWithin: QueryOperator = (selector, value) => {
  if (!isRecord(value)) fail('$geoWithin 需要 $geometry 或 $centerSphere');
  if (value['$centerSphere'] !== undefined) {
    const cs = value['$centerSphere'];
    if (!Array.isArray(cs) || cs.length !== 2) fail('$centerSphere 必须是 [[经度, 纬度], 半径（弧度）]');
    const center = position(cs[0], '$centerSphere 的圆心');
    const radius = cs[1];
    if (typeof radius !== 'number' || !(radius >= 0)) fail('$centerSphere 的半径必须是非负数（弧度）');
    return (doc) => geometriesAt(doc, selector).some((g) => nearestDistance(g, center) / EARTH_RADIUS_M <= radius);
  }
  const area = geometry(value['$geometry'], '$geoWithin.$geometry');
  if (area.type !== 'Polygon' && area.type !== 'MultiPolygon') fail('$geoWithin.$geometry 必须是 Polygon 或 MultiPolygon');
  return (doc) => geometriesAt(doc, selector).some((g) => within(g, area));
};

const $geoIntersects: QueryOperator = (selector, value) => {
  if (!isRecord(value)) fail('$geoIntersects 需要 $geometry');
  const shape = geometry(value['$geometry'], '$geoIntersects.$geometry');
  return (doc) => geometriesAt(doc, selector).some((g) => booleanIntersects(g, shape));
};

export const geoQueryOperators = { $nearSphere: near('$nearSphere'), $near: near('$near'), $geoWithin, $geoIntersects };

/** The field and point of a `$nearSphere`/`$near` in a query (top level or under `$and`): results go nearest first. */
export function nearField(query: AnyObject): { field: string; point: Position } | undefined {
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) {
        const found = isRecord(part) ? nearField(part) : undefined;
        if (found) return found;
      }
    } else if (!key.startsWith('$') && isRecord(value)) {
      const spec = value['$nearSphere'] ?? value['$near'];
      if (spec !== undefined) return { field: key, point: nearSpec(spec, '$nearSphere').point };
    }
  }
  return undefined;
}

/** Documents nearest first (stable); those without the field last. */
export function byDistance<T extends AnyObject>(docs: T[], field: string, point: Position): T[] {
  return docs
    .map((doc, i) => ({ doc, i, d: distanceTo(doc, field, point) ?? Infinity }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.doc);
}

/** The `$geoNear` stage; its `query` runs with the pipeline's options, so with the engine's operators. */
export function $geoNear(coll: Iterator, expr: unknown, options: Options): Iterator {
  if (!isRecord(expr)) fail('$geoNear 需要一个对象');
  const g = geometry(expr['near'], '$geoNear.near');
  if (g.type !== 'Point') fail('$geoNear.near 必须是 Point');
  const distanceField = expr['distanceField'];
  if (typeof distanceField !== 'string' || !distanceField) fail('$geoNear.distanceField 必须是字段名');
  const spec = nearSpec({ $geometry: g, $maxDistance: expr['maxDistance'], $minDistance: expr['minDistance'] }, '$geoNear');
  const multiplier = typeof expr['distanceMultiplier'] === 'number' ? expr['distanceMultiplier'] : 1;
  const filter = isRecord(expr['query']) ? new Query(expr['query'], options) : undefined;
  const includeLocs = typeof expr['includeLocs'] === 'string' ? expr['includeLocs'] : undefined;
  return coll.transform((docs: unknown[]) => {
    const candidates = docs as AnyObject[];
    const key = typeof expr['key'] === 'string' ? expr['key'] : geoFieldOf(candidates);
    const out: { doc: AnyObject; d: number; i: number }[] = [];
    candidates.forEach((doc, i) => {
      if (!key || (filter && !filter.test(doc))) return;
      const d = distanceTo(doc, key, spec.point);
      if (d === undefined || d < spec.min || d > spec.max) return;
      const copy: AnyObject = { ...doc };
      setPath(copy, distanceField, d * multiplier);
      if (includeLocs) setPath(copy, includeLocs, resolve(doc, key));
      out.push({ doc: copy, d, i });
    });
    out.sort((a, b) => a.d - b.d || a.i - b.i);
    return Lazy(out.map((x) => x.doc));
  });
}

/** Without `key`, MongoDB uses the collection's only geo index; here, the first top-level field holding GeoJSON. */
function geoFieldOf(docs: AnyObject[]): string | undefined {
  for (const doc of docs) {
    for (const [k, v] of Object.entries(doc)) if (storedGeometry(v) && !Array.isArray(v)) return k;
  }
  return undefined;
}

function setPath(doc: AnyObject, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: AnyObject = doc;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    cur[part] = isRecord(next) ? { ...next } : {};
    cur = cur[part] as AnyObject;
  }
  cur[parts[parts.length - 1]!] = value;
}

/** A latitude band and the longitude ranges (two across the antimeridian; none when every longitude is in). */
export interface GeoBox {
  lat: [number, number];
  lng: [number, number][] | null;
}

/**
 * The box around a circle on the sphere (centre, radius in radians), for an index on points to narrow a
 * `$nearSphere`/`$geoWithin` before the exact test. A hair wider than the circle, never narrower.
 */
function boxAround([lng, lat]: Position, radius: number): GeoBox {
  const r = radius * (1 + 1e-9) + 1e-12;
  const dLat = r / RAD;
  const minLat = lat! - dLat;
  const maxLat = lat! + dLat;
  if (minLat <= -90 || maxLat >= 90) return { lat: [Math.max(-90, minLat), Math.min(90, maxLat)], lng: null };
  const dLng = Math.asin(Math.min(1, Math.sin(r) / Math.cos(lat! * RAD))) / RAD;
  const west = lng! - dLng;
  const east = lng! + dLng;
  if (dLng >= 180) return { lat: [minLat, maxLat], lng: null };
  if (west < -180)
    return {
      lat: [minLat, maxLat],
      lng: [
        [west + 360, 180],
        [-180, east],
      ],
    };
  if (east > 180)
    return {
      lat: [minLat, maxLat],
      lng: [
        [west, 180],
        [-180, east - 360],
      ],
    };
  return { lat: [minLat, maxLat], lng: [[west, east]] };
}

/** The box a field condition confines its points to, if it does (a bounded `$nearSphere`, a `$centerSphere`). */
export function boxOf(condition: Record<string, unknown>): GeoBox | undefined {
  const near = condition['$nearSphere'] ?? condition['$near'];
  if (near !== undefined) {
    const spec = nearSpec(near, '$nearSphere');
    return Number.isFinite(spec.max) ? boxAround(spec.point, spec.max / EARTH_RADIUS_M) : undefined;
  }
  const within = condition['$geoWithin'];
  if (isRecord(within) && Array.isArray(within['$centerSphere'])) {
    const [center, radius] = within['$centerSphere'] as [unknown, unknown];
    if (typeof radius !== 'number' || !(radius >= 0)) return undefined;
    return boxAround(position(center, '$centerSphere 的圆心'), radius);
  }
  return undefined;
}

/** A geo-indexed field holds a GeoJSON Point or nothing (the indexed-point model). */
export function isIndexablePoint(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (!isRecord(v) || v['type'] !== 'Point') return false;
  try {
    position(v['coordinates'], 'Point');
    return true;
  } catch {
    return false;
  }
}
