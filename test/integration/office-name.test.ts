// The Office as it names itself (issue 16 items 1 and 9), through the gateway of a seeded hub: no
// description of the composed schema, no seeded text a reader is given and no text the seed stored
// calls it the "Joint Office", and the alert workflow speaks of alerting the Secretary-General and,
// through him, the Security Council.
import {
  buildClientSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLEnumType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';

const OLD_NAME = /joint office/i;

let hub: Hub;
let analyst: string;
let schema: GraphQLSchema;

beforeAll(async () => {
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
  const introspection = await hub.query<IntrospectionQuery>(
    getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
    {},
    { token: analyst },
  );
  expect(introspection.errors).toBeUndefined();
  schema = buildClientSchema(introspection.data!);
});

afterAll(async () => {
  await hub?.stop();
});

/** Every description in the schema, named by where it is: types, fields, arguments, input fields, enum values. */
function descriptions(of: GraphQLSchema): [string, string][] {
  const found: [string, string][] = [];
  const add = (where: string, description: string | null | undefined) => {
    if (description) found.push([where, description]);
  };
  for (const type of Object.values(of.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    add(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) add(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) add(`${type.name}.${field.name}`, field.description);
    if (isEnumType(type)) for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.description);
  }
  for (const directive of of.getDirectives()) for (const arg of directive.args) add(`@${directive.name}(${arg.name})`, arg.description);
  return found;
}

/** Every string in an answer, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  return [];
}

const SEEDED_TEXTS = `{
  partners {
    code name about memberTerm
    engagements { title source city }
    focalPoints { name role }
    earlyWarningMechanisms { name description }
    nationalCommittees { name reportsTo source }
    nationalFocalPoints { office source }
  }
  trainingSessions(first: 100) { totalCount nodes { title source audienceDescription organiserNames cancellationReason } }
  trainingTotals { reportedTotals { source } }
  modules { code title description }
}`;

describe('the name of the Office', () => {
  it('is nowhere "Joint Office" in the descriptions of the composed schema', () => {
    const all = descriptions(schema);
    expect(all.length).toBeGreaterThan(500);
    expect(all.filter(([, description]) => OLD_NAME.test(description))).toEqual([]);
    expect(schema.getType('Engagement')!.description).toBe('An engagement between the Office and a partner.');
  });

  it('is nowhere "Joint Office" in the seeded texts a reader is given, and the record cited is the Office\'s', async () => {
    const response = await hub.query<{
      partners: { code: string; name: string; engagements: { title: string; source: string }[]; focalPoints: { name: string }[] }[];
      trainingSessions: { totalCount: number; nodes: { source: string | null }[] };
      trainingTotals: { reportedTotals: { source: string }[] };
    }>(SEEDED_TEXTS, {}, { token: analyst });
    expect(response.errors).toBeUndefined();
    const answer = response.data!;
    expect(strings(answer).filter(([, text]) => OLD_NAME.test(text))).toEqual([]);

    const office = answer.partners.find((partner) => partner.code === 'UN-JO')!;
    expect(office.name).toBe('United Nations Office on Genocide Prevention and the Responsibility to Protect');
    expect(office.focalPoints.map((f) => f.name)).toContain('Illustrative desk officer of the Office');
    const icglr = answer.partners.find((partner) => partner.code === 'ICGLR')!;
    expect(icglr.engagements.map((e) => e.title)).toContain('ICGLR Regional Committee meeting hosted by the Office');
    expect(icglr.engagements.every((e) => e.source.startsWith("The Office's record of engagements (shared/domain.md)"))).toBe(true);
    const recorded = answer.trainingSessions.nodes.filter((session) => session.source?.includes('record'));
    expect(recorded.length).toBeGreaterThanOrEqual(9);
    expect(recorded.every((session) => session.source!.startsWith("The Office's record (shared/domain.md)"))).toBe(true);
    expect(answer.trainingTotals.reportedTotals.map((total) => total.source)).toEqual([
      expect.stringMatching(/^The Office's record \(shared\/domain\.md\): 34 training sessions/),
    ]);
  });

  it('is nowhere "Joint Office" in any text the seed stored, in any subgraph', async () => {
    const found: string[] = [];
    for (const [name, subgraph] of Object.entries(hub.subgraphs)) {
      const columns: { table_name: string; column_name: string }[] = await subgraph.db.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = $1 AND data_type IN ('text', 'character varying', 'character', 'ARRAY', 'jsonb', 'json')`,
        [name],
      );
      expect(columns.length).toBeGreaterThan(0);
      for (const { table_name, column_name } of columns) {
        const hits: { value: string }[] = await subgraph.db.query(
          `SELECT "${column_name}"::text AS value FROM "${name}"."${table_name}" WHERE "${column_name}"::text ILIKE '%joint office%'`,
        );
        found.push(...hits.map((hit) => `${name}.${table_name}.${column_name}: ${hit.value}`));
      }
    }
    expect(found).toEqual([]);
  });
});

describe("the alert workflow in the Office's words", () => {
  it('has escalateAlert alert the Secretary-General and, through him, the Security Council', () => {
    const escalate = schema.getMutationType()!.getFields().escalateAlert;
    expect(escalate.description).toMatch(/^Alerts the Secretary-General\b/);
    expect(escalate.description).toMatch(/through him, the Security Council/);
    expect(schema.getType('EscalationTarget')!.description).toMatch(/first the Secretary-General, then, through him, the Security Council/);
    // The enum values and the mutation keep their names: clients written against them go on working.
    expect((schema.getType('AlertStatus') as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(
      expect.arrayContaining(['ESCALATED_TO_SECRETARY_GENERAL', 'ESCALATED_TO_SECURITY_COUNCIL']),
    );
  });

  it('speaks of escalation in no description', () => {
    expect(descriptions(schema).filter(([, description]) => /escalat(e|ed|es|ion)\b/i.test(description))).toEqual([]);
  });
});
