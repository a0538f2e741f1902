// The README's example queries, run as written through the gateway, so the documentation a
// newcomer copies from keeps working.
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { readmeQueries as examples } from '../support/readme';

let hub: Hub;
let analyst: string;

beforeAll(async () => {
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

describe('README examples', () => {
  it('has example queries to run', () => {
    expect(examples.map((e) => e.name)).toEqual(
      expect.arrayContaining(['GreatLakesHigh', 'EcowasMembers', 'Training2009to2011', 'Dashboard', 'SituationTrend']),
    );
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
