// The kernel's one public entry, the package `@hub/kernel`: what a subgraph built on the hub's
// kernel needs, whether it lives in subgraphs/ or is a partner's own (partners-contrib/, or a
// repository of its own; README "A partner's own subgraph"). A partner's code imports only this.
// Our four subgraphs still import the kernel's files directly; both reach the same compiled
// modules in dist/subgraphs/kernel/, so type-graphql and TypeORM see one set of metadata.
import 'reflect-metadata';

// The service: a subgraph is a SubgraphModule handed to runSubgraph() (its index.ts); tests start it with startSubgraph().
export {
  runSubgraph,
  startSubgraph,
  seedSubgraph,
  type SubgraphModule,
  type StartSubgraphOptions,
  type RunningSubgraph,
} from './service/subgraph-service';
export type { SubgraphContext } from './service/context';
export { askPeer, type PeerAccess, type PeerCaller } from './service/peer';

// The schema: the builder (it adds the audit-trail query and the key-only stubs the resolvers extend), scalars, list sizes.
export { buildFederatedSchema, resolverTargets, FEDERATION_LINK, type SubgraphDefinition } from './schema/subgraph-schema';
export { LocalDate, today } from './schema/scalars';
export { ListSize, SlicedListSize, Cost, AGGREGATE_WEIGHT, AGGREGATE_GROUPS } from './schema/list-size';
export { Crime, RiskLevel, RISK_LEVELS } from './schema/vocabulary';

// Records: ownership, TLP classification and sharing, and who may write them.
export { OwnedRecord, Classification, ownership, type Ownership } from './policy/ownership';
export { assertAdminOf, assertCanWrite, type Classified } from './policy/access-policy';
export { checkSharing, checkNoWriteDown, type Sharing } from './policy/no-write-down';
export { sharingOf, newRecordSharing, HUB_SHARING_DEFAULTS, type SharingDefaults } from './policy/sharing-defaults';

// Reading: the policed reader (the policy and the audit of sensitive reads are added for you) and the loaders' helpers.
export { queryOf, readVisible, findVisible, countVisible, aggregateVisible, aggregateByGroups, groupAndOrder, type Grouping } from './read/reading';
export { visibleTo } from './read/policed-query';
export { batchLoader, oneByKey, manyByKey } from './read/loaders';
export { connectionType, paginate, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './read/connection';

// The audit trail: the recorder behind every context (ctx.audit), its entity and the trail query's resolver.
export { AuditRecorder } from './audit/audit-recorder';
export { AuditEvent, AuditAction } from './audit/audit-event.entity';
export { auditTrailResolver, AuditTrailFilter } from './audit/audit-trail.resolver';
export { createAuditTrail, dropAuditTrail } from './audit/audit-trail-tables';

// Writing: one transaction per mutation with its audit events, creates a retry cannot double, versioned updates.
export {
  runMutation,
  requireSignedIn,
  assertCanCreate,
  visibleRecord,
  lockForUpdate,
  insertAudited,
  updateVersioned,
  idempotentRequest,
  createOnce,
  TRANSACTION_TIME,
  InputProblems,
  type MutationScope,
  type CreateOnceSteps,
} from './write/writing';
export {
  NewRecordInput,
  RecordChangesInput,
  SharingInput,
  IDEMPOTENCY_KEY,
  PARTNER_CODES,
  applyChanges,
  changedSharing,
} from './write/record-inputs';
export { countryCode, countryCodes, isoDate, uuid, isUuid, partnerCode, dateRange, notInFuture, latestToday, ISO3, UUID } from './write/validation';
export { checkPartnerCodes, knownPartners } from './write/reference-codes';

// Data: the database options, seeding helpers, and the reference data every subgraph may cite.
export { KERNEL_ENTITIES, type DatabaseTarget, type SubgraphDatabaseOptions } from './db/database';
// For a subgraph's own tests: its database on an embedded PGlite, migrated (see the tests `npm run subgraph:new` writes).
export { openPGlite, openSubgraphDatabase } from './db/database';
export { stableId, insertMissing } from './db/seeding';
export { COUNTRY_CODES } from './reference/country-codes';
export { ILLUSTRATIVE_SITUATION_KEYS, illustrativeSituationId, type IllustrativeSituationKey } from './reference/illustrative-situations';

// The platform pieces a subgraph's resolvers use: the viewer the gateway vouched for, and the client errors.
export { type Viewer, type Role, isAuthenticated, hasRole, ANONYMOUS } from '../../platform/identity';
export { badInput, badInputs, notFound, forbidden, conflict, unauthenticated } from '../../platform/errors';
