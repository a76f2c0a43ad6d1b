import { COLLECTIONS } from '../cloudfunctions/common/collections';
import type { CollectionSpec } from './db/schema';

/** Collections that exist only in the local runtime, for the dev pages. */
export const LOCAL_COLLECTIONS: CollectionSpec[] = [{ name: 'dev_openapi_calls', indexes: [{ name: 'api_at', keys: { api: 1, at: -1 } }] }];

export const ALL_COLLECTIONS: CollectionSpec[] = [...COLLECTIONS, ...LOCAL_COLLECTIONS];
