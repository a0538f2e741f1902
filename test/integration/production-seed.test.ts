// What a hub holds after its first start: in production the reference data (countries, partners
// and their memberships, the Framework of Analysis, training modules and the Office's record) and
// nothing illustrative; in development both. SEED_ON_START's default is read as the services read it.
import 'reflect-metadata';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { Acknowledgement } from '../../subgraphs/alerts/entities/acknowledgement.entity';
import { Alert } from '../../subgraphs/alerts/entities/alert.entity';
import { AlertStatusChange } from '../../subgraphs/alerts/entities/alert-status-change.entity';
import { readServiceConfig } from '../../subgraphs/kernel/service/config';
import { FocalPoint } from '../../subgraphs/partners/entities/focal-point.entity';
import { Incident } from '../../subgraphs/situations/entities/incident.entity';
import { RiskAssessment } from '../../subgraphs/situations/entities/risk-assessment.entity';
import { Situation } from '../../subgraphs/situations/entities/situation.entity';
import { Source } from '../../subgraphs/situations/entities/source.entity';
import { TrainingSession } from '../../subgraphs/training/entities/training-session.entity';
import { startHub, type Hub } from '../support/hub';

const PRODUCTION = { NODE_ENV: 'production', HUB_GATEWAY_JWKS_FILE: '/run/secrets/hub-gateway-jwks' };

// Reference data, as an anonymous caller sees it (all of it is CLEAR).
const REFERENCE_QUERY = `{
  countries { iso3 }
  partners { code }
  ecowas: partner(code: "ECOWAS") { memberStates(on: "2020-01-01") { iso3 } }
  frameworks { id riskFactors { id } }
  modules { code }
  trainingSessions(first: 100) { nodes { title illustrative } }
}`;

// Every illustrative kind of record, by subgraph: none of them may exist in production.
const ILLUSTRATIVE: [subgraph: string, entity: EntityTarget<ObjectLiteral>, where?: ObjectLiteral][] = [
  ['situations', Situation],
  ['situations', RiskAssessment],
  ['situations', Incident],
  ['situations', Source],
  ['alerts', Alert],
  ['alerts', AlertStatusChange],
  ['alerts', Acknowledgement],
  ['partners', FocalPoint],
  ['training', TrainingSession, { illustrative: true }],
];

async function illustrativeCounts(hub: Hub): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [subgraph, entity, where] of ILLUSTRATIVE) {
    const repository = hub.subgraphs[subgraph].db.getRepository(entity);
    counts[`${subgraph}.${repository.metadata.tableName}`] = await repository.count({ where });
  }
  return counts;
}

async function expectReferenceData(hub: Hub): Promise<void> {
  const { data, errors } = await hub.query<{
    countries: unknown[];
    partners: { code: string }[];
    ecowas: { memberStates: { iso3: string }[] };
    frameworks: { id: string; riskFactors: unknown[] }[];
    modules: unknown[];
    trainingSessions: { nodes: { title: string; illustrative: boolean }[] };
  }>(REFERENCE_QUERY);
  expect(errors).toBeUndefined();
  expect(data!.countries.length).toBeGreaterThan(240);
  expect(data!.partners.map((p) => p.code)).toEqual(expect.arrayContaining(['AU', 'ECOWAS', 'ICGLR', 'OSCE', 'UN-JO']));
  expect(data!.ecowas.memberStates.map((c) => c.iso3)).toEqual(expect.arrayContaining(['MLI', 'NGA', 'SEN']));
  expect(data!.frameworks.find((f) => f.id === '2014')?.riskFactors).toHaveLength(14);
  expect(data!.modules.length).toBeGreaterThan(0);
  expect(data!.trainingSessions.nodes.filter((s) => !s.illustrative).length).toBeGreaterThan(0);
}

describe('seeding in production (NODE_ENV=production, SEED_ON_START unset)', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ seed: readServiceConfig('situations', 4001, PRODUCTION).seedOnStart });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('leaves illustrative seeding off by default', () => {
    expect(readServiceConfig('situations', 4001, PRODUCTION).seedOnStart).toBe(false);
  });

  it('loads the countries, partners with their memberships, the Framework, the training modules and the recorded sessions', async () => {
    await expectReferenceData(hub);
  });

  it('loads no illustrative situation, assessment, incident, source, alert, focal point or training session', async () => {
    const counts = await illustrativeCounts(hub);
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((table) => [table, 0])));
    const { data } = await hub.query<{ trainingSessions: { nodes: { illustrative: boolean }[] } }>(REFERENCE_QUERY);
    expect(data!.trainingSessions.nodes.filter((s) => s.illustrative)).toEqual([]);
  });

  it('seeds the illustrative records in production only when SEED_ON_START=true says so', () => {
    expect(readServiceConfig('situations', 4001, { ...PRODUCTION, SEED_ON_START: 'true' }).seedOnStart).toBe(true);
  });
});

describe('seeding in development (NODE_ENV and SEED_ON_START unset)', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ seed: readServiceConfig('situations', 4001, {}).seedOnStart });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('loads the reference data', async () => {
    await expectReferenceData(hub);
  });

  it('loads every kind of illustrative record too', async () => {
    const counts = await illustrativeCounts(hub);
    for (const [table, count] of Object.entries(counts)) expect([table, count > 0]).toEqual([table, true]);
  });
});
