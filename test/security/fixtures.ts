// Records owned by ECOWAS at every classification level, in a country and a year the seed does
// not use, so that what each reader sees is exactly what these fixtures allow. Built with the
// seed helpers, as the seeds themselves are.
import { Classification, ownership } from '../../subgraphs/kernel/policy/ownership';
import { insertMissing, stableId } from '../../subgraphs/kernel/db/seeding';
import { Alert } from '../../subgraphs/alerts/entities/alert.entity';
import { Situation } from '../../subgraphs/situations/entities/situation.entity';
import { TrainingSession } from '../../subgraphs/training/entities/training-session.entity';
import type { Hub } from '../support/hub';

export const LEVELS = [Classification.CLEAR, Classification.GREEN, Classification.AMBER, Classification.AMBER_STRICT, Classification.RED] as const;
export const FIXTURE_COUNTRY = 'ISL';
export const FIXTURE_OWNER = 'ECOWAS';
export const NAMED_RED_READER = 'un-jo-named';

export interface Fixture {
  level: Classification;
  situationId: string;
  alertId: string;
  sessionId: string;
}

function owned(level: Classification) {
  return ownership({
    ownerOrg: FIXTURE_OWNER,
    classification: level,
    sharedWith: level === Classification.AMBER || level === Classification.AMBER_STRICT ? ['UN-JO'] : [],
    sharedWithUsers: level === Classification.RED ? [NAMED_RED_READER] : [],
  });
}

export async function createFixtures(hub: Hub): Promise<Fixture[]> {
  const fixtures = LEVELS.map((level) => ({
    level,
    situationId: stableId('security-fixture-situation', level),
    alertId: stableId('security-fixture-alert', level),
    sessionId: stableId('security-fixture-session', level),
  }));
  await insertMissing(
    hub.subgraphs.situations.db.manager,
    Situation,
    fixtures.map((f) => ({
      id: f.situationId,
      countryIso3: FIXTURE_COUNTRY,
      countryCodes: [FIXTURE_COUNTRY],
      title: `Security fixture ${f.level}`,
      summary: `Owned by ${FIXTURE_OWNER} at ${f.level}.`,
      openedOn: '2031-01-01',
      illustrative: true,
      crimes: [],
      ...owned(f.level),
    })) as Partial<Situation>[],
  );
  // CLEAR alerts that cite each situation: the path from an alert to its situation goes
  // through the gateway's entity fetch, which must apply the situation's own level.
  await insertMissing(
    hub.subgraphs.alerts.db.manager,
    Alert,
    fixtures.map((f) => ({
      id: f.alertId,
      type: 'BRIEFING',
      level: 'LOW',
      status: 'ISSUED',
      title: `Alert citing the ${f.level} fixture`,
      body: 'Security fixture.',
      recipients: [],
      recipientOrgs: [],
      crimes: [],
      citedRiskFactors: [],
      frameworkVersion: '2014',
      situationId: f.situationId,
      countryIso3: FIXTURE_COUNTRY,
      issuedAt: new Date('2031-02-01T00:00:00Z'),
      supersedesId: null,
      illustrative: true,
      ...ownership({ ownerOrg: 'UN-JO', classification: Classification.CLEAR }),
    })) as unknown as Partial<Alert>[],
  );
  await insertMissing(
    hub.subgraphs.training.db.manager,
    TrainingSession,
    fixtures.map((f) => ({
      id: f.sessionId,
      title: `Security fixture session ${f.level}`,
      startDate: '2031-03-01',
      endDate: null,
      city: null,
      countryIso3: FIXTURE_COUNTRY,
      organiserOrgs: [FIXTURE_OWNER],
      organiserNames: [],
      audience: 'MIXED',
      audienceDescription: null,
      status: 'COMPLETED',
      participantsFemale: 4,
      participantsMale: 6,
      participantsUnspecified: 0,
      participantsTotal: 10,
      source: 'security fixture',
      illustrative: true,
      ...owned(f.level),
    })) as unknown as Partial<TrainingSession>[],
  );
  return fixtures;
}

export interface Reader {
  name: string;
  org: string | null;
  roles: ('viewer' | 'editor' | 'admin')[];
  sub?: string;
}

export const READERS: Reader[] = [
  { name: 'anonymous', org: null, roles: [] },
  { name: 'ECOWAS viewer', org: 'ECOWAS', roles: ['viewer'] },
  { name: 'ECOWAS editor', org: 'ECOWAS', roles: ['editor'] },
  { name: 'ECOWAS admin', org: 'ECOWAS', roles: ['admin'] },
  { name: 'UN-JO viewer (shared with)', org: 'UN-JO', roles: ['viewer'], sub: 'un-jo-analyst' },
  { name: 'UN-JO admin (shared with)', org: 'UN-JO', roles: ['admin'], sub: 'un-jo-admin' },
  { name: 'named RED recipient', org: 'UN-JO', roles: ['viewer'], sub: NAMED_RED_READER },
  { name: 'AU viewer (not shared with)', org: 'AU', roles: ['viewer'] },
  { name: 'OSCE editor (not shared with)', org: 'OSCE', roles: ['editor'] },
  { name: 'OSCE admin (not shared with)', org: 'OSCE', roles: ['admin'] },
];

/** The brief's table, written out independently of the kernel's policy: what `reader` may see of an ECOWAS record at `level`. */
export function expectedVisible(reader: Reader, level: Classification): boolean {
  if (level === Classification.CLEAR) return true;
  if (reader.org === null) return false;
  if (reader.org === FIXTURE_OWNER) return true;
  if (level === Classification.GREEN) return true;
  if (level === Classification.AMBER || level === Classification.AMBER_STRICT) return reader.org === 'UN-JO';
  return reader.sub === NAMED_RED_READER;
}
