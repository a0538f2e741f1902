// What every subgraph's loaders are made of. Each subgraph builds its loaders as one typed object
// per request (its loaders.ts, createLoaders(ctx)), from the context factory: a loader's cache holds
// rows one viewer was allowed to read, so a loader shared between requests would hand them to the
// next caller.
import DataLoader from 'dataloader';

/** A request's loader over `batch`: one SQL statement per batch of up to 1000 keys. */
export function batchLoader<K, V>(batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<K, V> {
  return new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
}

/** Orders `rows` to match `keys` (DataLoader's contract), with null where no row matched. */
export function oneByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map<K, V>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups `rows` under each of `keys` (for one-to-many fields), with [] where none matched. */
export function manyByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
