// Acknowledgement deadlines through the gateway over HTTP: an alert addressed to organisations says
// when each must acknowledge it (by level; HIGH is 2 seconds here), what is overdue is found by the
// filter and counted per organisation under the policy, a late organisation is reminded once
// however many sweeps run, and bad configuration stops the alerts subgraph at start.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { startSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { alertsSubgraph } from '../../subgraphs/alerts';
import { sweepOverdueAcknowledgements } from '../../subgraphs/alerts/events/overdue-sweep';
import { startHub, type GraphQLResponse, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { waitFor } from '../support/network';

const HIGH_MS = 2000;
const ENV = { ALERT_ACK_DEADLINES: `HIGH=PT${HIGH_MS / 1000}S`, ALERT_ACK_SWEEP_MS: '3600000' };

let hub: Hub;
// A second pool on the same database stands for a second replica sweeping (PGlite: one connection, shared).
let otherReplica: DataSource;
let editor: string;
let auAnalyst: string;
let icglrAnalyst: string;
let ecowasAnalyst: string;
const saved: Record<string, string | undefined> = {};

function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

beforeAll(async () => {
  for (const name of ['ALERT_ACK_DEADLINES', 'ALERT_ACK_SWEEP_MS']) saved[name] = process.env[name];
  // The test drives the sweeps itself: the hub's own would run only once an hour.
  setEnv(ENV);
  hub = await startHub({ seed: false });
  otherReplica =
    hub.database.target.kind === 'postgres'
      ? await openSubgraphDatabase({
          schema: 'alerts',
          entities: alertsSubgraph.entities,
          migrations: alertsSubgraph.migrations,
          target: hub.database.target,
        })
      : hub.subgraphs.alerts.db;
  editor = await tokenFor(users.jointOfficeEditor);
  auAnalyst = await tokenFor(users.auAnalyst);
  icglrAnalyst = await tokenFor(users.icglrAnalyst);
  ecowasAnalyst = await tokenFor(users.ecowasAnalyst);
});

afterAll(async () => {
  if (otherReplica && otherReplica !== hub?.subgraphs.alerts.db) await otherReplica.destroy();
  await hub?.stop();
  setEnv(saved);
});

type Due = { org: string; organisation: { code: string } | null; dueAt: string; acknowledgedAt: string | null; overdue: boolean };
type Alert = { id: string; version: number; status: string; issuedAt: string; acknowledgementsDue: Due[] };

const FIELDS = 'id version status issuedAt acknowledgementsDue { org organisation { code } dueAt acknowledgedAt overdue }';
const DRAFT = `mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { id version } }`;
const ISSUE = `mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation Close($input: CloseAlertInput!) { closeAlert(input: $input) { ${FIELDS} } }`;
const CORRECT = `mutation Correct($input: CorrectAlertInput!) { correctAlert(input: $input) { ${FIELDS} } }`;
const ACKNOWLEDGE = `mutation Acknowledge($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { id } }`;
const ALERT = `query Alert($id: ID!) { alert(id: $id) { ${FIELDS} } }`;
const OVERDUE = `query Overdue($filter: AlertFilter) {
  alerts(filter: $filter, first: 50) { edges { node { id } } }
  overdueAcknowledgements(filter: $filter) { org alerts organisation { code } }
}`;

function ok<T>(response: GraphQLResponse, field: string): T {
  expect(response.errors).toBeUndefined();
  return response.data![field] as T;
}

/** An alert issued by the Office to AU and ICGLR about `country`, AMBER, so only they and the Office read it. */
async function issued(country: string, overrides: Record<string, unknown> = {}): Promise<Alert> {
  const input = {
    idempotencyKey: randomUUID(),
    type: 'EARLY_WARNING',
    level: 'HIGH',
    title: `[Test] Early warning: ${country}`,
    body: 'Test alert written by the acknowledgement deadlines test.',
    recipients: ['PARTNER_ORGANISATIONS'],
    recipientOrgs: ['AU', 'ICGLR'],
    crimes: ['GENOCIDE'],
    citedRiskFactors: ['RF1'],
    countryIso3: country,
    classification: 'AMBER',
    ...overrides,
  };
  const drafted = ok<{ id: string; version: number }>(await hub.query(DRAFT, { input }, { token: editor }), 'draftAlert');
  return ok<Alert>(await hub.query(ISSUE, { input: { id: drafted.id, version: drafted.version } }, { token: editor }), 'issueAlert');
}

async function alertAs(id: string, token: string): Promise<Alert | null> {
  return ok<Alert | null>(await hub.query(ALERT, { id }, { token }), 'alert');
}

/** What is overdue about `country`, as `token` may see it: the alerts the filter finds and the count per organisation. */
async function overdue(country: string, token = editor): Promise<{ ids: string[]; counts: { org: string; alerts: number }[] }> {
  const response = await hub.query(OVERDUE, { filter: { countries: [country], acknowledgementOverdue: true } }, { token });
  expect(response.errors).toBeUndefined();
  const data = response.data as {
    alerts: { edges: { node: { id: string } }[] };
    overdueAcknowledgements: { org: string; alerts: number; organisation: { code: string } | null }[];
  };
  for (const count of data.overdueAcknowledgements) expect(count.organisation).toEqual({ code: count.org });
  return { ids: data.alerts.edges.map((edge) => edge.node.id), counts: data.overdueAcknowledgements.map(({ org, alerts }) => ({ org, alerts })) };
}

/** Once `alert`'s deadlines have passed (the filter finds it: a wait on the condition, not a sleep). */
async function untilOverdue(alert: Alert, country: string): Promise<void> {
  await waitFor(async () => (await overdue(country)).ids.includes(alert.id), 20_000, `alert about ${country} overdue`);
}

/** Once the database's clock has passed every deadline of `alert`. */
async function untilPastDue(alert: Alert): Promise<void> {
  const last = new Date(Math.max(...alert.acknowledgementsDue.map((due) => Date.parse(due.dueAt)))).toISOString();
  await waitFor(
    async () => (await hub.subgraphs.alerts.db.query(`SELECT now() > $1::timestamptz AS past`, [last]))[0].past as boolean,
    20_000,
    'every deadline past',
  );
}

/** The reminders recorded about `alertId`: how many per organisation. */
async function reminders(alertId: string): Promise<Record<string, number>> {
  const rows: { org: string; n: number }[] = await hub.subgraphs.alerts.db.query(
    `SELECT org, count(*)::int AS n FROM alerts.outbox_event WHERE subject_id = $1 AND topic = 'alert.acknowledgement_overdue' GROUP BY org ORDER BY org`,
    [alertId],
  );
  return Object.fromEntries(rows.map((row) => [row.org, row.n]));
}

/** Several sweeps, two at a time from two replicas, as often as `rounds`. */
async function sweepRepeatedly(rounds = 3): Promise<number> {
  let raised = 0;
  for (let i = 0; i < rounds; i++) {
    const counts = await Promise.all([
      sweepOverdueAcknowledgements(hub.subgraphs.alerts.db),
      sweepOverdueAcknowledgements(otherReplica),
      sweepOverdueAcknowledgements(hub.subgraphs.alerts.db),
      sweepOverdueAcknowledgements(otherReplica),
    ]);
    raised += counts.reduce((sum, n) => sum + n, 0);
  }
  return raised;
}

describe('acknowledgement deadlines', () => {
  it('tells when each recipient organisation must acknowledge, by the alert level, and nothing is overdue before then', async () => {
    const high = await issued('COD');
    const issuedAt = Date.parse(high.issuedAt);
    expect(high.acknowledgementsDue).toEqual([
      { org: 'AU', organisation: { code: 'AU' }, dueAt: new Date(issuedAt + HIGH_MS).toISOString(), acknowledgedAt: null, overdue: false },
      { org: 'ICGLR', organisation: { code: 'ICGLR' }, dueAt: new Date(issuedAt + HIGH_MS).toISOString(), acknowledgedAt: null, overdue: false },
    ]);
    expect(await overdue('COD')).toEqual({ ids: [], counts: [] });
    // Not configured here: VERY_HIGH keeps its default of 12 hours.
    const veryHigh = await issued('COD', { level: 'VERY_HIGH', recipientOrgs: ['AU'] });
    expect(veryHigh.acknowledgementsDue.map((due) => Date.parse(due.dueAt) - Date.parse(veryHigh.issuedAt))).toEqual([12 * 60 * 60 * 1000]);
    // A recipient sees the deadlines of an alert it may read; an alert to no organisation has none.
    expect((await alertAs(high.id, auAnalyst))!.acknowledgementsDue.map((due) => due.org)).toEqual(['AU', 'ICGLR']);
    const toNoOrganisation = await issued('COD', { recipients: ['SECRETARY_GENERAL'], recipientOrgs: [] });
    expect(toNoOrganisation.acknowledgementsDue).toEqual([]);
  });

  it('finds an alert overdue once its deadline passes, counts it per late organisation, and stops counting one that acknowledges', async () => {
    const alert = await issued('BDI');
    await untilOverdue(alert, 'BDI');
    expect(await overdue('BDI')).toEqual({
      ids: [alert.id],
      counts: [
        { org: 'AU', alerts: 1 },
        { org: 'ICGLR', alerts: 1 },
      ],
    });
    expect((await alertAs(alert.id, editor))!.acknowledgementsDue.map((due) => [due.org, due.overdue])).toEqual([
      ['AU', true],
      ['ICGLR', true],
    ]);
    // The filter's false finds the alerts that are not overdue, this one not among them.
    const notOverdue = await hub.query(OVERDUE, { filter: { countries: ['BDI'], acknowledgementOverdue: false } }, { token: editor });
    expect((notOverdue.data as { alerts: { edges: unknown[] } }).alerts.edges).toEqual([]);

    ok(await hub.query(ACKNOWLEDGE, { input: { alertId: alert.id } }, { token: auAnalyst }), 'acknowledgeAlert');
    expect(await overdue('BDI')).toEqual({ ids: [alert.id], counts: [{ org: 'ICGLR', alerts: 1 }] });
    const due = (await alertAs(alert.id, editor))!.acknowledgementsDue;
    expect(due.map((d) => [d.org, d.overdue, d.acknowledgedAt !== null])).toEqual([
      ['AU', false, true],
      ['ICGLR', true, false],
    ]);

    ok(await hub.query(ACKNOWLEDGE, { input: { alertId: alert.id } }, { token: icglrAnalyst }), 'acknowledgeAlert');
    expect(await overdue('BDI')).toEqual({ ids: [], counts: [] });
  });

  it('raises one reminder per late organisation, however many sweeps run and from how many replicas at once', async () => {
    const alert = await issued('RWA');
    await sweepRepeatedly(1);
    expect(await reminders(alert.id)).toEqual({});
    await untilOverdue(alert, 'RWA');
    const raised = await sweepRepeatedly(3);
    expect(raised).toBeGreaterThanOrEqual(2);
    expect(await reminders(alert.id)).toEqual({ AU: 1, ICGLR: 1 });
    // An organisation acknowledging after its reminder raises no other; nor do later sweeps.
    ok(await hub.query(ACKNOWLEDGE, { input: { alertId: alert.id } }, { token: auAnalyst }), 'acknowledgeAlert');
    await sweepRepeatedly(2);
    expect(await reminders(alert.id)).toEqual({ AU: 1, ICGLR: 1 });
    const [event] = await hub.subgraphs.alerts.db.query(
      `SELECT payload FROM alerts.outbox_event WHERE subject_id = $1 AND topic = 'alert.acknowledgement_overdue' AND org = 'ICGLR'`,
      [alert.id],
    );
    expect(event.payload).toMatchObject({ alertId: alert.id, status: 'ISSUED', level: 'HIGH' });
  });

  it('counts no closed alert as overdue and reminds no one of it', async () => {
    const alert = await issued('UGA');
    const closed = ok<Alert>(await hub.query(CLOSE, { input: { id: alert.id, version: alert.version } }, { token: editor }), 'closeAlert');
    await untilPastDue(alert);
    await sweepRepeatedly(1);
    expect(await overdue('UGA')).toEqual({ ids: [], counts: [] });
    expect(closed.status).toBe('CLOSED');
    expect((await alertAs(alert.id, editor))!.acknowledgementsDue.map((due) => due.overdue)).toEqual([false, false]);
    expect(await reminders(alert.id)).toEqual({});
  });

  it('keeps the first deadline of an organisation a correction still addresses, and gives a fresh one to the others', async () => {
    const original = await issued('KEN');
    ok(await hub.query(ACKNOWLEDGE, { input: { alertId: original.id } }, { token: auAnalyst }), 'acknowledgeAlert');
    const correction = ok<Alert>(
      await hub.query(
        CORRECT,
        {
          input: {
            idempotencyKey: randomUUID(),
            id: original.id,
            version: original.version,
            recipientOrgs: ['AU', 'ICGLR', 'IGAD'],
            note: 'IGAD added',
          },
        },
        { token: editor },
      ),
      'correctAlert',
    );
    const firstDue = original.acknowledgementsDue.find((due) => due.org === 'ICGLR')!.dueAt;
    const fresh = new Date(Date.parse(correction.issuedAt) + HIGH_MS).toISOString();
    // ICGLR had not acknowledged: its clock runs from the first issue. AU had, and IGAD is new: the correction is news to both.
    expect(correction.acknowledgementsDue.map((due) => [due.org, due.dueAt]).sort()).toEqual([
      ['AU', fresh],
      ['ICGLR', firstDue],
      ['IGAD', fresh],
    ]);
    await untilPastDue(correction);
    // The superseded version is overdue for no one; the correction for all three, until they acknowledge it.
    const { ids, counts } = await overdue('KEN');
    expect(ids).toEqual([correction.id]);
    expect(counts).toEqual([
      { org: 'AU', alerts: 1 },
      { org: 'ICGLR', alerts: 1 },
      { org: 'IGAD', alerts: 1 },
    ]);
    expect((await alertAs(original.id, editor))!.acknowledgementsDue.every((due) => !due.overdue)).toBe(true);
  });

  it('shows a viewer only the overdue alerts it may read', async () => {
    const amber = await issued('TZA');
    const green = await issued('TZA', { classification: 'GREEN', recipientOrgs: ['AU'] });
    await untilOverdue(amber, 'TZA');
    await untilOverdue(green, 'TZA');
    expect(await overdue('TZA')).toEqual({
      ids: expect.arrayContaining([amber.id, green.id]),
      counts: [
        { org: 'AU', alerts: 2 },
        { org: 'ICGLR', alerts: 1 },
      ],
    });
    // ECOWAS is not among the AMBER alert's readers: it sees only the GREEN one, in the list and in the count.
    expect(await overdue('TZA', ecowasAnalyst)).toEqual({ ids: [green.id], counts: [{ org: 'AU', alerts: 1 }] });
    expect(await alertAs(amber.id, ecowasAnalyst)).toBeNull();
    // Anonymous readers see neither.
    expect(await overdue('TZA', '')).toEqual({ ids: [], counts: [] });
  });

  it("reminds late organisations from a replica's own background sweep", async () => {
    setEnv({ ALERT_ACK_SWEEP_MS: '50' });
    const replica = await startSubgraph(alertsSubgraph, {
      target: hub.database.target,
      gatewayKeys: hub.keys.gatewayKeys,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const alert = await issued('ZMB');
      await waitFor(async () => Object.keys(await reminders(alert.id)).length === 2, 20_000, 'both late organisations reminded');
      expect(await reminders(alert.id)).toEqual({ AU: 1, ICGLR: 1 });
    } finally {
      await replica.stop(1000);
      setEnv(ENV);
    }
  });

  it.each([
    [{ ALERT_ACK_DEADLINES: 'HIGH=tomorrow' }, 'ALERT_ACK_DEADLINES: "HIGH=tomorrow" has no ISO 8601 duration'],
    [{ ALERT_ACK_DEADLINES: 'CRITICAL=PT4H' }, 'ALERT_ACK_DEADLINES: "CRITICAL=PT4H" names no risk level'],
    [{ ALERT_ACK_DEADLINES: 'HIGH=PT0S' }, 'gives no time at all'],
    [{ ALERT_ACK_DEADLINES: 'HIGH=PT4H,HIGH=P1D' }, 'sets a level a second time'],
    [{ ALERT_ACK_SWEEP_MS: 'often' }, 'ALERT_ACK_SWEEP_MS: "often" must be a whole number of milliseconds'],
  ])('refuses to start with %j', async (env, message) => {
    setEnv(env);
    try {
      await expect(
        startSubgraph(alertsSubgraph, { target: hub.database.target, gatewayKeys: hub.keys.gatewayKeys, host: '127.0.0.1', port: 0 }),
      ).rejects.toThrow(message);
    } finally {
      setEnv(ENV);
    }
  });
});
