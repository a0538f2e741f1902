// What every resolver of every subgraph receives for one request.
import type { DataSource } from 'typeorm';
import { LoaderRegistry } from './loaders';

export interface SubgraphContext {
  db: DataSource;
  loaders: LoaderRegistry;
}

export function createContext(db: DataSource): SubgraphContext {
  return { db, loaders: new LoaderRegistry() };
}
