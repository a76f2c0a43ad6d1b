import { Engine } from '../../local/db/engine';
import { localDatabase } from '../../local/db/request';
import type { CollectionSpec } from '../../local/db/schema';

export function memoryDb(collections: CollectionSpec[], now?: () => Date) {
  const engine = new Engine({ filename: ':memory:', collections, now });
  return { engine, db: localDatabase(engine) };
}
