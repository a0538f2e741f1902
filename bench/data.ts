// The bench's data set, inserted straight into each subgraph's database (opened here with the
// subgraph's own entities, once its service has migrated it): situations with assessments,
// incidents, sources, alerts and acknowledgements, and training sessions. Situation n always gives the same rows.
import type { DataSource } from 'typeorm';
import { createDataSource } from '../subgraphs/kernel/db/database';
import { SUBGRAPHS } from '../scripts/subgraphs';
import { Acknowledgement } from '../subgraphs/alerts/entities/acknowledgement.entity';
import { Alert, AlertRecipient, AlertStatus, AlertType } from '../subgraphs/alerts/entities/alert.entity';
import { Classification, ownership, type Ownership } from '../subgraphs/kernel/policy/ownership';
import { COUNTRIES } from '../subgraphs/kernel/reference/countries';
import { insertMissing, stableId } from '../subgraphs/kernel/db/seeding';
import { Crime, RISK_LEVELS, RiskLevel } from '../subgraphs/kernel/schema/vocabulary';
import { Incident } from '../subgraphs/situations/entities/incident.entity';
import { RiskAssessment } from '../subgraphs/situations/entities/risk-assessment.entity';
import { Situation, SituationStatus } from '../subgraphs/situations/entities/situation.entity';
import { Source, SourceType } from '../subgraphs/situations/entities/source.entity';
import { TrainingAudience, TrainingSession, TrainingStatus } from '../subgraphs/training/entities/training-session.entity';

/** The subgraph databases the bench writes its data set to. */
export interface BenchDatabases {
  situations: DataSource;
  alerts: DataSource;
  training: DataSource;
  close: () => Promise<void>;
}

export async function openBenchDatabases(url: string): Promise<BenchDatabases> {
  const open = async (name: string) => {
    const module = SUBGRAPHS.find((m) => m.name === name)!;
    return createDataSource({
      schema: name,
      entities: module.entities,
      migrations: [],
      // The bulk inserts of 10,000 situations may outlast a subgraph's statement timeout on a busy machine: none here.
      target: { kind: 'postgres', url, poolSize: 2, limits: { connectTimeoutMs: 10_000, statementTimeoutMs: 0 } },
    }).initialize();
  };
  const [situations, alerts, training] = [await open('situations'), await open('alerts'), await open('training')];
  return {
    situations,
    alerts,
    training,
    close: async () => {
      for (const source of [situations, alerts, training]) await source.destroy();
    },
  };
}

/** The organisation the bench reads as: it sees GREEN, CLEAR and the AMBER rows owned by or shared with it. */
export const BENCH_VIEWER_ORG = 'UN-JO';

const PARTNERS = ['AU', 'ECOWAS', 'ICGLR', 'OSCE', 'EU', 'IGAD', 'OAS', 'ASEAN', 'SADC', 'LAS'];
// Every fourth country: about sixty, spread over every region, so grouping by country or region
// has real work to do while a twelve-month incident breakdown by country stays dashboard-sized.
const COUNTRIES_MONITORED = COUNTRIES.filter((_, i) => i % 4 === 0);
const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Global'];
const SOURCE_TYPES = Object.values(SourceType);
const CRIMES = Object.values(Crime);
const EVENT_TYPES = ['Violence against civilians', 'Battles', 'Riots', 'Explosions/Remote violence', 'Protests'];
const AUDIENCES = Object.values(TrainingAudience);
const ASSESSMENTS_PER_SITUATION = 2;
const INCIDENTS_PER_SITUATION = 3;
const CHUNK = 500;

/** A stable pseudo-random integer in [0, k) for (n, salt): varied rows without a random seed to carry around. */
function pick(n: number, salt: number, k: number): number {
  let h = Math.imul(n + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  return (h >>> 0) % k;
}

function day(year: number, month: number, dayOfMonth: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/**
 * Who owns situation n and who may read it. The mix is what makes the access policy work: half
 * GREEN, a tenth CLEAR, and AMBER rows of which some are the viewer's own, some shared with it and
 * some (one in ten situations) invisible to it, so every query filters rather than passes all.
 */
export function situationOwnership(n: number): Ownership {
  const partner = PARTNERS[pick(n, 1, PARTNERS.length)];
  const other = PARTNERS[(PARTNERS.indexOf(partner) + 1) % PARTNERS.length];
  switch (n % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return { ownerOrg: n % 2 === 0 ? BENCH_VIEWER_ORG : partner, classification: Classification.GREEN };
    case 5:
      return { ownerOrg: BENCH_VIEWER_ORG, classification: Classification.AMBER, sharedWith: [partner] };
    case 6:
    case 7:
      return { ownerOrg: partner, classification: Classification.AMBER, sharedWith: [BENCH_VIEWER_ORG] };
    case 8:
      return { ownerOrg: partner, classification: Classification.AMBER, sharedWith: [other] };
    default:
      return { ownerOrg: partner, classification: Classification.CLEAR };
  }
}

const sourceId = (i: number) => stableId('bench-source', i);
const SOURCE_COUNT = SOURCE_TYPES.length * REGIONS.length;

/** One source per type and region, mostly GREEN, a few AMBER of a partner, as an import would leave them. */
export async function addSources(db: BenchDatabases): Promise<void> {
  const rows = Array.from({ length: SOURCE_COUNT }, (_, i) => {
    const type = SOURCE_TYPES[i % SOURCE_TYPES.length];
    const region = REGIONS[Math.floor(i / SOURCE_TYPES.length)];
    const owner: Ownership =
      i % 7 === 3
        ? { ownerOrg: PARTNERS[i % PARTNERS.length], classification: Classification.AMBER, sharedWith: [BENCH_VIEWER_ORG] }
        : { ownerOrg: BENCH_VIEWER_ORG, classification: Classification.GREEN };
    return { id: sourceId(i), name: `[Bench] ${type} source, ${region}`, type, region, url: null, ...ownership(owner) };
  });
  await insertMissing(db.situations.manager, Source, rows as Partial<Source>[], CHUNK);
}

const situationId = (n: number) => stableId('bench-situation', n);
const alertId = (n: number, k: number) => stableId('bench-alert', n, k);

/** Situations numbered [from, to), each with its assessments, incidents, alerts and acknowledgements. */
export async function addSituations(db: BenchDatabases, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += CHUNK) {
    const numbers = Array.from({ length: Math.min(CHUNK, to - start) }, (_, i) => start + i);
    await insertSituationChunk(db.situations, db.alerts, numbers);
  }
}

async function insertSituationChunk(situations: DataSource, alerts: DataSource, numbers: number[]): Promise<void> {
  const situationRows: Partial<Situation>[] = [];
  const assessmentRows: Partial<RiskAssessment>[] = [];
  const incidentRows: Partial<Incident>[] = [];
  const alertRows: Partial<Alert>[] = [];
  const acknowledgementRows: Partial<Acknowledgement>[] = [];

  for (const n of numbers) {
    const country = COUNTRIES_MONITORED[pick(n, 2, COUNTRIES_MONITORED.length)];
    const owner = situationOwnership(n);
    const owned = ownership(owner);
    const crimes = [CRIMES[pick(n, 3, CRIMES.length)]];
    const openedYear = 2015 + pick(n, 4, 10);
    situationRows.push({
      id: situationId(n),
      countryIso3: country.iso3,
      countryCodes: [country.iso3],
      title: `[Bench] Situation ${n} in ${country.name}`,
      summary: 'Generated for the benchmark.',
      status: [SituationStatus.MONITORING, SituationStatus.ESCALATING, SituationStatus.DE_ESCALATING][pick(n, 5, 3)],
      crimes,
      openedOn: day(openedYear, 1 + pick(n, 6, 12), 1 + pick(n, 7, 28)),
      illustrative: true,
      ...owned,
    });

    for (let k = 0; k < ASSESSMENTS_PER_SITUATION; k++) {
      const level = RISK_LEVELS[pick(n, 10 + k, RISK_LEVELS.length)];
      assessmentRows.push({
        id: stableId('bench-assessment', n, k),
        situationId: situationId(n),
        frameworkVersion: '2014',
        assessedByOrg: owner.ownerOrg,
        assessedOn: day(openedYear + 1 + k, 1 + pick(n, 20 + k, 12), 15),
        overallLevel: level,
        crimes,
        summary: 'Generated for the benchmark.',
        factors: ['RF1', 'RF2', 'RF7', 'RF10'].map((riskFactor, f) => ({
          riskFactor,
          level: RISK_LEVELS[pick(n, 30 + k * 4 + f, RISK_LEVELS.length)],
          evidence: null,
          indicators: [],
        })),
        assessmentNumber: k + 1,
        ...owned,
      });
    }

    for (let k = 0; k < INCIDENTS_PER_SITUATION; k++) {
      const fatalities = pick(n, 40 + k, 25);
      incidentRows.push({
        id: stableId('bench-incident', n, k),
        situationId: situationId(n),
        countryIso3: country.iso3,
        occurredOn: day(2020 + pick(n, 50 + k, 6), 1 + pick(n, 60 + k, 12), 1 + pick(n, 70 + k, 28)),
        adm1: `Province ${1 + pick(n, 80 + k, 8)}`,
        eventType: EVENT_TYPES[pick(n, 90 + k, EVENT_TYPES.length)],
        actors: ['Armed group', 'Civilians'],
        fatalitiesLow: Math.max(0, fatalities - 2),
        fatalitiesBest: fatalities,
        fatalitiesHigh: fatalities + 3,
        sourceId: sourceId(pick(n, 100 + k, SOURCE_COUNT)),
        ...owned,
      });
    }

    // Half the situations have one alert, a quarter two; issued ones are acknowledged by some recipients.
    const alertCount = [0, 1, 1, 2][pick(n, 110, 4)];
    for (let k = 0; k < alertCount; k++) {
      const status = [AlertStatus.DRAFT, AlertStatus.ISSUED, AlertStatus.ISSUED, AlertStatus.ESCALATED_TO_SECRETARY_GENERAL, AlertStatus.CLOSED][
        pick(n, 120 + k, 5)
      ];
      const issuedAt = status === AlertStatus.DRAFT ? null : new Date(`${day(2018 + pick(n, 130 + k, 8), 1 + pick(n, 140 + k, 12), 10)}T09:00:00Z`);
      const recipientOrgs = [PARTNERS[pick(n, 150 + k, PARTNERS.length)], BENCH_VIEWER_ORG].filter((org) => org !== owner.ownerOrg);
      alertRows.push({
        id: alertId(n, k),
        type: [AlertType.EARLY_WARNING, AlertType.ADVISORY_NOTE, AlertType.BRIEFING][pick(n, 160 + k, 3)],
        level: RISK_LEVELS[pick(n, 170 + k, RISK_LEVELS.length)] as RiskLevel,
        status,
        title: `[Bench] Alert ${k + 1} on situation ${n}`,
        body: 'Generated for the benchmark.',
        recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
        recipientOrgs,
        crimes,
        citedRiskFactors: ['RF1', 'RF10'],
        situationId: situationId(n),
        countryIso3: country.iso3,
        issuedAt,
        illustrative: true,
        ...owned,
      });
      if (!issuedAt) continue;
      for (const org of recipientOrgs.slice(0, 1 + pick(n, 180 + k, recipientOrgs.length))) {
        acknowledgementRows.push({
          id: stableId('bench-acknowledgement', n, k, org),
          alertId: alertId(n, k),
          org,
          acknowledgedBy: `${org.toLowerCase()}-focal-point`,
          acknowledgedAt: new Date(issuedAt.getTime() + 86_400_000),
          note: null,
          // The recipient owns its acknowledgement; an AMBER alert's stays readable by the alert's owner and its sharers.
          ...ownership({
            ownerOrg: org,
            classification: owner.classification === Classification.CLEAR ? Classification.GREEN : owner.classification,
            sharedWith:
              owner.classification === Classification.AMBER
                ? [...new Set([owner.ownerOrg, ...(owner.sharedWith ?? [])])].filter((code) => code !== org)
                : [],
          }),
        });
      }
    }
  }

  await situations.transaction(async (manager) => {
    await insertMissing(manager, Situation, situationRows, CHUNK);
    await insertMissing(manager, RiskAssessment, assessmentRows, CHUNK);
    await insertMissing(manager, Incident, incidentRows, CHUNK);
  });
  await alerts.transaction(async (manager) => {
    await insertMissing(manager, Alert, alertRows, CHUNK);
    await insertMissing(manager, Acknowledgement, acknowledgementRows, CHUNK);
  });
}

/** Training sessions 2009 to 2025 in the monitored countries, by several organisers, most of them completed. */
export async function addTrainingSessions(db: BenchDatabases, count: number): Promise<void> {
  const rows: Partial<TrainingSession>[] = Array.from({ length: count }, (_, n) => {
    const country = COUNTRIES_MONITORED[pick(n, 200, COUNTRIES_MONITORED.length)];
    const organiser = n % 3 === 0 ? BENCH_VIEWER_ORG : PARTNERS[pick(n, 201, PARTNERS.length)];
    const female = 5 + pick(n, 202, 20);
    const male = 5 + pick(n, 203, 20);
    const start = day(2009 + pick(n, 204, 17), 1 + pick(n, 205, 12), 1 + pick(n, 206, 25));
    return {
      id: stableId('bench-training-session', n),
      title: `[Bench] Training session ${n} in ${country.name}`,
      startDate: start,
      endDate: null,
      city: null,
      countryIso3: country.iso3,
      organiserOrgs: organiser === BENCH_VIEWER_ORG ? [organiser] : [organiser, BENCH_VIEWER_ORG],
      organiserNames: [],
      audience: AUDIENCES[pick(n, 207, AUDIENCES.length)],
      status: n % 10 === 0 ? TrainingStatus.PLANNED : TrainingStatus.COMPLETED,
      participantsFemale: female,
      participantsMale: male,
      participantsUnspecified: 0,
      participantsTotal: female + male,
      illustrative: true,
      ...ownership(
        n % 5 === 4
          ? { ownerOrg: organiser, classification: Classification.AMBER, sharedWith: [] }
          : { ownerOrg: organiser, classification: Classification.GREEN },
      ),
    };
  });
  await insertMissing(db.training.manager, TrainingSession, rows, CHUNK);
}

/** Situations stored, whoever may read them: the size the scaling steps are measured at. */
export async function storedSituations(db: BenchDatabases): Promise<number> {
  return db.situations.getRepository(Situation).count();
}
