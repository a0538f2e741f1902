// Importing through the gateway: the same importer as the CLI, as the viewer's organisation,
// under the access policy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';

const SAMPLE = readFileSync(path.resolve(__dirname, '..', '..', '..', 'samples', 'incidents-ecowas.hxl.csv'), 'utf8');
const IMPORT = `mutation Import($content: String!, $classification: Classification) {
  importIncidents(input: { format: HXL, content: $content, classification: $classification }) {
    rows created updated unchanged rejected outcomes { line externalId status errors { field message } }
  }
}`;

let hub: Hub;

beforeAll(async () => {
  hub = await startHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('importIncidents mutation', () => {
  it("imports a partner file as the editor's organisation, and a second time changes nothing", async () => {
    const editor = await tokenFor(users.ecowasEditor);
    const first = await hub.query(IMPORT, { content: SAMPLE }, { token: editor });
    expect(first.errors).toBeUndefined();
    const report = first.data!.importIncidents;
    expect(report.rows).toBeGreaterThan(10);
    expect(report.created + report.rejected).toBe(report.rows);
    expect(report.created).toBeGreaterThan(0);

    const again = await hub.query(IMPORT, { content: SAMPLE }, { token: editor });
    expect(again.data!.importIncidents).toMatchObject({ created: 0, updated: 0, unchanged: report.created, rejected: report.rejected });

    const listed = await hub.query(
      '{ incidents(filter: { countries: ["SEN", "GHA", "CIV", "BEN", "TGO", "GMB", "GIN", "LBR", "SLE", "GNB", "CPV", "MLI", "NGA"] }, first: 100) { nodes { ownerOrg externalId } } }',
      undefined,
      { token: editor },
    );
    const imported = listed.data!.incidents.nodes.filter((n: { externalId: string | null }) => n.externalId && !n.externalId.startsWith('seed-'));
    expect(imported.length).toBe(report.created);
    expect(imported.every((n: { ownerOrg: string }) => n.ownerOrg === 'ECOWAS')).toBe(true);
  });

  it('refuses anonymous callers and viewers', async () => {
    const anonymous = await hub.query(IMPORT, { content: SAMPLE });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const viewer = await hub.query(IMPORT, { content: SAMPLE }, { token: await tokenFor(users.ecowasAnalyst) });
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a row citing a situation the importer may not see, as if it did not exist', async () => {
    const hidden = '3b1d8a43-0000-4000-8000-000000000000';
    const darfur = (
      await hub.query('{ situations(filter: { countries: ["SDN"] }) { nodes { id } } }', undefined, { token: await tokenFor(users.igadAnalyst) })
    ).data!.situations.nodes[0].id;
    const file = (situation: string) => `#meta+id,#date,#country+code,#event+type,#meta+situation\nX-1,2026-01-05,SDN,Battles,${situation}\n`;
    const au = await tokenFor(users.auEditor);
    const invisible = await hub.query(IMPORT, { content: file(darfur) }, { token: au });
    const missing = await hub.query(IMPORT, { content: file(hidden) }, { token: au });
    expect(invisible.data!.importIncidents.rejected).toBe(1);
    expect(invisible.data!.importIncidents.outcomes[0].errors).toEqual(
      missing.data!.importIncidents.outcomes[0].errors.map((e: { field: string; message: string }) => ({
        ...e,
        message: e.message.replace(hidden, darfur),
      })),
    );
  });
});
