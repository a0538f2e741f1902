// The training subgraph's write path through the gateway over HTTP: planning, updating, completing
// and cancelling sessions, the allowed transitions only, and every refusal.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, changesInTrail, countRows, failedUnexpectedly, injectFault, refused, refusedFields } from '../support/writes';

let hub: Hub;
let editor: string;
let admin: string;
let viewer: string;
let ecowasEditor: string;
let icglrViewer: string;
let auViewer: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  admin = await tokenFor(users.jointOfficeAdmin);
  viewer = await tokenFor(users.jointOfficeAnalyst);
  ecowasEditor = await tokenFor(users.ecowasEditor);
  icglrViewer = await tokenFor(users.icglrAnalyst);
  auViewer = await tokenFor(users.auAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

const SESSION = `id version title status startDate endDate city countryIso3 organiserOrgs audience ownerOrg classification sharedWith cancellationReason
  participantsFemale participantsMale participantsUnspecified participantsTotal modules { code }`;
const PLAN = `mutation Plan($input: PlanTrainingSessionInput!) { planTrainingSession(input: $input) { ${SESSION} } }`;
const UPDATE = `mutation Update($input: UpdateTrainingSessionInput!) { updateTrainingSession(input: $input) { ${SESSION} } }`;
const COMPLETE = `mutation Complete($input: CompleteTrainingSessionInput!) { completeTrainingSession(input: $input) { ${SESSION} } }`;
const CANCEL = `mutation Cancel($input: CancelTrainingSessionInput!) { cancelTrainingSession(input: $input) { ${SESSION} } }`;
const SESSION_BY_ID = `query Session($id: ID!) { trainingSession(id: $id) { ${SESSION} } }`;

type Session = {
  id: string;
  version: number;
  status: string;
  title: string;
  organiserOrgs: string[];
  classification: string;
  sharedWith: string[];
  cancellationReason: string | null;
  participantsTotal: number | null;
  modules: { code: string }[];
};

function plan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    title: '[Test] Seminar for a national committee',
    startDate: '2026-10-12',
    endDate: '2026-10-13',
    city: 'Kampala',
    countryIso3: 'UGA',
    organiserOrgs: ['ICGLR'],
    organiserNames: ['[Test] university partner'],
    audience: 'NATIONAL_COMMITTEE',
    moduleCodes: ['FOA-INTRO', 'NC-MANDATE'],
    classification: 'GREEN',
    ...overrides,
  };
}

async function planned(input = plan(), token = editor): Promise<Session> {
  return accepted<Session>(await hub.query(PLAN, { input }, { token }), 'planTrainingSession');
}

describe('a training session', () => {
  it('is planned, updated, completed with its attendance and corrected afterwards, every step audited', async () => {
    const session = await planned();
    expect(session).toMatchObject({
      version: 1,
      status: 'PLANNED',
      organiserOrgs: ['UN-JO', 'ICGLR'],
      modules: [{ code: 'FOA-INTRO' }, { code: 'NC-MANDATE' }],
    });
    const updated = accepted<Session>(
      await hub.query(
        UPDATE,
        { input: { id: session.id, version: 1, city: 'Entebbe', moduleCodes: ['FOA-INTRO', 'HATE-SPEECH'] } },
        { token: editor },
      ),
      'updateTrainingSession',
    );
    expect(updated).toMatchObject({ version: 2, status: 'PLANNED', modules: [{ code: 'FOA-INTRO' }, { code: 'HATE-SPEECH' }] });

    const attendance = { participantsFemale: 12, participantsMale: 15, participantsUnspecified: 1, participantsTotal: 30 };
    const completed = accepted<Session>(
      await hub.query(COMPLETE, { input: { id: session.id, version: 2, attendance } }, { token: editor }),
      'completeTrainingSession',
    );
    expect(completed).toMatchObject({ version: 3, status: 'COMPLETED', ...attendance });
    // A completed session's record can still be corrected, but not moved into the future.
    const corrected = accepted<Session>(
      await hub.query(UPDATE, { input: { id: session.id, version: 3, endDate: '2026-10-14' } }, { token: editor }),
      'updateTrainingSession',
    );
    expect(corrected).toMatchObject({ version: 4, status: 'COMPLETED' });
    refusedFields(
      await hub.query(UPDATE, { input: { id: session.id, version: 4, startDate: '2099-01-01', endDate: null } }, { token: editor }),
      ['startDate'],
      true,
    );

    const trail = await changesInTrail(hub, 'training', admin);
    expect(
      trail
        .filter((e) => e.recordId === session.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    const links = trail.filter((e) => e.recordType === 'SessionModule' && e.recordId.startsWith(session.id));
    expect(links.map((e) => e.action).sort()).toEqual(['CREATE', 'CREATE', 'CREATE', 'DELETE']);
  });

  it('is cancelled with a reason, and then is final', async () => {
    const session = await planned(plan({ startDate: '2027-03-01', endDate: null }));
    const cancelled = accepted<Session>(
      await hub.query(CANCEL, { input: { id: session.id, version: 1, reason: "Postponed at the host government's request." } }, { token: editor }),
      'cancelTrainingSession',
    );
    expect(cancelled).toMatchObject({ version: 2, status: 'CANCELLED', cancellationReason: "Postponed at the host government's request." });
    const update = refused(await hub.query(UPDATE, { input: { id: session.id, version: 2, city: 'x' } }, { token: editor }), 'CONFLICT');
    expect(update.message).toMatch(/is CANCELLED and cannot be updated; no further step is possible/);
    refused(
      await hub.query(COMPLETE, { input: { id: session.id, version: 2, attendance: { participantsTotal: 3 } } }, { token: editor }),
      'CONFLICT',
    );
    refused(await hub.query(CANCEL, { input: { id: session.id, version: 2, reason: 'again' } }, { token: editor }), 'CONFLICT');
  });

  it('allows only PLANNED → COMPLETED and PLANNED → CANCELLED, and no completion before the session begins', async () => {
    const future = await planned(plan({ startDate: '2027-05-01', endDate: null }));
    const early = refused(
      await hub.query(COMPLETE, { input: { id: future.id, version: 1, attendance: { participantsTotal: 10 } } }, { token: editor }),
      'CONFLICT',
    );
    expect(early.message).toMatch(/starts on 2027-05-01/);
    const past = await planned();
    const completed = accepted<Session>(
      await hub.query(COMPLETE, { input: { id: past.id, version: 1, attendance: { participantsTotal: 10 } } }, { token: editor }),
      'completeTrainingSession',
    );
    const again = refused(
      await hub.query(COMPLETE, { input: { id: past.id, version: completed.version, attendance: { participantsTotal: 11 } } }, { token: editor }),
      'CONFLICT',
    );
    expect(again.message).toMatch(/is COMPLETED and cannot be completed; it can be updated/);
    refused(await hub.query(CANCEL, { input: { id: past.id, version: completed.version, reason: 'Too late.' } }, { token: editor }), 'CONFLICT');
    const [stored] = await hub.subgraphs.training.db.query(
      'SELECT status, version, participants_total FROM training.training_session WHERE id = $1',
      [past.id],
    );
    expect(stored).toEqual({ status: 'COMPLETED', version: completed.version, participants_total: 10 });
  });

  it('shares its module list exactly as it is shared itself', async () => {
    const session = await planned();
    const amber = accepted<Session>(
      await hub.query(UPDATE, { input: { id: session.id, version: 1, classification: 'AMBER', sharedWith: ['ICGLR'] } }, { token: editor }),
      'updateTrainingSession',
    );
    expect(amber).toMatchObject({ classification: 'AMBER', sharedWith: ['ICGLR'] });
    const links = await hub.subgraphs.training.db.query('SELECT classification, shared_with FROM training.session_module WHERE session_id = $1', [
      session.id,
    ]);
    expect(links).toEqual([
      { classification: 'AMBER', shared_with: ['ICGLR'] },
      { classification: 'AMBER', shared_with: ['ICGLR'] },
    ]);
    const seen = await hub.query<{ trainingSession: Session | null }>(SESSION_BY_ID, { id: session.id }, { token: icglrViewer });
    expect(seen.data!.trainingSession!.modules).toHaveLength(2);
    expect(
      (await hub.query<{ trainingSession: Session | null }>(SESSION_BY_ID, { id: session.id }, { token: auViewer })).data!.trainingSession,
    ).toBeNull();
  });
});

describe('refusals', () => {
  it('rejects bad fields with one BAD_USER_INPUT naming each of them, and stores nothing', async () => {
    const before = await countRows(hub, 'training', 'training.training_session');
    refusedFields(
      await hub.query(
        PLAN,
        { input: plan({ idempotencyKey: 'short', title: '', organiserOrgs: ['icglr'], moduleCodes: ['foa intro'] }) },
        { token: editor },
      ),
      ['idempotencyKey', 'title', 'organiserOrgs', 'moduleCodes'],
      true,
    );
    const rules = await hub.query(
      PLAN,
      { input: plan({ endDate: '2026-10-01', countryIso3: 'QQQ', moduleCodes: ['FOA-INTRO', 'NO-SUCH-MODULE'], sharedWith: ['AU'] }) },
      { token: editor },
    );
    expect(refusedFields(rules, ['endDate', 'countryIso3', 'moduleCodes', 'sharedWith'], true).message).toMatch(/unknown module NO-SUCH-MODULE/);
    expect(await countRows(hub, 'training', 'training.training_session')).toBe(before);

    const session = await planned();
    const attendance = await hub.query(
      COMPLETE,
      { input: { id: session.id, version: 1, attendance: { participantsFemale: 10, participantsMale: 10, participantsTotal: 15 } } },
      { token: editor },
    );
    refusedFields(attendance, ['attendance.participantsTotal'], true);
    refusedFields(
      await hub.query(
        COMPLETE,
        { input: { id: session.id, version: 1, attendance: { participantsFemale: -1, participantsTotal: 15 } } },
        { token: editor },
      ),
      ['attendance.participantsFemale'],
      true,
    );
    refusedFields(await hub.query(CANCEL, { input: { id: session.id, version: 1, reason: '' } }, { token: editor }), ['reason'], true);
    refusedFields(
      await hub.query(UPDATE, { input: { id: session.id, version: 1, title: null, audience: null, endDate: '2026-01-01' } }, { token: editor }),
      ['title', 'audience', 'endDate'],
      true,
    );
    const [stored] = await hub.subgraphs.training.db.query('SELECT status, version FROM training.training_session WHERE id = $1', [session.id]);
    expect(stored).toEqual({ status: 'PLANNED', version: 1 });
  });

  it('refuses anonymous callers, viewers and editors of another organisation, and hides what the caller may not read', async () => {
    const session = await planned();
    refused(await hub.query(PLAN, { input: plan() }), 'UNAUTHENTICATED');
    refused(await hub.query(CANCEL, { input: { id: session.id, version: 1, reason: 'x' } }), 'UNAUTHENTICATED');
    refused(await hub.query(PLAN, { input: plan() }, { token: viewer }), 'FORBIDDEN');
    refused(await hub.query(CANCEL, { input: { id: session.id, version: 1, reason: 'x' } }, { token: viewer }), 'FORBIDDEN');
    // ECOWAS reads UN-JO's GREEN session but may not change it.
    refused(await hub.query(UPDATE, { input: { id: session.id, version: 1, city: 'x' } }, { token: ecowasEditor }), 'FORBIDDEN');
    refused(
      await hub.query(COMPLETE, { input: { id: session.id, version: 1, attendance: { participantsTotal: 1 } } }, { token: ecowasEditor }),
      'FORBIDDEN',
    );

    const theirs = await planned(plan({ classification: 'RED', organiserOrgs: [] }), ecowasEditor);
    expect(theirs.organiserOrgs).toEqual(['ECOWAS']);
    const missing = randomUUID();
    for (const [query, input] of [
      [UPDATE, { version: 1, city: 'x' }],
      [COMPLETE, { version: 1, attendance: { participantsTotal: 1 } }],
      [CANCEL, { version: 1, reason: 'x' }],
    ] as const) {
      const hidden = refused(await hub.query(query, { input: { ...input, id: theirs.id } }, { token: editor }), 'NOT_FOUND');
      const absent = refused(await hub.query(query, { input: { ...input, id: missing } }, { token: editor }), 'NOT_FOUND');
      expect(hidden.message.replace(theirs.id, 'ID')).toBe(absent.message.replace(missing, 'ID'));
      expect(hidden.extensions).toEqual(absent.extensions);
    }
  });

  it('refuses a stale version with CONFLICT, and of concurrent steps from one version exactly one wins', async () => {
    const session = await planned();
    accepted(await hub.query(UPDATE, { input: { id: session.id, version: 1, city: 'Gulu' } }, { token: editor }), 'updateTrainingSession');
    expect(
      refused(await hub.query(UPDATE, { input: { id: session.id, version: 1, city: 'Stale' } }, { token: editor }), 'CONFLICT').message,
    ).toContain('version 2');
    const racing = await Promise.all([
      hub.query(COMPLETE, { input: { id: session.id, version: 2, attendance: { participantsTotal: 20 } } }, { token: editor }),
      hub.query(CANCEL, { input: { id: session.id, version: 2, reason: 'Racing cancellation.' } }, { token: editor }),
    ]);
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
  });

  it('returns the first session for a repeated idempotency key, with its modules once', async () => {
    const before = await countRows(hub, 'training', 'training.training_session');
    const links = await countRows(hub, 'training', 'training.session_module');
    const input = plan();
    const results = await Promise.all([1, 2, 3].map(() => hub.query(PLAN, { input }, { token: editor })));
    const ids = results.map((r) => accepted<Session>(r, 'planTrainingSession').id);
    expect(new Set(ids).size).toBe(1);
    expect(await countRows(hub, 'training', 'training.training_session')).toBe(before + 1);
    expect(await countRows(hub, 'training', 'training.session_module')).toBe(links + 2);
    expect(
      refused(await hub.query(PLAN, { input: { ...input, title: '[Test] Another' } }, { token: editor }), 'BAD_USER_INPUT').extensions!.field,
    ).toBe('idempotencyKey');
  });

  it('leaves nothing half-written when the database fails after the session row was written', async () => {
    const removeFault = await injectFault(
      hub,
      'training',
      'session_module',
      "EXISTS (SELECT 1 FROM training.training_session s WHERE s.id = NEW.session_id AND s.title = 'fault-injection')",
    );
    try {
      const counts = () =>
        Promise.all([
          countRows(hub, 'training', 'training.training_session'),
          countRows(hub, 'training', 'training.session_module'),
          countRows(hub, 'training', 'training.idempotency_key'),
          countRows(hub, 'training', "training.audit_event WHERE action <> 'READ'"),
        ]);
      const before = await counts();
      failedUnexpectedly(await hub.query(PLAN, { input: plan({ title: 'fault-injection' }) }, { token: editor }));
      expect(await counts()).toEqual(before);
    } finally {
      await removeFault();
    }
  });
});

describe('organisers', () => {
  it('refuses an organiser or a reader that is not a partner of the hub, naming the field, and stores nothing', async () => {
    const before = await countRows(hub, 'training', 'training.training_session');
    const unknownOrganiser = refusedFields(
      await hub.query(PLAN, { input: plan({ organiserOrgs: ['NOT-A-PARTNER'] }) }, { token: editor }),
      ['organiserOrgs'],
      true,
    );
    expect(unknownOrganiser.message).toContain('unknown partner code NOT-A-PARTNER');
    refusedFields(
      await hub.query(PLAN, { input: plan({ classification: 'AMBER', sharedWith: ['AU', 'NO-SUCH-ORG'] }) }, { token: editor }),
      ['sharedWith'],
      true,
    );
    expect(await countRows(hub, 'training', 'training.training_session')).toBe(before);

    const session = await planned();
    refusedFields(
      await hub.query(UPDATE, { input: { id: session.id, version: 1, organiserOrgs: ['ICGLR', 'NOT-A-PARTNER'] } }, { token: editor }),
      ['organiserOrgs'],
      true,
    );
    refusedFields(
      await hub.query(UPDATE, { input: { id: session.id, version: 1, classification: 'AMBER', sharedWith: ['NO-SUCH-ORG'] } }, { token: editor }),
      ['sharedWith'],
      true,
    );
  });

  it('still lists a session whose organiser has since left the hub, with a null item for it', async () => {
    // No mutation adds or removes a partner organisation: the test does it in the partners schema.
    const partners = hub.subgraphs.partners.db;
    await partners.query(
      `INSERT INTO partners.partner (owner_org, created_by_org, version, code, name, kind) VALUES ('TEST-GONE', 'TEST-GONE', 1, 'TEST-GONE', '[Test] departing partner', 'REGIONAL')`,
    );
    const session = await planned(plan({ organiserOrgs: ['TEST-GONE'] }));
    expect(session.organiserOrgs).toEqual(['UN-JO', 'TEST-GONE']);
    await partners.query(`DELETE FROM partners.partner WHERE code = 'TEST-GONE'`);

    const one = await hub.query<{ trainingSession: { organisers: ({ code: string; name: string } | null)[] } }>(
      `query One($id: ID!) { trainingSession(id: $id) { organisers { code name } } }`,
      { id: session.id },
      { token: editor },
    );
    expect(one.data?.trainingSession.organisers).toEqual([{ code: 'UN-JO', name: expect.any(String) }, null]);
    const page = await hub.query<{ trainingSessions: { nodes: { id: string; organisers: ({ code: string; name: string } | null)[] }[] } }>(
      `{ trainingSessions(first: 100, filter: { partner: "TEST-GONE" }) { nodes { id organisers { code name } } } }`,
      {},
      { token: editor },
    );
    expect(page.data?.trainingSessions.nodes).toEqual([{ id: session.id, organisers: [{ code: 'UN-JO', name: expect.any(String) }, null] }]);
    // The session keeps the organiser it names: a change that does not touch it still goes through.
    const updated = accepted<Session>(
      await hub.query(UPDATE, { input: { id: session.id, version: 1, city: 'Gulu', organiserOrgs: ['TEST-GONE'] } }, { token: editor }),
      'updateTrainingSession',
    );
    expect(updated).toMatchObject({ version: 2, organiserOrgs: ['UN-JO', 'TEST-GONE'] });
  });
});

describe('co-organiser credit', () => {
  const DAY = '2025-03-10';
  const TOTALS = `query Totals($partner: String!) {
    trainingTotals(partner: $partner, from: "${DAY}", to: "${DAY}") { sessions participantsTotal }
    trainingTotalsBy(groupBy: PARTNER, from: "${DAY}", to: "${DAY}") { group sessions }
    partner(code: $partner) { trainingSessions { id } }
  }`;
  const CONFIRM = `mutation Confirm($input: ConfirmTrainingCoOrganiserInput!) { confirmTrainingCoOrganiser(input: $input) { id version organiserOrgs confirmedOrganiserOrgs } }`;

  async function creditOf(partner: string): Promise<{ sessions: number; participants: number; byPartner: number; sessionIds: string[] }> {
    const response = await hub.query<any>(TOTALS, { partner }, { token: editor });
    expect(response.errors).toBeUndefined();
    const { trainingTotals, trainingTotalsBy, partner: record } = response.data;
    return {
      sessions: trainingTotals.sessions,
      participants: trainingTotals.participantsTotal,
      byPartner: trainingTotalsBy.find((row: { group: string }) => row.group === partner)?.sessions ?? 0,
      sessionIds: record.trainingSessions.map((s: { id: string }) => s.id),
    };
  }

  it('counts a session for a co-organiser only once that organisation confirms it, and always for its owner', async () => {
    const icglrEditor = await tokenFor(users.icglrEditor);
    const auEditor = await tokenFor(users.auEditor);
    const [ownerBefore, coBefore] = [await creditOf('UN-JO'), await creditOf('ICGLR')];

    const session = await planned(plan({ startDate: DAY, endDate: DAY, organiserOrgs: ['ICGLR'] }));
    accepted(
      await hub.query(COMPLETE, { input: { id: session.id, version: 1, attendance: { participantsTotal: 25 } } }, { token: editor }),
      'completeTrainingSession',
    );
    const owner = await creditOf('UN-JO');
    expect(owner).toMatchObject({
      sessions: ownerBefore.sessions + 1,
      participants: ownerBefore.participants + 25,
      byPartner: ownerBefore.byPartner + 1,
    });
    expect(owner.sessionIds).toContain(session.id);
    expect(await creditOf('ICGLR')).toEqual(coBefore);

    // Only an editor or admin of a named co-organiser confirms.
    refused(await hub.query(CONFIRM, { input: { id: session.id } }), 'UNAUTHENTICATED');
    expect(refused(await hub.query(CONFIRM, { input: { id: session.id } }, { token: editor }), 'BAD_USER_INPUT').extensions!.field).toBe('id');
    refused(await hub.query(CONFIRM, { input: { id: session.id } }, { token: auEditor }), 'FORBIDDEN');
    refused(await hub.query(CONFIRM, { input: { id: session.id } }, { token: icglrViewer }), 'FORBIDDEN');
    refused(await hub.query(CONFIRM, { input: { id: randomUUID() } }, { token: icglrEditor }), 'NOT_FOUND');
    expect(await creditOf('ICGLR')).toEqual(coBefore);

    const confirmed = accepted<{ version: number; confirmedOrganiserOrgs: string[] }>(
      await hub.query(CONFIRM, { input: { id: session.id } }, { token: icglrEditor }),
      'confirmTrainingCoOrganiser',
    );
    expect(confirmed).toMatchObject({ version: 3, confirmedOrganiserOrgs: ['ICGLR'] });
    const co = await creditOf('ICGLR');
    expect(co).toMatchObject({ sessions: coBefore.sessions + 1, participants: coBefore.participants + 25, byPartner: coBefore.byPartner + 1 });
    expect(co.sessionIds).toContain(session.id);
    expect(accepted(await hub.query(CONFIRM, { input: { id: session.id } }, { token: icglrEditor }), 'confirmTrainingCoOrganiser')).toMatchObject({
      version: 3,
    });

    // Dropped by the owner, the co-organiser loses the credit; named again, it confirms again.
    accepted(await hub.query(UPDATE, { input: { id: session.id, version: 3, organiserOrgs: [] } }, { token: editor }), 'updateTrainingSession');
    const renamed = accepted<Session & { confirmedOrganiserOrgs: string[] }>(
      await hub.query(
        UPDATE.replace('modules { code }', 'modules { code } confirmedOrganiserOrgs'),
        { input: { id: session.id, version: 4, organiserOrgs: ['ICGLR'] } },
        { token: editor },
      ),
      'updateTrainingSession',
    );
    expect(renamed.confirmedOrganiserOrgs).toEqual([]);
    expect(await creditOf('ICGLR')).toEqual(coBefore);
    expect(await creditOf('UN-JO')).toEqual(owner);
  });
});
