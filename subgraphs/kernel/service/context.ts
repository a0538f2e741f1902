// What every resolver of every subgraph receives for one request: the database, the viewer the
// gateway vouched for, the request's own loaders and audit recorder.
import type { DataSource } from 'typeorm';
import { AuditRecorder } from '../audit/audit-recorder';
import type { Viewer } from '../../../platform/identity';
import type { VouchedRequest } from '../../../platform/internal-token';
import type { PeerAccess } from './peer';

/** `L` is the subgraph's own loaders (its createLoaders); kernel code sees them as an opaque object. */
export interface SubgraphContext<L extends object = object> {
  db: DataSource;
  subgraph: string;
  viewer: Viewer;
  operationName: string | null;
  loaders: L;
  audit: AuditRecorder;
  peers: PeerAccess;
}

export function createContext<L extends object>(
  db: DataSource,
  subgraph: string,
  vouched: VouchedRequest,
  peers: PeerAccess,
  createLoaders: (ctx: SubgraphContext) => L,
): SubgraphContext<L> {
  const ctx: SubgraphContext = {
    db,
    subgraph,
    viewer: vouched.viewer,
    operationName: vouched.operationName,
    loaders: {},
    audit: new AuditRecorder(subgraph, vouched.viewer, vouched.operationName),
    peers,
  };
  return { ...ctx, loaders: createLoaders(ctx) };
}
