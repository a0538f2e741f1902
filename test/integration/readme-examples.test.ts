// The README's example queries, run as written through the gateway, so the documentation a
// newcomer copies from keeps working.
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startHub, type Hub } from '../support/hub';
import { member, tokenFor, users } from '../support/users';
import { readmeMutations, readmeQueries as examples } from '../support/readme';
import type { Role } from '../../platform/identity';

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
      expect.arrayContaining([
        'GreatLakesHigh',
        'EcowasMembers',
        'Training2009to2011',
        'Dashboard',
        'SituationTrend',
        'CurrentCrises',
        'PillarThreeToSecurityCouncil',
      ]),
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
    expect(titles).toEqual(['[Exercise] Scenario A: invented armed groups and hate speech']);
  });
});

describe('README recommendations question', () => {
  it('finds the seeded alerts recommending pillar-3 action to the Security Council, with the evidence they cite', async () => {
    const block = examples.find((e) => e.name === 'PillarThreeToSecurityCouncil')!.block;
    const response = await hub.query(block, undefined, { token: analyst });
    const nodes = response.data!.alerts.nodes as {
      recommendations: { addressee: string; pillar: string }[];
      citedAssessments: unknown[];
      citedIncidents: unknown[];
    }[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes)
      expect(node.recommendations).toContainEqual(expect.objectContaining({ addressee: 'SECURITY_COUNCIL', pillar: 'PILLAR_3' }));
    expect(nodes.some((node) => node.citedAssessments.length > 0 && node.citedIncidents.length > 0)).toBe(true);
  });
});

describe('README mutations, run as written with the token the README mints for them', () => {
  const mutation = (name: string) => readmeMutations.find((example) => example.name === name)!;
  const tokenOf = (example: { org: string; roles: string }) => tokenFor(member(example.org, example.roles as Role, `readme-${example.org}`));

  it('"How a partner publishes": Report stores the incident, and a retry with its key returns the same one', async () => {
    const report = mutation('Report');
    expect([report.org, report.roles]).toEqual(['ECOWAS', 'editor']);
    const token = await tokenOf(report);
    const first = await hub.query(report.block, undefined, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.reportIncident).toMatchObject({ version: 1, classification: 'AMBER' });
    const again = await hub.query(report.block, undefined, { token });
    expect(again.data!.reportIncident.id).toBe(first.data!.reportIncident.id);
  });

  it('"Webhooks for partners": RegisterWebhook registers an endpoint as an admin and shows its secret', async () => {
    const register = mutation('RegisterWebhook');
    expect([register.org, register.roles]).toEqual(['AU', 'admin']);
    const response = await hub.query(register.block, undefined, { token: await tokenOf(register) });
    expect(response.errors).toBeUndefined();
    expect(response.data!.registerAlertWebhook).toMatchObject({
      secret: expect.stringMatching(/^whsec_/),
      webhook: { enabled: true, events: ['ISSUED', 'CORRECTED', 'CLOSED'] },
    });
  });

  it("the alert workflow: Draft, Issue, to the Secretary-General and the Security Council as the Office's editor, Ack as a recipient, Close", async () => {
    const workflow = mutation('Draft');
    expect([workflow.org, workflow.roles]).toEqual(['UN-JO', 'editor']);
    const editor = await tokenOf(workflow);
    const run = async (operationName: string, variables?: Record<string, unknown>, token = editor) => {
      const response = await hub.query(workflow.block, variables, { token, operationName });
      expect({ operationName, errors: response.errors }).toEqual({ operationName, errors: undefined });
      return Object.values(response.data!)[0] as Record<string, unknown>;
    };
    const draft = await run('Draft');
    expect(draft.status).toBe('DRAFT');
    let version = draft.version as number;
    const id = draft.id as string;
    for (const [step, status] of [
      ['Issue', 'ISSUED'],
      ['ToSG', 'ESCALATED_TO_SECRETARY_GENERAL'],
      ['ToSC', 'ESCALATED_TO_SECURITY_COUNCIL'],
    ]) {
      const moved = await run(step, { id, version });
      expect(moved.status).toBe(status);
      version = moved.version as number;
    }
    // "as a member of a recipient organisation": the draft's recipientOrgs.
    const recipient = /recipientOrgs: \["(\w+)"/.exec(workflow.block)![1];
    expect(await run('Ack', { id }, await tokenFor(member(recipient, 'viewer', 'readme-recipient')))).toMatchObject({ org: recipient });
    expect(await run('Close', { id, version })).toEqual({ status: 'CLOSED' });
  });
});
