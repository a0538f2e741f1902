// The README's example queries, run as written through the gateway, so the documentation a
// newcomer copies from keeps working.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startHub, type Hub } from '../support/hub';

const README = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const examples = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .filter((block) => !/^\s*mutation\b/m.test(block))
  .map((block) => ({ name: /query (\w+)/.exec(block)?.[1] ?? block.slice(0, 40), block }));

let hub: Hub;
let analyst: string;

beforeAll(async () => {
  hub = await startHub();
  analyst = await hub.token('UN-JO', ['viewer'], 'un-jo-analyst');
});

afterAll(async () => {
  await hub?.stop();
});

describe('README examples', () => {
  it('has example queries to run', () => {
    expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining(['GreatLakesHigh', 'EcowasMembers', 'Training2009to2011', 'Dashboard', 'SituationTrend']));
  });

  it.each(examples.map((e) => [e.name, e.block]))('%s runs through the gateway without errors and returns data', async (_name, block) => {
    const response = await hub.query(block, { id: illustrativeSituationId('great-lakes-kivu'), code: 'ICGLR' }, { token: analyst });
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data!).every((value) => value !== null)).toBe(true);
  });

  it('answers the Great Lakes question with the situations the analyst may see', async () => {
    const block = examples.find((e) => e.name === 'GreatLakesHigh')!.block;
    const response = await hub.query(block, undefined, { token: analyst });
    const titles = response.data!.situations.nodes.map((n: { title: string }) => n.title);
    expect(titles).toEqual(['[Illustrative] Armed groups and hate speech in the Kivus']);
  });
});
