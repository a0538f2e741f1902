// Generated worlds: fast-check builds small worlds of organisations, users, situations and records
// derived from them, through the public GraphQL API of one hub; every reader then asks a catalogue
// of paths and each answer is checked against an independent model (world-model.ts) of the brief's
// table and the no-write-down rule. Reproduce with WORLD_SEED, WORLD_RUNS and WORLD_ONLY (an index).
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHub, type GraphQLResponse, type Hub } from '../support/hub';
import { member, tokenFor } from '../support/users';
import {
  ANONYMOUS,
  isAmber,
  LEVELS,
  tableAllows,
  WorldModel,
  type AlertModel,
  type ImportPrediction,
  type ImportRow,
  type ImportSharing,
  type IncidentModel,
  type Level,
  type Reader,
  type RecordModel,
  type RiskLevel,
  type Sharing,
  type TextOwner,
  type Verdict,
} from './world-model';

const SEED = Number(process.env.WORLD_SEED ?? 20_250_909);
const RUNS = Number(process.env.WORLD_RUNS ?? 15);
const ONLY = process.env.WORLD_ONLY === undefined ? null : Number(process.env.WORLD_ONLY);
const READ_CONCURRENCY = 3;

const PARTNERS = ['UN-JO', 'AU', 'ECOWAS', 'ICGLR', 'OSCE', 'EU', 'IGAD'] as const;
// Countries no seed writes to; each world takes one that every partner sees empty at its start.
const COUNTRIES = [
  'TUV',
  'NRU',
  'KIR',
  'MHL',
  'FSM',
  'PLW',
  'WSM',
  'TON',
  'VUT',
  'SLB',
  'FJI',
  'ISL',
  'NOR',
  'FIN',
  'DNK',
  'NZL',
  'LUX',
  'MLT',
  'EST',
  'LVA',
  'LTU',
  'SVN',
  'AND',
  'MCO',
  'SMR',
  'LIE',
  'IRL',
  'PRT',
];
const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH'];

const PROPERTIES = {
  writes:
    'the hub accepts exactly the writes the model accepts; a write-down or an unreadable citation is refused with BAD_USER_INPUT and stores nothing',
  leak: 'no answer holds an id or a text of a record the reader may not read',
  lists: 'lists, lookups and nested lists hold every record the reader may read that belongs there',
  references: 'a reference to a record the reader may not read resolves to null',
  counts: 'totalCount and the aggregates count exactly the records the reader may read',
  derived: 'assessmentNumber, currentLevel and latestAssessment are computed over the assessments the reader may read',
  staff: 'staff ids in status histories and acknowledgements are shown only to members of the organisation they acted for',
  errors: 'a refusal for a situation the writer may not read reads exactly like one for an unknown situation',
  reads: 'every read answers without errors',
  imports:
    'each imported row is created, updated, unchanged or rejected as the model predicts (no write-down against its situation and what the stored incident was derived from), naming the field at fault',
  auditScope: "an admin's audit trail holds only events of records its organisation owns",
  auditComplete:
    'every reader who read or counted an AMBER, AMBER_STRICT or RED record has a READ or AGGREGATE event naming the record and the reader',
  auditReadable: 'no READ or AGGREGATE event names a reader and a record the reader may not read',
} as const;
type Property = keyof typeof PROPERTIES;

// ---------------------------------------------------------------------------------------------
// What fast-check generates: picks, resolved against the world as it is when the step runs.

interface SharingPick {
  level: Level;
  orgs: number;
  users: number;
  /** Start from the cited record's sharing, so that many derivations are allowed. */
  inherit: boolean;
}
interface RecipientsPick {
  toPartners: boolean;
  orgs: number;
}
type Op =
  | { t: 'open'; writer: number; sharing: SharingPick }
  | { t: 'assess'; writer: number; situation: number; sharing: SharingPick; level: RiskLevel }
  | {
      t: 'incident';
      writer: number;
      situation: number | null;
      source: 'none' | 'new' | 'existing';
      pick: number;
      sharing: SharingPick;
      fatalities: number;
    }
  | {
      t: 'draft';
      writer: number;
      situation: number | null;
      sharing: SharingPick;
      recipients: RecipientsPick;
      /** An assessment and an incident of the world the alert cites as its evidence. */
      assessment: number | null;
      incident: number | null;
    }
  | { t: 'updateSituation'; target: number; sharing: SharingPick }
  | { t: 'editAlert'; target: number; change: 'dropSituation' | 'sharing'; sharing: SharingPick }
  | { t: 'correctIncident'; target: number; change: 'dropSituation' | 'sharing' | 'cite'; situation: number; sharing: SharingPick }
  | { t: 'issue'; target: number }
  | { t: 'correctAlert'; target: number; change: 'sharing' | 'dropSituation'; sharing: SharingPick; recipients: RecipientsPick }
  | { t: 'acknowledge'; target: number; reader: number }
  | { t: 'import'; writer: number; format: 'HXL' | 'JSONL'; sharing: SharingPick | null; rows: ImportRowPick[] }
  /** The owner of a situation an imported incident of another organisation cites shares it no longer with that organisation. */
  | { t: 'restrict'; target: number; red: boolean };

interface ImportRowPick {
  /** Re-import one of the organisation's earlier imported incidents (when it has one). */
  again: boolean;
  pick: number;
  /** Name a situation of the world (column or key); otherwise an empty cell in HXL, no key in JSON lines. */
  cite: boolean;
  situation: number;
  /** For a re-import: new notes and fatalities instead of the stored ones. */
  change: boolean;
  fatalities: number;
}

interface WorldPick {
  orgs: string[];
  staff: { editors: number; viewers: number }[];
  ops: Op[];
  /** The epilogue: every organisation imports its imported incidents again, in this format (none: no epilogue). */
  reimport: 'HXL' | 'JSONL' | null;
}

const pick = fc.nat({ max: 1_000 });
const sharingPick: fc.Arbitrary<SharingPick> = fc.record({
  level: fc.constantFrom(...LEVELS),
  orgs: fc.nat({ max: 255 }),
  users: fc.nat({ max: 0xffff }),
  inherit: fc.boolean(),
});
const recipientsPick: fc.Arbitrary<RecipientsPick> = fc.record({ toPartners: fc.boolean(), orgs: fc.nat({ max: 255 }) });
const maybeSituation = fc.option(pick, { nil: null, freq: 4 });
const openOp: fc.Arbitrary<Op> = fc.record({ t: fc.constant('open' as const), writer: pick, sharing: sharingPick });
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: openOp },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('assess' as const),
      writer: pick,
      situation: pick,
      sharing: sharingPick,
      level: fc.constantFrom(...RISK_LEVELS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('incident' as const),
      writer: pick,
      situation: maybeSituation,
      source: fc.constantFrom('none' as const, 'new' as const, 'existing' as const),
      pick,
      sharing: sharingPick,
      fatalities: fc.nat({ max: 40 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('draft' as const),
      writer: pick,
      situation: maybeSituation,
      sharing: sharingPick,
      recipients: recipientsPick,
      assessment: fc.option(pick, { nil: null, freq: 2 }),
      incident: fc.option(pick, { nil: null, freq: 2 }),
    }),
  },
  // Alerts resting on evidence: an assessment and an incident of the world (when there are some), with or without a situation.
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('draft' as const),
      writer: pick,
      situation: maybeSituation,
      sharing: sharingPick,
      recipients: recipientsPick,
      assessment: pick,
      incident: fc.option(pick, { nil: null, freq: 4 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('updateSituation' as const), target: pick, sharing: sharingPick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('editAlert' as const),
      target: pick,
      change: fc.constantFrom('dropSituation' as const, 'sharing' as const),
      sharing: sharingPick,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('correctIncident' as const),
      target: pick,
      change: fc.constantFrom('dropSituation' as const, 'sharing' as const, 'cite' as const),
      situation: pick,
      sharing: sharingPick,
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('issue' as const), target: pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('correctAlert' as const),
      target: pick,
      change: fc.constantFrom('sharing' as const, 'dropSituation' as const),
      sharing: sharingPick,
      recipients: recipientsPick,
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('acknowledge' as const), target: pick, reader: pick }) },
  {
    weight: 7,
    arbitrary: fc.record({
      t: fc.constant('import' as const),
      writer: pick,
      format: fc.constantFrom('HXL' as const, 'JSONL' as const),
      sharing: fc.option(sharingPick, { nil: null, freq: 3 }),
      rows: fc.array(
        fc.record({
          again: fc.constantFrom(true, true, false),
          pick,
          cite: fc.boolean(),
          situation: pick,
          change: fc.constantFrom(false, false, true),
          fatalities: fc.nat({ max: 40 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('restrict' as const), target: pick, red: fc.boolean() }) },
);
const worldPick: fc.Arbitrary<WorldPick> = fc
  .record({
    orgs: fc.shuffledSubarray([...PARTNERS], { minLength: 3, maxLength: 5 }),
    staff: fc.array(fc.record({ editors: fc.integer({ min: 1, max: 2 }), viewers: fc.integer({ min: 0, max: 1 }) }), { minLength: 5, maxLength: 5 }),
    opening: fc.array(openOp, { minLength: 2, maxLength: 3 }),
    rest: fc.array(anyOp, { minLength: 10, maxLength: 16 }),
    reimport: fc.constantFrom('HXL' as const, 'JSONL' as const, null),
  })
  .map(({ orgs, staff, opening, rest, reimport }) => ({ orgs, staff, ops: [...opening, ...rest], reimport }));

// ---------------------------------------------------------------------------------------------
// State shared by all worlds: the hub, every id and text a world wrote, and what was found.

let hub: Hub;
const worlds: WorldModel[] = [];
const idOwners = new Map<string, { world: WorldModel; key: string }>();
const textOwners = new Map<string, TextOwner>();
const tokens = new Map<string, string>();
const findings: { property: Property; world: number; message: string }[] = [];
const timings: string[] = [];
/** How many writes of each kind the model accepted or refused (and why), to see what the worlds exercised. */
const writeStats = new Map<string, number>();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TEXT = /~w\d+\.[a-z0-9.-]+~/g;
const text = (world: WorldModel, label: string) => `~w${world.index}.${label}~`;

function found(property: Property, world: WorldModel, message: string): void {
  findings.push({ property, world: world.index, message: `world ${world.index} (${world.country}): ${message}` });
}

async function ask(reader: Reader, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<GraphQLResponse> {
  let token: string | undefined;
  if (reader.sub && reader.org) {
    token = tokens.get(reader.sub);
    if (!token) tokens.set(reader.sub, (token = await tokenFor(member(reader.org, reader.roles, reader.sub))));
  }
  return hub.query(query, variables, { token, operationName });
}

const who = (reader: Reader) => (reader.org ? `${reader.sub} (${reader.org} ${reader.roles.join('/')})` : 'anonymous');

/**
 * Every world id and world text in `response` must belong to a record the model lets `reader`
 * read. Ids and texts in `exempt` are the caller's own input, which an answer may quote back.
 */
function scanForLeaks(world: WorldModel, reader: Reader, where: string, response: unknown, exempt: string[] = []): void {
  const json = JSON.stringify(response);
  for (const id of new Set(json.match(UUID) ?? [])) {
    const owner = idOwners.get(id.toLowerCase());
    if (owner && !exempt.includes(id.toLowerCase()) && !owner.world.readable(reader, owner.key))
      found(
        'leak',
        world,
        `${who(reader)} on ${where} got the id of ${owner.world.describe(owner.key)}, hidden as ${owner.world.whyHidden(reader, owner.key)}`,
      );
  }
  for (const label of new Set(json.match(TEXT) ?? [])) {
    if (exempt.includes(label)) continue;
    const owner = textOwners.get(label);
    if (!owner) continue;
    const home = worlds[owner.world];
    if (!home.mayReadText(reader, owner)) {
      const whose =
        owner.kind === 'field'
          ? owner.keys.map((k) => `${home.describe(k)}, hidden as ${home.whyHidden(reader, k)}`).join(' / ')
          : owner.kind === 'acknowledgement'
            ? `an acknowledgement of ${home.describe(owner.alert)}`
            : `a refused write (step ${owner.op})`;
      found('leak', world, `${who(reader)} on ${where} got the text ${label} of ${whose}`);
    }
  }
}

/** The ids in `ids` that belong to `world`'s records, as keys; others are foreign. */
function keysOf(world: WorldModel, ids: string[]): { keys: string[]; foreign: string[] } {
  const keys: string[] = [];
  const foreign: string[] = [];
  for (const id of ids) {
    const owner = idOwners.get(id.toLowerCase());
    if (owner?.world === world) keys.push(owner.key);
    else foreign.push(id);
  }
  return { keys, foreign };
}

/** `ids` must hold exactly `expected`: missing readable records and misplaced ones are findings; unreadable ones are leaks (scanForLeaks). */
function expectExactly(world: WorldModel, reader: Reader, where: string, ids: string[], expected: RecordModel[]): void {
  const { keys, foreign } = keysOf(world, ids);
  const want = new Set(expected.map((r) => r.key));
  for (const r of expected)
    if (!keys.includes(r.key))
      found('lists', world, `${who(reader)} on ${where} is missing ${world.describe(r.key)}, which the model lets them read`);
  for (const key of keys)
    if (!want.has(key) && world.readable(reader, key))
      found('lists', world, `${who(reader)} on ${where} lists ${world.describe(key)}, which does not belong there`);
  for (const id of foreign) found('lists', world, `${who(reader)} on ${where} lists ${id}, a record no world wrote here`);
}

function expectCount(world: WorldModel, reader: Reader, where: string, actual: unknown, expected: number, detail = ''): void {
  if (actual !== expected) found('counts', world, `${who(reader)} on ${where} counts ${String(actual)}, the model ${expected}${detail}`);
}

function expectReference(world: WorldModel, reader: Reader, where: string, actual: { id: string } | null | undefined, target: string | null): void {
  const expected = target && world.readable(reader, target) ? world.get(target).id : null;
  const got = actual?.id ?? null;
  if (got === expected) return;
  if (expected === null && target)
    found('references', world, `${who(reader)} on ${where} resolves to ${got}, but the model hides ${world.describe(target)}`);
  else if (expected === null) found('references', world, `${who(reader)} on ${where} resolves to ${got} where nothing is cited`);
  else found('lists', world, `${who(reader)} on ${where} resolves to ${got ?? 'null'}, the model to ${world.describe(target!)}`);
}

async function mapLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

// ---------------------------------------------------------------------------------------------
// Building a world: each step is judged by the model first, then sent to the hub as one writer.

const byMask = <T>(items: T[], mask: number): T[] => items.filter((_, i) => (mask >> i) & 1);

function resolveSharing(world: WorldModel, p: SharingPick, owner: string, source: Sharing | null): Sharing {
  const outsider = PARTNERS.find((code) => !world.orgs.includes(code))!;
  const others = [...world.orgs, outsider].filter((org) => org !== owner);
  const subs = world.readers.filter((r) => r.sub).map((r) => r.sub!);
  const random = (level: Level): Sharing => ({
    ownerOrg: owner,
    classification: level,
    sharedWith: isAmber(level) ? byMask(others, p.orgs) : [],
    sharedWithUsers: level === 'RED' ? byMask(subs, p.users) : [],
  });
  if (!p.inherit || !source || source.classification === 'CLEAR') return random(p.level);
  if (source.classification === 'GREEN') return random(p.level === 'CLEAR' ? 'GREEN' : p.level);
  if (isAmber(source.classification)) {
    if (p.level === 'RED') return { ownerOrg: owner, classification: 'RED', sharedWith: [], sharedWithUsers: [] };
    const circle = [source.ownerOrg, ...source.sharedWith].filter((org) => org !== owner);
    return { ownerOrg: owner, classification: source.classification, sharedWith: byMask(circle, p.orgs), sharedWithUsers: [] };
  }
  return { ownerOrg: owner, classification: 'RED', sharedWith: [], sharedWithUsers: byMask(source.sharedWithUsers, p.users) };
}

function resolveRecipients(
  world: WorldModel,
  p: RecipientsPick,
  owner: string,
  source: Sharing | null,
  inherit: boolean,
): { recipients: string[]; recipientOrgs: string[] } {
  const candidates = inherit && source && isAmber(source.classification) ? [source.ownerOrg, ...source.sharedWith] : world.orgs;
  const orgs = candidates.filter((org) => org !== owner);
  const chosen = byMask(orgs, p.orgs);
  const recipientOrgs = chosen.length ? chosen : orgs.slice(0, 1);
  if (!p.toPartners || recipientOrgs.length === 0) return { recipients: ['SECRETARY_GENERAL'], recipientOrgs: [] };
  return { recipients: ['PARTNER_ORGANISATIONS'], recipientOrgs };
}

const editors = (world: WorldModel) => world.readers.filter((r) => r.roles.includes('editor'));
const editorOf = (world: WorldModel, org: string, n: number) => {
  const own = editors(world).filter((r) => r.org === org);
  return own[n % own.length];
};

/** A writer for a record citing `source`: when inheriting, one whose organisation may derive from it. */
function chooseWriter(world: WorldModel, n: number, source: Sharing | null, inherit: boolean): Reader {
  const all = editors(world);
  if (inherit && source) {
    const fit = all.filter((r) => (source.classification === 'RED' ? r.org === source.ownerOrg : tableAllows(r, source)));
    if (fit.length) return fit[n % fit.length];
  }
  return all[n % all.length];
}

const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);

const MUTATIONS = {
  openSituation: 'mutation Open($input: OpenSituationInput!) { openSituation(input: $input) { id version } }',
  updateSituation: 'mutation Update($input: UpdateSituationInput!) { updateSituation(input: $input) { id version } }',
  addRiskAssessment: 'mutation Assess($input: AddRiskAssessmentInput!) { addRiskAssessment(input: $input) { id version } }',
  reportIncident: 'mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { id version source { id } } }',
  correctIncident: 'mutation CorrectIncident($input: CorrectIncidentInput!) { correctIncident(input: $input) { id version } }',
  draftAlert: 'mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { id version } }',
  editAlert: 'mutation Edit($input: EditAlertInput!) { editAlert(input: $input) { id version } }',
  issueAlert: 'mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { id version } }',
  correctAlert: 'mutation CorrectAlert($input: CorrectAlertInput!) { correctAlert(input: $input) { id version } }',
  acknowledgeAlert: 'mutation Acknowledge($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { id } }',
} as const;
type MutationName = keyof typeof MUTATIONS;

// The answer to the last write (steps run one at a time), for a refusal's second look.
let lastResponse: GraphQLResponse | null = null;

const sharingInput = (s: Sharing) => ({ classification: s.classification, sharedWith: s.sharedWith, sharedWithUsers: s.sharedWithUsers });

/**
 * Sends one write and holds the hub to the model's verdict. Returns the stored record when the hub
 * accepted it (the model follows the hub, so that later reads are judged against what exists).
 */
async function write(
  world: WorldModel,
  step: number,
  writer: Reader,
  name: MutationName,
  input: Record<string, unknown>,
  verdict: Verdict,
  texts: string[],
  context: string,
): Promise<Record<string, any> | null> {
  lastResponse = null;
  const response = await ask(writer, MUTATIONS[name], { input });
  const stored = response.errors?.length ? null : (response.data?.[name] ?? null);
  const errors = (response.errors ?? []).map((e) => `${String(e.extensions?.code)}: ${e.message}`).join('; ');
  const where = `step ${step} ${name} by ${who(writer)} (${context})`;
  const stat = `${name} ${verdict.accept ? 'accepted' : `refused ${verdict.code}${verdict.reason.startsWith('write-down') ? ' (write-down)' : ''}`}`;
  writeStats.set(stat, (writeStats.get(stat) ?? 0) + 1);
  if (verdict.accept && !stored) found('writes', world, `${where} was refused (${errors}); the model accepts it`);
  if (!verdict.accept && stored) found('writes', world, `${where} was stored; the model refuses it: ${verdict.reason}`);
  if (!verdict.accept && !stored && verdict.code === 'BAD_USER_INPUT') {
    const codes = (response.errors ?? []).map((e) => e.extensions?.code);
    if (codes.length !== 1 || codes[0] !== 'BAD_USER_INPUT')
      found('writes', world, `${where} was refused with ${errors}; the model expects one BAD_USER_INPUT (${verdict.reason})`);
  }
  // The writer's own input (the ids it sent, the texts it wrote) may be quoted back to it.
  const sent = (JSON.stringify(input).match(UUID) ?? []).map((id) => id.toLowerCase());
  scanForLeaks(world, writer, `the answer to ${where}`, response, [...texts, ...sent]);
  if (!stored) for (const label of texts) if (!textOwners.has(label)) textOwners.set(label, { kind: 'refused', world: world.index, op: step });
  lastResponse = response;
  return stored;
}

/** The version `writer` reads now (the hub may have changed it on its own, e.g. a derived record following its source). */
async function currentVersion(world: WorldModel, writer: Reader, record: RecordModel): Promise<number> {
  let answer: number | undefined;
  if (record.kind === 'situation')
    answer = (await ask(writer, 'query($id: ID!) { situation(id: $id) { version } }', { id: record.id })).data?.situation?.version;
  if (record.kind === 'alert') answer = (await ask(writer, 'query($id: ID!) { alert(id: $id) { version } }', { id: record.id })).data?.alert?.version;
  if (record.kind === 'incident') {
    const response = await ask(writer, 'query($c: [String!]) { incidents(filter: { countries: $c }, first: 100) { nodes { id version } } }', {
      c: [world.country],
    });
    answer = response.data?.incidents?.nodes?.find((n: { id: string }) => n.id === record.id)?.version;
  }
  return answer ?? record.version;
}

function remember(world: WorldModel, record: RecordModel, texts: string[]): void {
  world.records.set(record.key, record);
  idOwners.set(record.id.toLowerCase(), { world, key: record.key });
  for (const label of texts) textOwners.set(label, { kind: 'field', world: world.index, keys: [record.key] });
}

/** When the model says the situation is hidden from the writer, the refusal must read as for an unknown id. */
async function compareWithUnknown(
  world: WorldModel,
  step: number,
  writer: Reader,
  name: MutationName,
  input: Record<string, unknown>,
  hiddenId: string,
  first: GraphQLResponse | null,
): Promise<void> {
  if (!first?.errors?.length) return;
  const unknownId = randomUUID();
  const again = await ask(writer, MUTATIONS[name], {
    input: { ...input, situationId: unknownId, ...(input.idempotencyKey ? { idempotencyKey: `${input.idempotencyKey}-unknown` } : {}) },
  });
  const normal = (r: GraphQLResponse, id: string) =>
    JSON.stringify(
      (r.errors ?? []).map((e) => ({ message: e.message.split(id).join('<id>'), code: e.extensions?.code, fields: e.extensions?.fields })),
    );
  if (normal(first, hiddenId) !== normal(again, unknownId))
    found(
      'errors',
      world,
      `step ${step} ${name} by ${who(writer)}: citing hidden ${world.describe(world.all('situation').find((s) => s.id === hiddenId)!.key)} answers ${normal(first, hiddenId)}, an unknown one ${normal(again, unknownId)}`,
    );
}

async function runStep(world: WorldModel, step: number, op: Op): Promise<void> {
  const situations = world.all('situation');
  const alerts = world.all('alert');
  const key = (letter: string) => `${letter}${step}`;
  switch (op.t) {
    case 'open': {
      const writer = editors(world)[op.writer % editors(world).length];
      const sharing = resolveSharing(world, op.sharing, writer.org!, null);
      const texts = [text(world, `s${step}.title`), text(world, `s${step}.summary`)];
      const input = {
        idempotencyKey: `gw-${SEED}-w${world.index}-s${step}`,
        ...sharingInput(sharing),
        countryIso3: world.country,
        title: texts[0],
        summary: texts[1],
        crimes: ['GENOCIDE'],
        openedOn: '2024-01-01',
      };
      const stored = await write(world, step, writer, 'openSituation', input, { accept: true }, texts, sharing.classification);
      if (stored)
        remember(world, { kind: 'situation', key: key('S'), id: stored.id, sharing, order: world.nextOrder(), version: stored.version }, texts);
      return;
    }
    case 'assess': {
      if (!situations.length) return;
      const situation = situations[op.situation % situations.length];
      const writer = chooseWriter(world, op.writer, situation.sharing, op.sharing.inherit);
      const sharing = resolveSharing(world, op.sharing, writer.org!, situation.sharing);
      const texts = [text(world, `r${step}.summary`)];
      const input = {
        idempotencyKey: `gw-${SEED}-w${world.index}-r${step}`,
        ...sharingInput(sharing),
        situationId: situation.id,
        assessedOn: day(step),
        overallLevel: op.level,
        crimes: ['GENOCIDE'],
        summary: texts[0],
        factors: [{ riskFactor: 'RF1', level: op.level }],
      };
      const verdict = world.judgeDerivation(writer, [{ key: situation.key, field: 'situationId' }], [situation.key], sharing);
      const context = `${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}] citing ${world.describe(situation.key)}`;
      const response = await write(world, step, writer, 'addRiskAssessment', input, verdict, texts, context);
      if (response)
        remember(
          world,
          {
            kind: 'assessment',
            key: key('R'),
            id: response.id,
            sharing,
            order: world.nextOrder(),
            version: response.version,
            situation: situation.key,
            floor: new Set([situation.key]),
            overallLevel: op.level,
            assessedOn: day(step),
          },
          texts,
        );
      if (!verdict.accept && !world.readable(writer, situation.key))
        await compareWithUnknown(world, step, writer, 'addRiskAssessment', input, situation.id, lastResponse);
      return;
    }
    case 'incident': {
      const situation = op.situation === null || !situations.length ? null : situations[op.situation % situations.length];
      const sources = world.all('source');
      const existing = op.source === 'existing' && sources.length ? sources[op.pick % sources.length] : null;
      const basis = situation?.sharing ?? existing?.sharing ?? null;
      const writer = chooseWriter(world, op.writer, basis, op.sharing.inherit);
      const sharing = resolveSharing(world, op.sharing, writer.org!, basis);
      const texts = [text(world, `i${step}.notes`), ...(op.source === 'new' ? [text(world, `i${step}.source.name`)] : [])];
      const input: Record<string, unknown> = {
        idempotencyKey: `gw-${SEED}-w${world.index}-i${step}`,
        ...sharingInput(sharing),
        countryIso3: world.country,
        occurredOn: day(step),
        eventType: 'Violence against civilians',
        notes: texts[0],
        fatalitiesBest: op.fatalities,
        ...(situation ? { situationId: situation.id } : {}),
        ...(existing ? { sourceId: existing.id } : {}),
        ...(op.source === 'new' ? { source: { name: texts[1], type: 'NGO', region: 'Global' } } : {}),
      };
      const cited = [
        ...(situation ? [{ key: situation.key, field: 'situationId' }] : []),
        ...(existing ? [{ key: existing.key, field: 'sourceId' }] : []),
      ];
      const verdict = world.judgeDerivation(
        writer,
        cited,
        cited.map((c) => c.key),
        sharing,
      );
      const context = `${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}] citing ${cited.map((c) => world.describe(c.key)).join(' and ') || 'nothing'}`;
      const stored = await write(world, step, writer, 'reportIncident', input, verdict, texts, context);
      if (situation && !verdict.accept && !world.readable(writer, situation.key) && (!existing || world.readable(writer, existing.key))) {
        await compareWithUnknown(world, step, writer, 'reportIncident', input, situation.id, lastResponse);
      }
      if (!stored) return;
      const floor = new Set(cited.map((c) => c.key));
      let sourceKey = existing?.key ?? null;
      if (op.source === 'new' && stored.source?.id) {
        sourceKey = key('Q');
        remember(world, { kind: 'source', key: sourceKey, id: stored.source.id, sharing, order: world.nextOrder(), version: 1 }, [texts[1]]);
        floor.add(sourceKey);
      }
      remember(
        world,
        {
          kind: 'incident',
          key: key('I'),
          id: stored.id,
          sharing,
          order: world.nextOrder(),
          version: stored.version,
          situation: situation?.key ?? null,
          source: sourceKey,
          floor,
          fatalities: op.fatalities,
          externalId: null,
          occurredOn: day(step),
          notes: texts[0],
        },
        [texts[0]],
      );
      return;
    }
    case 'draft': {
      const situation = op.situation === null || !situations.length ? null : situations[op.situation % situations.length];
      const assessments = world.all('assessment');
      // Incidents reported through the API: an import that later attaches one to a situation does not tell the alerts subgraph (see README).
      const incidents = world.all('incident').filter((i) => i.externalId === null);
      const assessment = op.assessment === null || !assessments.length ? null : assessments[op.assessment % assessments.length];
      const incident = op.incident === null || !incidents.length ? null : incidents[op.incident % incidents.length];
      const basis = situation?.sharing ?? assessment?.sharing ?? incident?.sharing ?? null;
      const writer = chooseWriter(world, op.writer, basis, op.sharing.inherit);
      const sharing = resolveSharing(world, op.sharing, writer.org!, basis);
      const recipients = resolveRecipients(world, op.recipients, writer.org!, basis, op.sharing.inherit);
      const citedAssessments = assessment ? [assessment.key] : [];
      const citedIncidents = incident ? [incident.key] : [];
      const texts = [text(world, `a${step}.title`), text(world, `a${step}.body`)];
      const input = {
        idempotencyKey: `gw-${SEED}-w${world.index}-a${step}`,
        type: 'EARLY_WARNING',
        level: 'HIGH',
        title: texts[0],
        body: texts[1],
        ...recipients,
        crimes: ['GENOCIDE'],
        countryIso3: world.country,
        ...(situation ? { situationId: situation.id } : {}),
        citedAssessmentIds: assessment ? [assessment.id] : [],
        citedIncidentIds: incident ? [incident.id] : [],
        ...sharingInput(sharing),
      };
      const verdict = world.judgeAlertDraft(writer, situation?.key ?? null, {
        sharing,
        recipientOrgs: recipients.recipientOrgs,
        citedAssessments,
        citedIncidents,
      });
      const cites = [situation, assessment, incident].filter((r) => r !== null).map((r) => world.describe(r.key));
      const context = `${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}] to [${recipients.recipientOrgs}] citing ${cites.join(' and ') || 'nothing'}`;
      const stored = await write(world, step, writer, 'draftAlert', input, verdict, texts, context);
      if (assessment || incident) {
        const stat = `draftAlert citing evidence ${stored ? 'accepted' : 'refused'}`;
        writeStats.set(stat, (writeStats.get(stat) ?? 0) + 1);
      }
      if (stored) {
        remember(
          world,
          {
            kind: 'alert',
            key: key('A'),
            id: stored.id,
            sharing,
            order: world.nextOrder(),
            version: stored.version,
            status: 'DRAFT',
            recipientOrgs: recipients.recipientOrgs,
            situation: situation?.key ?? null,
            citedAssessments,
            citedIncidents,
            floor: world.alertFloor(situation?.key ?? null, [...citedAssessments, ...citedIncidents]),
            supersedes: null,
            supersededBy: null,
            history: [{ toStatus: 'DRAFT', changedBy: writer.sub!, changedByOrg: writer.org!, note: null }],
            acknowledgements: [],
          },
          texts,
        );
      }
      if (situation && !verdict.accept && !world.readable(writer, situation.key))
        await compareWithUnknown(world, step, writer, 'draftAlert', input, situation.id, lastResponse);
      return;
    }
    case 'updateSituation': {
      if (!situations.length) return;
      const situation = situations[op.target % situations.length];
      const writer = editorOf(world, situation.sharing.ownerOrg, op.target);
      const sharing = resolveSharing(world, { ...op.sharing, inherit: false }, situation.sharing.ownerOrg, null);
      const input = { id: situation.id, version: await currentVersion(world, writer, situation), ...sharingInput(sharing) };
      const verdict = world.judgeTarget(writer, situation.key) ?? { accept: true };
      const stored = await write(
        world,
        step,
        writer,
        'updateSituation',
        input,
        verdict,
        [],
        `${world.describe(situation.key)} to ${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}]`,
      );
      if (stored) Object.assign(situation, { sharing, version: stored.version });
      return;
    }
    case 'editAlert': {
      const drafts = alerts.filter((a) => a.status === 'DRAFT');
      if (!drafts.length) return;
      const alert = drafts[op.target % drafts.length];
      const writer = editorOf(world, alert.sharing.ownerOrg, op.target);
      const drop = op.change === 'dropSituation' && alert.situation !== null;
      const sharing = drop
        ? alert.sharing
        : resolveSharing(world, op.sharing, alert.sharing.ownerOrg, alert.situation ? world.get(alert.situation).sharing : null);
      const next = { situation: drop ? null : alert.situation, sharing, recipientOrgs: alert.recipientOrgs };
      const input = { id: alert.id, version: await currentVersion(world, writer, alert), ...(drop ? { situationId: null } : sharingInput(sharing)) };
      const verdict = world.judgeAlertEdit(writer, alert.key, next);
      const stored = await write(
        world,
        step,
        writer,
        'editAlert',
        input,
        verdict,
        [],
        `${world.describe(alert.key)}: ${drop ? 'drop its situation' : `to ${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}]`}`,
      );
      if (stored) Object.assign(alert, { situation: next.situation, sharing, version: stored.version });
      return;
    }
    case 'correctIncident': {
      const incidents = world.all('incident');
      if (!incidents.length) return;
      const incident = incidents[op.target % incidents.length];
      const writer = editorOf(world, incident.sharing.ownerOrg, op.target);
      const change = op.change === 'dropSituation' && !incident.situation ? 'sharing' : op.change;
      const cite = change === 'cite' && situations.length ? situations[op.situation % situations.length] : null;
      const sharing =
        change === 'sharing'
          ? resolveSharing(world, op.sharing, incident.sharing.ownerOrg, incident.situation ? world.get(incident.situation).sharing : null)
          : incident.sharing;
      const situation = change === 'dropSituation' ? null : cite ? cite.key : incident.situation;
      const input = {
        id: incident.id,
        version: await currentVersion(world, writer, incident),
        ...(change === 'dropSituation' ? { situationId: null } : {}),
        ...(cite ? { situationId: cite.id } : {}),
        ...(change === 'sharing' ? sharingInput(sharing) : {}),
      };
      const floor = new Set([...incident.floor, ...(situation ? [situation] : [])]);
      const verdict =
        world.judgeTarget(writer, incident.key) ??
        world.judgeDerivation(writer, cite && cite.key !== incident.situation ? [{ key: cite.key, field: 'situationId' }] : [], floor, sharing);
      const stored = await write(
        world,
        step,
        writer,
        'correctIncident',
        input,
        verdict,
        [],
        `${world.describe(incident.key)}: ${change} ${cite ? world.describe(cite.key) : ''} ${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}]`,
      );
      if (stored) {
        Object.assign(incident, { situation, sharing, floor, version: stored.version });
        world.followIncident(incident.key);
      }
      return;
    }
    case 'issue': {
      const drafts = alerts.filter((a) => a.status === 'DRAFT');
      if (!drafts.length) return;
      const alert = drafts[op.target % drafts.length];
      const writer = editorOf(world, alert.sharing.ownerOrg, op.target);
      const note = text(world, `a${step}.issue-note`);
      const input = { id: alert.id, version: await currentVersion(world, writer, alert), note };
      const verdict = world.judgeIssue(writer, alert.key);
      const stored = await write(world, step, writer, 'issueAlert', input, verdict, [note], world.describe(alert.key));
      if (stored) {
        alert.status = 'ISSUED';
        alert.version = stored.version;
        alert.history.push({ toStatus: 'ISSUED', changedBy: writer.sub!, changedByOrg: writer.org!, note });
        textOwners.set(note, { kind: 'field', world: world.index, keys: [alert.key] });
      }
      return;
    }
    case 'correctAlert': {
      const issued = alerts.filter((a) => a.status === 'ISSUED');
      if (!issued.length) return;
      const old = issued[op.target % issued.length];
      const writer = editorOf(world, old.sharing.ownerOrg, op.target);
      const drop = op.change === 'dropSituation' && old.situation !== null;
      const source = old.situation ? world.get(old.situation).sharing : null;
      const sharing = resolveSharing(world, op.sharing, old.sharing.ownerOrg, source);
      const recipients = resolveRecipients(world, op.recipients, old.sharing.ownerOrg, source, op.sharing.inherit);
      const texts = [text(world, `a${step}.title`), text(world, `a${step}.body`), text(world, `a${step}.correction-note`)];
      const next = { situation: drop ? null : old.situation, sharing, recipientOrgs: recipients.recipientOrgs };
      const input = {
        idempotencyKey: `gw-${SEED}-w${world.index}-c${step}`,
        id: old.id,
        version: await currentVersion(world, writer, old),
        note: texts[2],
        title: texts[0],
        body: texts[1],
        ...recipients,
        ...sharingInput(sharing),
        ...(drop ? { situationId: null } : {}),
      };
      const verdict = world.judgeCorrection(writer, old.key, next);
      const stored = await write(
        world,
        step,
        writer,
        'correctAlert',
        input,
        verdict,
        texts,
        `${world.describe(old.key)} to ${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}] to [${recipients.recipientOrgs}]${drop ? ', dropping its situation' : ''}`,
      );
      if (!stored) return;
      const correction: AlertModel = {
        kind: 'alert',
        key: key('A'),
        id: stored.id,
        sharing,
        order: world.nextOrder(),
        version: stored.version,
        status: old.status,
        recipientOrgs: recipients.recipientOrgs,
        situation: next.situation,
        citedAssessments: old.citedAssessments,
        citedIncidents: old.citedIncidents,
        floor: new Set([...old.floor, ...(next.situation ? [next.situation] : [])]),
        supersedes: old.key,
        supersededBy: null,
        history: [{ toStatus: old.status, changedBy: writer.sub!, changedByOrg: writer.org!, note: texts[2] }],
        acknowledgements: [],
      };
      remember(world, correction, texts.slice(0, 2));
      Object.assign(old, { status: 'SUPERSEDED', supersededBy: correction.key });
      old.history.push({ toStatus: 'SUPERSEDED', changedBy: writer.sub!, changedByOrg: writer.org!, note: texts[2] });
      textOwners.set(texts[2], { kind: 'field', world: world.index, keys: [old.key, correction.key] });
      return;
    }
    case 'acknowledge': {
      const sent = alerts.filter((a) => a.status !== 'DRAFT');
      if (!sent.length) return;
      const alert = sent[op.target % sent.length];
      const members = world.readers.filter((r) => r.org && alert.recipientOrgs.includes(r.org));
      const pool = members.length ? members : world.readers.filter((r) => r.org);
      const reader = pool[op.reader % pool.length];
      const note = text(world, `k${step}.note`);
      const verdict = world.judgeAcknowledgement(reader, alert.key);
      const stored = await write(world, step, reader, 'acknowledgeAlert', { alertId: alert.id, note }, verdict, [note], world.describe(alert.key));
      if (stored && !alert.acknowledgements.some((a) => a.org === reader.org)) {
        alert.acknowledgements.push({ org: reader.org!, sub: reader.sub!, note });
        textOwners.set(note, { kind: 'acknowledgement', world: world.index, alert: alert.key });
      } else if (!textOwners.has(note)) textOwners.set(note, { kind: 'refused', world: world.index, op: step });
      return;
    }
    case 'import':
      return importStep(world, step, op);
    case 'restrict': {
      // Mostly a situation an imported incident cites (so that a later re-import meets a stored incident its owner may no longer read), else any cited one.
      const citing = (imported: boolean) =>
        world.all('incident').flatMap((i) =>
          (i.externalId !== null) !== imported
            ? []
            : [...i.floor]
                .map((k) => world.get(k))
                .filter((s) => s.kind === 'situation' && s.sharing.ownerOrg !== i.sharing.ownerOrg)
                .map((s) => ({ situation: s, importer: i.sharing.ownerOrg })),
        );
      const cited = citing(true).length && op.target % 3 !== 0 ? citing(true) : [...citing(true), ...citing(false)];
      if (!cited.length) return;
      const { situation, importer } = cited[op.target % cited.length];
      const writer = editorOf(world, situation.sharing.ownerOrg, op.target);
      const circle = isAmber(situation.sharing.classification)
        ? situation.sharing.sharedWith
        : world.orgs.filter((org) => org !== situation.sharing.ownerOrg);
      const sharing: Sharing = op.red
        ? { ownerOrg: situation.sharing.ownerOrg, classification: 'RED', sharedWith: [], sharedWithUsers: [] }
        : {
            ownerOrg: situation.sharing.ownerOrg,
            classification: 'AMBER',
            sharedWith: circle.filter((org) => org !== importer),
            sharedWithUsers: [],
          };
      const input = { id: situation.id, version: await currentVersion(world, writer, situation), ...sharingInput(sharing) };
      const verdict = world.judgeTarget(writer, situation.key) ?? { accept: true };
      const stored = await write(
        world,
        step,
        writer,
        'updateSituation',
        input,
        verdict,
        [],
        `${world.describe(situation.key)} to ${sharing.classification} [${sharing.sharedWith}], no longer for ${importer}`,
      );
      if (stored) Object.assign(situation, { sharing, version: stored.version });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Imports: an editor imports a small file through importIncidents; the model predicts every row.

const IMPORT = `mutation Import($input: ImportIncidentsInput!) {
  importIncidents(input: $input) { rows created updated unchanged rejected outcomes { line externalId status id errors { field column message } } }
}`;

interface ImportOutcome {
  line: number;
  externalId: string | null;
  status: string;
  id: string | null;
  errors: { field: string; column: string | null; message: string }[];
}

/** A row as it goes into the file: `situationId` is an id, null (an empty cell or null) or 'absent' (no column, no key). */
interface FileRow {
  externalId: string;
  occurredOn: string;
  notes: string;
  fatalities: number;
  situationId: string | null | 'absent';
}

function importFile(world: WorldModel, format: 'HXL' | 'JSONL', rows: FileRow[]): string {
  if (format === 'JSONL') {
    return rows
      .map((r) =>
        JSON.stringify({
          externalId: r.externalId,
          occurredOn: r.occurredOn,
          countryIso3: world.country,
          eventType: 'Violence against civilians',
          notes: r.notes,
          fatalitiesBest: r.fatalities,
          ...(r.situationId === 'absent' ? {} : { situationId: r.situationId }),
        }),
      )
      .join('\n')
      .concat('\n');
  }
  const withSituation = rows.some((r) => r.situationId !== 'absent');
  const header = [
    '#meta+id',
    '#date',
    '#country+code',
    '#event+type',
    '#description',
    '#affected+killed',
    ...(withSituation ? ['#meta+situation'] : []),
  ];
  const lines = rows.map((r) =>
    [
      r.externalId,
      r.occurredOn,
      world.country,
      'Violence against civilians',
      r.notes,
      String(r.fatalities),
      ...(withSituation ? [r.situationId === 'absent' ? '' : (r.situationId ?? '')] : []),
    ].join(','),
  );
  return ['External id,Date,Country,Event,Notes,Killed' + (withSituation ? ',Situation' : ''), header.join(','), ...lines].join('\n').concat('\n');
}

const importInput = (format: 'HXL' | 'JSONL', content: string, options: ImportSharing | null) => ({
  format,
  content,
  ...(options ? { classification: options.classification, sharedWith: options.sharedWith } : {}),
});

/** An outcome as a reader may compare it with another: the ids replaced, line and external id left out. */
// An id is compared away: the hub quotes back the id a row sent, and none when the row named none.
const QUOTED_ID = new RegExp(` ?${UUID.source}`, 'gi');
const comparable = (o: ImportOutcome | undefined) =>
  JSON.stringify(
    o
      ? { status: o.status, id: o.id, errors: o.errors.map((e) => ({ field: e.field, column: e.column, message: e.message.replace(QUOTED_ID, '') })) }
      : null,
  );

async function importStep(world: WorldModel, step: number, op: Extract<Op, { t: 'import' }>): Promise<void> {
  const situations = world.all('situation');
  const imported = world.all('incident').filter((i) => i.externalId !== null);
  const again = op.rows.some((r) => r.again) && imported.length > 0;
  // Every other time, re-import as an organisation one of whose imported incidents it may no longer read, if there is one.
  const hiddenFromOwner = imported.filter((i) => !world.readable(editorOf(world, i.sharing.ownerOrg, 0), i.key));
  const reimported = op.writer % 2 === 0 && hiddenFromOwner.length ? hiddenFromOwner : imported;
  const firstCited = situations.length ? op.rows.find((r) => r.cite) : undefined;
  const basis = firstCited ? situations[firstCited.situation % situations.length].sharing : null;
  const writer = again
    ? editorOf(world, reimported[op.writer % reimported.length].sharing.ownerOrg, op.writer)
    : chooseWriter(world, op.writer, basis, op.sharing?.inherit ?? false);
  const resolved = op.sharing ? resolveSharing(world, op.sharing, writer.org!, basis) : null;
  const options: ImportSharing | null = resolved
    ? { classification: resolved.classification, sharedWith: [...new Set(resolved.sharedWith)].sort() }
    : null;
  const own = imported.filter((i) => i.sharing.ownerOrg === writer.org);
  const taken = new Set<string>();
  const withSituation = op.format === 'HXL' && situations.length > 0 && op.rows.some((r) => r.cite);
  const rows: ImportRow[] = op.rows.map((r, n) => {
    const hidden = own.filter((i) => !taken.has(i.key) && hiddenFromOwner.includes(i));
    const free = op.writer % 2 === 0 && hidden.length ? hidden : own.filter((i) => !taken.has(i.key));
    const target = r.again && free.length ? free[r.pick % free.length] : null;
    if (target) taken.add(target.key);
    const situation = r.cite && situations.length ? situations[r.situation % situations.length].key : withSituation ? null : 'absent';
    if (target && !r.change)
      return { externalId: target.externalId!, situation, occurredOn: target.occurredOn, notes: target.notes, fatalities: target.fatalities };
    return {
      externalId: target?.externalId ?? `gw-${SEED}-w${world.index}-x${step}-${n}`,
      situation,
      occurredOn: target?.occurredOn ?? day(step),
      notes: text(world, `x${step}-${n}.notes`),
      fatalities: r.fatalities,
    };
  });
  await sendImport(world, step, writer, op.format, options, rows);
}

/**
 * The world's epilogue: each organisation that imported incidents imports them all again as they
 * are (no situation column or key, no sharing given), as a partner re-imports its own file; a
 * stored incident it may no longer read must be left alone and read like an unknown situation.
 */
async function reimportAll(world: WorldModel, step: number, format: 'HXL' | 'JSONL'): Promise<void> {
  const imported = world.all('incident').filter((i) => i.externalId !== null);
  for (const org of world.orgs) {
    const own = imported.filter((i) => i.sharing.ownerOrg === org).slice(0, 5);
    if (!own.length) continue;
    const rows: ImportRow[] = own.map((i) => ({
      externalId: i.externalId!,
      situation: 'absent',
      occurredOn: i.occurredOn,
      notes: i.notes,
      fatalities: i.fatalities,
    }));
    await sendImport(world, step, editorOf(world, org, step), format, null, rows);
  }
}

async function sendImport(
  world: WorldModel,
  step: number,
  writer: Reader,
  format: 'HXL' | 'JSONL',
  options: ImportSharing | null,
  rows: ImportRow[],
): Promise<void> {
  const predictions = rows.map((row) => world.judgeImportRow(writer, row, options));
  const fileRows = (rs: ImportRow[]): FileRow[] =>
    rs.map((r) => ({
      externalId: r.externalId,
      occurredOn: r.occurredOn,
      notes: r.notes,
      fatalities: r.fatalities,
      situationId: r.situation === null || r.situation === 'absent' ? r.situation : world.get(r.situation).id,
    }));
  const content = importFile(world, format, fileRows(rows));
  const response = await ask(writer, IMPORT, { input: importInput(format, content, options) });
  const where = `step ${step} importIncidents (${format}${options ? `, ${options.classification} [${options.sharedWith}]` : ', no sharing given'}) by ${who(writer)}`;
  const texts = rows.map((r) => r.notes);
  const sent = (content.match(UUID) ?? []).map((id) => id.toLowerCase());
  const report = response.data?.importIncidents;
  // The report row by row (a counterexample then quotes the row's errors), and the rest of the answer.
  scanForLeaks(world, writer, `the answer to ${where}`, { ...response, data: report ? { ...report, outcomes: undefined } : response.data }, [
    ...texts,
    ...sent,
  ]);
  for (const [n, outcome] of ((report?.outcomes ?? []) as ImportOutcome[]).entries()) {
    scanForLeaks(
      world,
      writer,
      `the answer to ${where}, row ${n + 1} (${outcome.externalId}, ${rows[n]?.situation === 'absent' ? 'no situation in the row' : 'the row names a situation'}): ${outcome.status} ${JSON.stringify(outcome.errors)}`,
      outcome,
      [...texts, ...sent],
    );
  }
  if (response.errors?.length || !report) {
    found('imports', world, `${where} failed: ${(response.errors ?? []).map((e) => `${String(e.extensions?.code)} ${e.message}`).join('; ')}`);
    for (const label of texts) if (!textOwners.has(label)) textOwners.set(label, { kind: 'refused', world: world.index, op: step });
    return;
  }
  const outcomes: ImportOutcome[] = report.outcomes ?? [];
  if (report.rows !== rows.length || outcomes.length !== rows.length)
    found('imports', world, `${where}: ${rows.length} rows sent, the report counts ${report.rows} and lists ${outcomes.length}`);
  for (const [n, row] of rows.entries()) {
    const prediction = predictions[n];
    const outcome = outcomes[n];
    const rowWhere = `${where}, row ${n + 1} (${row.externalId}${row.situation === 'absent' ? ', no situation' : `, situation ${row.situation === null ? 'empty' : world.describe(row.situation)}`}${prediction.target ? `, stored ${world.describe(prediction.target)}` : ''})`;
    const stat = `importIncidents row ${prediction.status}${prediction.status === 'rejected' ? ` (${prediction.why})` : ''}`;
    writeStats.set(stat, (writeStats.get(stat) ?? 0) + 1);
    if (!outcome) continue;
    if (outcome.externalId !== row.externalId) found('imports', world, `${rowWhere}: the outcome names ${outcome.externalId}`);
    if (outcome.status !== prediction.status)
      found(
        'imports',
        world,
        `${rowWhere} was ${outcome.status} (${outcome.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}); the model expects ${prediction.status}: ${prediction.reason}`,
      );
    else if (prediction.status === 'rejected') {
      const fields = outcome.errors.map((e) => e.field);
      const fit =
        prediction.why === 'write-down'
          ? fields.length > 0 && fields.every((f) => ['classification', 'sharedWith', 'sharedWithUsers'].includes(f))
          : JSON.stringify(fields) === JSON.stringify(prediction.fields);
      if (!fit)
        found(
          'imports',
          world,
          `${rowWhere} was rejected naming [${fields}] (${outcome.errors.map((e) => e.message).join('; ')}); the model expects ${prediction.why === 'write-down' ? `write-down fields (${prediction.fields})` : `[${prediction.fields}]`}: ${prediction.reason}`,
        );
    }
    followImport(world, step, n, row, prediction, outcome, rowWhere);
    if (prediction.status === 'rejected' && prediction.why !== 'write-down' && outcome.status === 'rejected')
      await compareImportWithUnknown(world, step, writer, format, options, fileRows([row])[0], outcome, prediction);
  }
}

/** The model follows what the hub did with the row, so that later reads are judged against what exists. */
function followImport(
  world: WorldModel,
  step: number,
  n: number,
  row: ImportRow,
  prediction: ImportPrediction,
  outcome: ImportOutcome,
  where: string,
): void {
  const target = prediction.target ? (world.get(prediction.target) as IncidentModel) : null;
  if (outcome.status === 'created') {
    if (!outcome.id || idOwners.has(outcome.id.toLowerCase()) || target)
      found(
        'imports',
        world,
        `${where} was created as ${outcome.id}${target ? `, though ${row.externalId} is stored as ${world.describe(target.key)}` : ''}`,
      );
    if (!outcome.id || target) return;
    remember(
      world,
      {
        kind: 'incident',
        key: `X${step}.${n}`,
        id: outcome.id,
        sharing: prediction.sharing,
        order: world.nextOrder(),
        version: 1,
        situation: prediction.situation,
        source: null,
        floor: prediction.floor,
        fatalities: row.fatalities,
        externalId: row.externalId,
        occurredOn: row.occurredOn,
        notes: row.notes,
      },
      [row.notes],
    );
    return;
  }
  if (outcome.status === 'updated' || outcome.status === 'unchanged') {
    if (!target || outcome.id !== target.id)
      return found('imports', world, `${where} was ${outcome.status} as ${outcome.id}, the model expects ${target ? target.id : 'a new incident'}`);
    if (outcome.status === 'updated') {
      Object.assign(target, {
        sharing: prediction.sharing,
        situation: prediction.situation,
        floor: prediction.floor,
        fatalities: row.fatalities,
        occurredOn: row.occurredOn,
        notes: row.notes,
        version: target.version + 1,
      });
      textOwners.set(row.notes, { kind: 'field', world: world.index, keys: [target.key] });
    }
    return;
  }
  if (outcome.id) found('imports', world, `${where} was rejected, yet names the incident ${outcome.id}`);
  if (!textOwners.has(row.notes)) textOwners.set(row.notes, { kind: 'refused', world: world.index, op: step });
}

/** A row rejected as naming a situation the importer may not read must read like one naming an unknown situation. */
async function compareImportWithUnknown(
  world: WorldModel,
  step: number,
  writer: Reader,
  format: 'HXL' | 'JSONL',
  options: ImportSharing | null,
  row: FileRow,
  first: ImportOutcome,
  prediction: ImportPrediction,
): Promise<void> {
  const probe: FileRow = { ...row, externalId: `${row.externalId}-unknown`, situationId: randomUUID() };
  const response = await ask(writer, IMPORT, { input: importInput(format, importFile(world, format, [probe]), options) });
  const again: ImportOutcome | undefined = response.data?.importIncidents?.outcomes?.[0];
  if (comparable(first) !== comparable(again)) {
    found(
      'errors',
      world,
      `step ${step} importIncidents (${format}) by ${who(writer)}: a row that ${prediction.reason} answers ${comparable(first)}, a row naming an unknown situation ${comparable(again)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a world: the catalogue of paths, each with what the model expects.

const ALERT_FIELDS = `id title body status situation { id title summary } citedAssessments { id summary } citedIncidents { id notes }
  statusHistory { toStatus changedBy changedByOrg note }
  supersedes { id title body } supersededBy { id title body } acknowledgements { org acknowledgedBy note }`;

interface AlertNode {
  id: string;
  situation: { id: string } | null;
  citedAssessments?: { id: string }[];
  citedIncidents?: { id: string }[];
  statusHistory?: { changedBy: string | null; changedByOrg: string }[];
  supersedes: { id: string } | null;
  supersededBy: { id: string } | null;
  acknowledgements?: { org: string; acknowledgedBy: string | null }[];
}

function checkAlertNode(world: WorldModel, reader: Reader, where: string, node: AlertNode | null): void {
  if (!node) return;
  const owner = idOwners.get(node.id);
  if (!owner || owner.world !== world || !world.readable(reader, owner.key)) return;
  const alert = world.get(owner.key) as AlertModel;
  expectReference(world, reader, `${where} ${alert.key}.situation`, node.situation, alert.situation);
  // A reader of the alert may read all it cites (no write-down), so every cited record is there.
  const cited = (keys: string[]) => keys.map((k) => world.get(k)).filter((r) => world.readable(reader, r.key));
  if (node.citedAssessments)
    expectExactly(
      world,
      reader,
      `${where} ${alert.key}.citedAssessments`,
      node.citedAssessments.map((n) => n.id),
      cited(alert.citedAssessments),
    );
  if (node.citedIncidents)
    expectExactly(
      world,
      reader,
      `${where} ${alert.key}.citedIncidents`,
      node.citedIncidents.map((n) => n.id),
      cited(alert.citedIncidents),
    );
  expectReference(world, reader, `${where} ${alert.key}.supersedes`, node.supersedes, alert.supersedes);
  expectReference(world, reader, `${where} ${alert.key}.supersededBy`, node.supersededBy, alert.supersededBy);
  for (const entry of node.statusHistory ?? []) {
    if (entry.changedBy !== null && entry.changedBy !== undefined && entry.changedByOrg !== reader.org)
      found('staff', world, `${who(reader)} on ${where} ${alert.key}.statusHistory sees changedBy ${entry.changedBy} of ${entry.changedByOrg}`);
  }
  for (const ack of node.acknowledgements ?? []) {
    if (ack.acknowledgedBy !== null && ack.acknowledgedBy !== undefined && ack.org !== reader.org)
      found('staff', world, `${who(reader)} on ${where} ${alert.key}.acknowledgements sees acknowledgedBy ${ack.acknowledgedBy} of ${ack.org}`);
  }
}

function checkIncidentNode(
  world: WorldModel,
  reader: Reader,
  where: string,
  node: { id: string; situation: { id: string } | null; source: { id: string } | null },
): void {
  const owner = idOwners.get(node.id);
  if (!owner || owner.world !== world || !world.readable(reader, owner.key)) return;
  const incident = world.get(owner.key) as IncidentModel;
  expectReference(world, reader, `${where} ${incident.key}.situation`, node.situation, incident.situation);
  expectReference(world, reader, `${where} ${incident.key}.source`, node.source, incident.source);
}

interface Path {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  check: (data: Record<string, any>) => void;
}

function pathsFor(world: WorldModel, reader: Reader): Path[] {
  const c = [world.country];
  const situations = world.all('situation');
  const alerts = world.all('alert');
  const readable = <K extends RecordModel['kind']>(kind: K) => world.readableOf(reader, kind);
  const ids = (nodes: { id: string }[] | undefined) => (nodes ?? []).map((n) => n.id);
  const alertsCiting = (key: string) => readable('alert').filter((a) => a.situation === key);
  const incidentsCiting = (key: string) => readable('incident').filter((i) => i.situation === key);
  const levelFor = (key: string) => world.latestReadableAssessment(reader, key)?.overallLevel ?? null;
  const paths: Path[] = [
    {
      name: `situations(filter: { countries: [${world.country}] })`,
      query:
        'query($c: [String!]) { situations(filter: { countries: $c }, first: 100) { totalCount nodes { id title summary ownerOrg classification currentLevel latestAssessment { id summary overallLevel } } } }',
      variables: { c },
      check: (data) => {
        expectExactly(world, reader, 'situations', ids(data.situations?.nodes), readable('situation'));
        expectCount(world, reader, 'situations.totalCount', data.situations?.totalCount, readable('situation').length);
        for (const node of data.situations?.nodes ?? []) {
          const owner = idOwners.get(node.id);
          if (!owner || owner.world !== world || !world.readable(reader, owner.key)) continue;
          const latest = world.latestReadableAssessment(reader, owner.key);
          if ((node.latestAssessment?.id ?? null) !== (latest?.id ?? null))
            found(
              'derived',
              world,
              `${who(reader)} on situations ${owner.key}.latestAssessment is ${node.latestAssessment?.id ?? null}, the model ${latest ? world.describe(latest.key) : 'none'}`,
            );
          if ((node.currentLevel ?? null) !== (latest?.overallLevel ?? null))
            found(
              'derived',
              world,
              `${who(reader)} on situations ${owner.key}.currentLevel is ${node.currentLevel}, the model ${latest?.overallLevel ?? null} (of the assessments ${world
                .all('assessment')
                .filter((a) => a.situation === owner.key)
                .map((a) => `${world.describe(a.key)} ${a.overallLevel}`)
                .join('; ')})`,
            );
        }
      },
    },
    {
      name: 'totalCount with first: 0',
      query:
        'query($c: [String!]) { situations(filter: { countries: $c }, first: 0) { totalCount } incidents(filter: { countries: $c }, first: 0) { totalCount } alerts(filter: { countries: $c }, first: 0) { totalCount } }',
      variables: { c },
      check: (data) => {
        expectCount(world, reader, 'situations(first: 0).totalCount', data.situations?.totalCount, readable('situation').length);
        expectCount(world, reader, 'incidents(first: 0).totalCount', data.incidents?.totalCount, readable('incident').length);
        expectCount(world, reader, 'alerts(first: 0).totalCount', data.alerts?.totalCount, readable('alert').length);
      },
    },
    {
      name: `incidents(filter: { countries: [${world.country}] })`,
      query:
        'query($c: [String!]) { incidents(filter: { countries: $c }, first: 100) { totalCount nodes { id notes fatalitiesBest situation { id title summary } source { id name } } } }',
      variables: { c },
      check: (data) => {
        expectExactly(world, reader, 'incidents', ids(data.incidents?.nodes), readable('incident'));
        expectCount(world, reader, 'incidents.totalCount', data.incidents?.totalCount, readable('incident').length);
        for (const node of data.incidents?.nodes ?? []) checkIncidentNode(world, reader, 'incidents', node);
      },
    },
    {
      name: `alerts(filter: { countries: [${world.country}] })`,
      query: `query($c: [String!]) { alerts(filter: { countries: $c }, first: 100) { totalCount nodes { ${ALERT_FIELDS} } } }`,
      variables: { c },
      check: (data) => {
        expectExactly(world, reader, 'alerts', ids(data.alerts?.nodes), readable('alert'));
        expectCount(world, reader, 'alerts.totalCount', data.alerts?.totalCount, readable('alert').length);
        for (const node of data.alerts?.nodes ?? []) checkAlertNode(world, reader, 'alerts', node);
      },
    },
    {
      name: `country(iso3: ${world.country}) { situations { alerts } alerts }`,
      query:
        'query($iso3: String!) { country(iso3: $iso3) { situations { id title alerts { id title body } } alerts { id title body situation { id } } } }',
      variables: { iso3: world.country },
      check: (data) => {
        expectExactly(world, reader, 'country.situations', ids(data.country?.situations), readable('situation'));
        expectExactly(world, reader, 'country.alerts', ids(data.country?.alerts), readable('alert'));
        for (const node of data.country?.situations ?? []) {
          const owner = idOwners.get(node.id);
          if (owner?.world === world && world.readable(reader, owner.key))
            expectExactly(world, reader, `country.situations ${owner.key}.alerts`, ids(node.alerts), alertsCiting(owner.key));
        }
      },
    },
    {
      name: 'situationCounts, incidentCounts, alertCounts',
      query:
        'query($c: [String!]) { situationCounts(filter: { countries: $c }, groupBy: [LEVEL]) { level situations } incidentCounts(filter: { countries: $c }, groupBy: [COUNTRY]) { incidents fatalities } alertCounts(filter: { countries: $c }, groupBy: [STATUS]) { status alerts } }',
      variables: { c },
      check: (data) => {
        const byLevel = new Map<string, number>();
        for (const s of readable('situation')) byLevel.set(String(levelFor(s.key)), (byLevel.get(String(levelFor(s.key))) ?? 0) + 1);
        const got = new Map<string, number>(
          (data.situationCounts ?? []).map((g: { level: string | null; situations: number }) => [String(g.level), g.situations]),
        );
        for (const level of new Set([...byLevel.keys(), ...got.keys()]))
          expectCount(world, reader, `situationCounts(groupBy: LEVEL) for level ${level}`, got.get(level) ?? 0, byLevel.get(level) ?? 0);
        const incidents = readable('incident');
        const sum = (groups: { [k: string]: number }[] | undefined, field: string) => (groups ?? []).reduce((n, g) => n + g[field], 0);
        expectCount(world, reader, 'incidentCounts.incidents', sum(data.incidentCounts, 'incidents'), incidents.length);
        expectCount(
          world,
          reader,
          'incidentCounts.fatalities',
          sum(data.incidentCounts, 'fatalities'),
          incidents.reduce((n, i) => n + i.fatalities, 0),
        );
        const byStatus = new Map<string, number>();
        for (const a of readable('alert')) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
        const gotStatus = new Map<string, number>((data.alertCounts ?? []).map((g: { status: string; alerts: number }) => [g.status, g.alerts]));
        for (const status of new Set([...byStatus.keys(), ...gotStatus.keys()]))
          expectCount(world, reader, `alertCounts(groupBy: STATUS) for ${status}`, gotStatus.get(status) ?? 0, byStatus.get(status) ?? 0);
      },
    },
    {
      name: 'partner(code) { assessments alertsIssued }',
      query: `{ ${world.orgs.map((org, i) => `p${i}: partner(code: "${org}") { code assessments { id summary } alertsIssued { id title body } }`).join(' ')} }`,
      check: (data) => {
        world.orgs.forEach((org, i) => {
          const inWorld = (nodes: { id: string }[] | undefined) => ids(nodes).filter((id) => idOwners.get(id)?.world === world);
          expectExactly(
            world,
            reader,
            `partner(${org}).assessments`,
            inWorld(data[`p${i}`]?.assessments),
            readable('assessment').filter((a) => a.sharing.ownerOrg === org),
          );
          expectExactly(
            world,
            reader,
            `partner(${org}).alertsIssued`,
            inWorld(data[`p${i}`]?.alertsIssued),
            readable('alert').filter((a) => a.sharing.ownerOrg === org),
          );
        });
      },
    },
  ];
  for (const [n, group] of chunks(situations, 5).entries()) {
    paths.push({
      name: `situation(id) { assessments latestAssessment currentLevel incidents alerts riskTrend sourceDiversity } #${n}`,
      query: `{ ${group
        .map(
          (s, i) =>
            `s${i}: situation(id: "${s.id}") { id title summary currentLevel latestAssessment { id } assessments { id summary assessmentNumber ownerOrg } incidents { id notes } alerts { id title body } riskTrend { assessmentId } sourceDiversity { incidents } }`,
        )
        .join(' ')} }`,
      check: (data) => {
        group.forEach((s, i) => {
          const node = data[`s${i}`];
          const where = `situation(id: ${s.key})`;
          if (!world.readable(reader, s.key)) return; // an unreadable one must be null: scanForLeaks reports its id
          if (!node)
            return found('lists', world, `${who(reader)} on ${where} answers null for ${world.describe(s.key)}, which the model lets them read`);
          const assessments = readable('assessment').filter((a) => a.situation === s.key);
          expectExactly(world, reader, `${where}.assessments`, ids(node.assessments), assessments);
          expectExactly(world, reader, `${where}.incidents`, ids(node.incidents), incidentsCiting(s.key));
          expectExactly(world, reader, `${where}.alerts`, ids(node.alerts), alertsCiting(s.key));
          expectExactly(
            world,
            reader,
            `${where}.riskTrend`,
            (node.riskTrend ?? []).map((p: { assessmentId: string }) => p.assessmentId),
            assessments,
          );
          const latest = world.latestReadableAssessment(reader, s.key);
          if ((node.latestAssessment?.id ?? null) !== (latest?.id ?? null))
            found(
              'derived',
              world,
              `${who(reader)} on ${where}.latestAssessment is ${node.latestAssessment?.id ?? null}, the model ${latest ? world.describe(latest.key) : 'none'}`,
            );
          if ((node.currentLevel ?? null) !== (latest?.overallLevel ?? null))
            found('derived', world, `${who(reader)} on ${where}.currentLevel is ${node.currentLevel}, the model ${latest?.overallLevel ?? null}`);
          expectCount(
            world,
            reader,
            `${where}.sourceDiversity (sum of incidents)`,
            (node.sourceDiversity ?? []).reduce((n: number, share: { incidents: number }) => n + share.incidents, 0),
            incidentsCiting(s.key).length,
          );
          for (const a of node.assessments ?? []) {
            const owner = idOwners.get(a.id);
            if (!owner || owner.world !== world || !world.readable(reader, owner.key)) continue;
            const same = assessments.filter((x) => x.sharing.ownerOrg === a.ownerOrg);
            const expected = same.findIndex((x) => x.key === owner.key) + 1;
            if (a.assessmentNumber !== expected)
              found(
                'derived',
                world,
                `${who(reader)} on ${where}.assessments ${owner.key}.assessmentNumber is ${a.assessmentNumber}, the model ${expected} (readable by ${a.ownerOrg}: ${same.map((x) => x.key).join(', ')}; all: ${world
                  .all('assessment')
                  .filter((x) => x.situation === s.key && x.sharing.ownerOrg === a.ownerOrg)
                  .map((x) => world.describe(x.key))
                  .join('; ')})`,
              );
          }
        });
      },
    });
    paths.push({
      name: `alerts(filter: { situation }) and incidents(filter: { situation }) #${n}`,
      query: `{ ${group.map((s, i) => `a${i}: alerts(filter: { situation: "${s.id}" }, first: 100) { totalCount nodes { id title } } i${i}: incidents(filter: { situation: "${s.id}" }, first: 100) { totalCount nodes { id notes } }`).join(' ')} }`,
      check: (data) => {
        group.forEach((s, i) => {
          expectExactly(world, reader, `alerts(filter: { situation: ${s.key} })`, ids(data[`a${i}`]?.nodes), alertsCiting(s.key));
          expectCount(world, reader, `alerts(filter: { situation: ${s.key} }).totalCount`, data[`a${i}`]?.totalCount, alertsCiting(s.key).length);
          expectExactly(world, reader, `incidents(filter: { situation: ${s.key} })`, ids(data[`i${i}`]?.nodes), incidentsCiting(s.key));
          expectCount(
            world,
            reader,
            `incidents(filter: { situation: ${s.key} }).totalCount`,
            data[`i${i}`]?.totalCount,
            incidentsCiting(s.key).length,
          );
        });
      },
    });
  }
  for (const [n, group] of chunks(alerts, 8).entries()) {
    paths.push({
      name: `alert(id) { situation statusHistory supersedes supersededBy acknowledgements } #${n}`,
      query: `{ ${group.map((a, i) => `a${i}: alert(id: "${a.id}") { ${ALERT_FIELDS} }`).join(' ')} }`,
      check: (data) => {
        group.forEach((a, i) => {
          const node = data[`a${i}`];
          if (world.readable(reader, a.key) && !node)
            found('lists', world, `${who(reader)} on alert(id: ${a.key}) answers null for ${world.describe(a.key)}, which the model lets them read`);
          checkAlertNode(world, reader, `alert(id: ${a.key})`, node);
        });
      },
    });
  }
  return paths;
}

/** The operation name of every read of the catalogue, so that the audit trail tells them from the writes' own reads. */
const READ_OPERATION = 'WorldRead';
const named = (query: string) =>
  query.startsWith('{') ? `query ${READ_OPERATION} ${query}` : query.replace(/^query\s*\(/, `query ${READ_OPERATION}(`);

async function readWorld(world: WorldModel): Promise<void> {
  await mapLimit([ANONYMOUS, ...world.readers], READ_CONCURRENCY, async (reader) => {
    for (const p of pathsFor(world, reader)) {
      const response = await ask(reader, named(p.query), p.variables, READ_OPERATION);
      scanForLeaks(world, reader, p.name, response);
      if (response.errors?.length)
        found('reads', world, `${who(reader)} on ${p.name}: ${response.errors.map((e) => `${String(e.extensions?.code)} ${e.message}`).join('; ')}`);
      p.check(response.data ?? {});
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The audit trail: after a world's reads, each owner organisation's admin reads what was recorded.

const AUDIT_LIMIT = 500;
const AUDIT_FIELDS = 'id action actorSub actorOrg operationName recordType recordId recordOwnerOrg classification';
const SENSITIVE: readonly Level[] = ['AMBER', 'AMBER_STRICT', 'RED'];
/** Every world's readers by token subject, to judge an event by whom it names. */
const readersBySub = new Map<string, Reader>();
/** What the audit checks covered: expected (record, reader) pairs, events judged. */
const auditStats = new Map<string, number>();
const countAudit = (what: string, n = 1) => auditStats.set(what, (auditStats.get(what) ?? 0) + n);
/** After the first time an expected event never came, later worlds wait less for theirs. */
let auditGaveUp = false;

interface AuditEventNode {
  id: string;
  action: string;
  actorSub: string | null;
  actorOrg: string | null;
  operationName: string | null;
  recordType: string;
  recordId: string;
  recordOwnerOrg: string;
  classification: string;
}

const adminOf = (world: WorldModel, org: string): Reader => ({
  name: `w${world.index}-${org.toLowerCase()}-adm`,
  org,
  sub: `w${world.index}-${org.toLowerCase()}-adm`,
  roles: ['admin'],
});
const trailOf = (record: RecordModel) => (record.kind === 'alert' ? 'alertsAuditTrail' : 'situationsAuditTrail');

/** Whether the catalogue had `reader` read or count `record`: every record it may read; a source only through an incident citing it. */
function readInCatalogue(world: WorldModel, reader: Reader, record: RecordModel): boolean {
  if (!world.readable(reader, record.key)) return false;
  if (record.kind === 'source') return world.readableOf(reader, 'incident').some((i) => i.source === record.key);
  return true;
}

/** `admin`'s READ and AGGREGATE events for each record (by key), and its latest events of each trail. */
async function fetchTrail(
  world: WorldModel,
  admin: Reader,
  records: RecordModel[],
): Promise<{ byRecord: Map<string, AuditEventNode[]>; latest: AuditEventNode[]; truncated: string[] }> {
  const byRecord = new Map<string, AuditEventNode[]>();
  const truncated: string[] = [];
  const where = (filter: string) => `(limit: ${AUDIT_LIMIT}, filter: { actions: [READ, AGGREGATE]${filter} }) { ${AUDIT_FIELDS} }`;
  // 10 records a request keep the query under MAX_QUERY_COST (about 4,500 each at AUDIT_LIMIT).
  for (const group of chunks(records, 10)) {
    const response = await ask(admin, `{ ${group.map((r, i) => `r${i}: ${trailOf(r)}${where(`, recordId: "${r.id}"`)}`).join(' ')} }`);
    if (response.errors?.length)
      found(
        'reads',
        world,
        `${who(admin)} on the audit trail: ${response.errors.map((e) => `${String(e.extensions?.code)} ${e.message}`).join('; ')}`,
      );
    for (const [i, r] of group.entries()) {
      let events: AuditEventNode[] = response.data?.[`r${i}`] ?? [];
      if (events.length >= AUDIT_LIMIT) {
        // More than one page: ask again per acting organisation, so that no reader's event is cut off.
        const perOrg = await ask(
          admin,
          `{ ${world.orgs.map((org, j) => `o${j}: ${trailOf(r)}${where(`, recordId: "${r.id}", actorOrg: "${org}"`)}`).join(' ')} }`,
        );
        events = world.orgs.flatMap((_, j) => perOrg.data?.[`o${j}`] ?? []);
        if (world.orgs.some((_, j) => (perOrg.data?.[`o${j}`] ?? []).length >= AUDIT_LIMIT)) truncated.push(r.key);
      }
      byRecord.set(r.key, events);
    }
  }
  // The latest events of each trail, whatever record they name (a smaller page: the per-record answers above are the thorough part).
  const response = await ask(
    admin,
    `{ s: situationsAuditTrail${where('').replace(`limit: ${AUDIT_LIMIT}`, 'limit: 100')} a: alertsAuditTrail${where('').replace(`limit: ${AUDIT_LIMIT}`, 'limit: 100')} }`,
  );
  return { byRecord, latest: [...(response.data?.s ?? []), ...(response.data?.a ?? [])], truncated };
}

async function auditWorld(world: WorldModel): Promise<void> {
  const records = [...world.records.values()];
  await mapLimit(world.orgs, READ_CONCURRENCY, async (org) => {
    const admin = adminOf(world, org);
    // (b) who the model says read or counted each of the organisation's AMBER, AMBER_STRICT and RED records
    const expected = new Map<string, Reader[]>();
    for (const record of records) {
      if (record.sharing.ownerOrg !== org || !SENSITIVE.includes(record.sharing.classification)) continue;
      const readers = world.readers.filter((reader) => readInCatalogue(world, reader, record));
      if (readers.length) expected.set(record.key, readers);
    }
    const missing = (trail: Awaited<ReturnType<typeof fetchTrail>>) =>
      [...expected].flatMap(([key, readers]) =>
        readers.filter((reader) => !(trail.byRecord.get(key) ?? []).some((e) => e.actorSub === reader.sub)).map((reader) => ({ key, reader })),
      );
    // Events are written as each request ends: ask again until every expected one is there, or give up.
    const deadline = Date.now() + (auditGaveUp ? 500 : 3_000);
    let trail = await fetchTrail(world, admin, records);
    while (missing(trail).length > 0 && Date.now() < deadline) {
      countAudit('trail asked again');
      await new Promise((resolve) => setTimeout(resolve, 50));
      trail = await fetchTrail(world, admin, records);
    }
    if (trail.truncated.length)
      timings.push(
        `world ${world.index}: ${admin.sub}'s trail of ${trail.truncated.join(', ')} has more than ${AUDIT_LIMIT} events per organisation; only the latest were checked`,
      );
    const gaps = missing(trail).filter(({ key }) => !trail.truncated.includes(key));
    countAudit(
      'expected (record, reader) pairs',
      [...expected.values()].reduce((n, readers) => n + readers.length, 0),
    );
    countAudit('records asked by recordId', records.length);
    countAudit('events seen', [...trail.byRecord.values()].reduce((n, e) => n + e.length, 0) + trail.latest.length);
    if (gaps.length) auditGaveUp = true;
    for (const { key, reader } of gaps) {
      const seen = [...new Set((trail.byRecord.get(key) ?? []).map((e) => `${e.actorSub ?? 'anonymous'} ${e.action}`))];
      found(
        'auditComplete',
        world,
        `${who(admin)} finds no READ or AGGREGATE event of ${who(reader)} for ${world.describe(key)}, which the catalogue had them read (events: ${seen.join(', ') || 'none'})`,
      );
    }
    // (a) only the organisation's own records, whether asked by record or not
    for (const record of records) {
      const events = trail.byRecord.get(record.key) ?? [];
      if (record.sharing.ownerOrg !== org && events.length)
        found(
          'auditScope',
          world,
          `${who(admin)} reads ${events.length} event(s) of ${world.describe(record.key)}, owned by ${record.sharing.ownerOrg}, e.g. ${JSON.stringify(events[0])}`,
        );
      for (const e of events)
        if (e.recordId !== record.id || e.recordOwnerOrg !== org)
          found('auditScope', world, `${who(admin)} asking for ${record.key} gets ${JSON.stringify(e)}`);
    }
    for (const e of trail.latest) {
      const owner = idOwners.get(e.recordId.toLowerCase());
      if (e.recordOwnerOrg !== org)
        found('auditScope', world, `${who(admin)} reads an event of a record owned by ${e.recordOwnerOrg}: ${JSON.stringify(e)}`);
      else if (owner && owner.world.get(owner.key).sharing.ownerOrg !== org)
        found('auditScope', world, `${who(admin)} reads an event of ${owner.world.describe(owner.key)}: ${JSON.stringify(e)}`);
    }
    // (c) the catalogue's reads name only records their reader may read (the worlds' models are final by now)
    const events = new Map([...[...trail.byRecord.values()].flat(), ...trail.latest].map((e) => [e.id, e]));
    for (const e of events.values()) {
      if (e.operationName !== READ_OPERATION) continue;
      const reader = e.actorSub === null ? (e.actorOrg === null ? ANONYMOUS : undefined) : readersBySub.get(e.actorSub);
      const owner = idOwners.get(e.recordId.toLowerCase());
      if (!reader || !owner) continue;
      countAudit('catalogue events judged');
      if (!owner.world.readable(reader, owner.key))
        found(
          'auditReadable',
          world,
          `${who(admin)} reads a ${e.action} event of ${who(reader)} for ${owner.world.describe(owner.key)}, hidden from them as ${owner.world.whyHidden(reader, owner.key)}`,
        );
    }
  });
}

/** A country every partner sees empty, so that what a world's readers see is the world alone. */
async function freshCountry(used: Set<string>): Promise<string> {
  const viewers: Reader[] = [
    ANONYMOUS,
    ...PARTNERS.map((org) => ({ name: org, org, sub: `gw-probe-${org.toLowerCase()}`, roles: ['editor' as const] })),
  ];
  for (const iso3 of COUNTRIES) {
    if (used.has(iso3)) continue;
    used.add(iso3);
    let empty = true;
    for (const viewer of viewers) {
      const r = await ask(
        viewer,
        'query($c: [String!], $iso3: String!) { country(iso3: $iso3) { iso3 } situations(filter: { countries: $c }, first: 0) { totalCount } incidents(filter: { countries: $c }, first: 0) { totalCount } alerts(filter: { countries: $c }, first: 0) { totalCount } }',
        { c: [iso3], iso3 },
      );
      if (!r.data?.country || r.data.situations?.totalCount !== 0 || r.data.incidents?.totalCount !== 0 || r.data.alerts?.totalCount !== 0)
        empty = false;
      if (!empty) break;
    }
    if (empty) return iso3;
  }
  throw new Error('no fresh country left for another world: lower WORLD_RUNS');
}

function buildReaders(index: number, p: WorldPick): Reader[] {
  return p.orgs.flatMap((org, i) => {
    const code = org.toLowerCase();
    const { editors: e, viewers: v } = p.staff[i];
    return [
      ...Array.from({ length: e }, (_, j): Reader => ({ name: `w${index}-${code}-ed${j}`, org, sub: `w${index}-${code}-ed${j}`, roles: ['editor'] })),
      ...Array.from({ length: v }, (_, j): Reader => ({ name: `w${index}-${code}-vw${j}`, org, sub: `w${index}-${code}-vw${j}`, roles: ['viewer'] })),
    ];
  });
}

// ---------------------------------------------------------------------------------------------

const picks = fc.sample(worldPick, { seed: SEED, numRuns: RUNS });

beforeAll(async () => {
  console.log(
    `generated worlds: seed ${SEED}, ${RUNS} worlds${ONLY === null ? '' : `, only world ${ONLY}`} (WORLD_SEED, WORLD_RUNS, WORLD_ONLY to replay)`,
  );
  hub = await startHub();
  const used = new Set<string>();
  for (const [index, p] of picks.entries()) {
    if (ONLY !== null && index !== ONLY) continue;
    const started = Date.now();
    const phases: number[] = [];
    const world = new WorldModel(index, await freshCountry(used), p.orgs, buildReaders(index, p));
    worlds[index] = world;
    for (const reader of world.readers) readersBySub.set(reader.sub!, reader);
    for (const [step, op] of p.ops.entries()) await runStep(world, step, op);
    if (p.reimport) await reimportAll(world, p.ops.length, p.reimport);
    phases.push(Date.now());
    await readWorld(world);
    phases.push(Date.now());
    await auditWorld(world);
    phases.push(Date.now());
    timings.push(
      `world ${index} (${world.country}, ${world.orgs.join('/')}, ${world.readers.length} users, ${world.records.size} records): ${Date.now() - started} ms (writes ${phases[0] - started}, reads ${phases[1] - phases[0]}, audit ${phases[2] - phases[1]})`,
    );
  }
  const report = path.join(tmpdir(), `generated-worlds-${SEED}.json`);
  writeFileSync(
    report,
    JSON.stringify(
      {
        seed: SEED,
        timings,
        writes: Object.fromEntries([...writeStats].sort()),
        worlds: worlds.filter(Boolean).map((w) => ({
          index: w.index,
          country: w.country,
          orgs: w.orgs,
          readers: w.readers.map((r) => r.sub),
          records: [...w.records.keys()].map((k) => w.describe(k)),
          ops: picks[w.index].ops,
        })),
        findings,
      },
      null,
      1,
    ),
  );
  console.log(
    `${timings.join('\n')}\nwrites the model judged: ${[...writeStats]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join(
        ', ',
      )}\naudit trails: ${[...auditStats].map(([k, n]) => `${k}: ${n}`).join(', ')}\n${findings.length} findings; worlds and findings in ${report}`,
  );
}, 30 * 60_000);

afterAll(async () => {
  await hub?.stop();
});

describe(`generated worlds (fast-check seed ${SEED}, ${RUNS} worlds)`, () => {
  it.each(Object.keys(PROPERTIES) as Property[])('%s', (property) => {
    const failures = findings.filter((f) => f.property === property);
    if (failures.length === 0) return;
    const shown = failures.slice(0, 8).map((f) => `  - ${f.message}`);
    throw new Error(
      `${PROPERTIES[property]}: ${failures.length} counterexample(s) in ${new Set(failures.map((f) => f.world)).size} world(s), e.g.\n${shown.join('\n')}`,
    );
  });
});
