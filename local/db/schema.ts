/** What the engine needs to know about a collection: its name and declared indexes. */
export interface IndexSpec {
  name: string;
  /** Field paths in order, 1 ascending, -1 descending (as in CloudBase/MongoDB). */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
  /**
   * Fields with a geo index (CloudBase's 2dsphere on points): each holds a GeoJSON Point or nothing, and
   * `$nearSphere` with a distance or `$geoWithin` a `$centerSphere` search an index on its latitude and longitude.
   */
  geo?: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function assertCollectionName(name: string): void {
  if (!NAME.test(name)) throw new Error(`invalid collection name: ${name}`);
}

export function assertFieldPath(path: string): void {
  if (!FIELD.test(path)) throw new Error(`invalid indexed field path: ${path}`);
}

/** SQLite JSON path for a dotted field path (already validated). */
export function jsonPath(field: string): string {
  return '$.' + field;
}
