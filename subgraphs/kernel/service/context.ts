// What every resolver of every subgraph receives for one request: the database, the viewer the
// gateway vouched for, the request's own loaders and audit recorder.
import type { DataSource } from 'typeorm';
import { AuditRecorder } from '../audit/audit-recorder';
import type { Viewer } from '../../../platform/identity';
import type { VouchedRequest } from '../../../platform/internal-token';
import { LoaderRegistry } from '../read/loaders';
import type { PeerAccess } from './peer';

export interface SubgraphContext {
  db: DataSource;
  subgraph: string;
  viewer: Viewer;
  operationName: string | null;
  loaders: LoaderRegistry;
  audit: AuditRecorder;
  peers: PeerAccess;
}

export function createContext(db: DataSource, subgraph: string, vouched: VouchedRequest, peers: PeerAccess): SubgraphContext {
  return {
    db,
    subgraph,
    viewer: vouched.viewer,
    operationName: vouched.operationName,
    loaders: new LoaderRegistry(),
    audit: new AuditRecorder(subgraph, vouched.viewer, vouched.operationName),
    peers,
  };
}
