// Seed data for the situations subgraph. Reference data, loaded on every start: the Framework of
// Analysis (2014 and 2009, data/framework.ts). Illustrative data, loaded only when seeding is on:
// the situations of data/illustrative.ts with their assessments, incidents and sources.
// Idempotent: ids derive from natural keys and rows already present are left alone.
import type { DataSource } from 'typeorm';
import { Classification, ownership, type Ownership } from '../kernel/policy/ownership';
import { illustrativeSituationId } from '../kernel/reference/illustrative-situations';
import { floorCurrentCitations } from '../kernel/policy/record-floor';
import { insertMissing, stableId } from '../kernel/db/seeding';
import { FRAMEWORKS, indicatorWording } from './data/framework';
import { EXERCISE_NOTICE, ILLUSTRATIVE_GROUPS, ILLUSTRATIVE_SITUATIONS, ILLUSTRATIVE_SOURCES, illustrativeDisplacement } from './data/illustrative';
import { Framework, Indicator, RiskFactor, type CrimeScope, type WordingStatus } from './entities/framework.entity';
import { DatePrecision, GeoPrecision, Incident } from './entities/incident.entity';
import { eventTypeOf } from './data/event-types';
import { RiskAssessment } from './entities/risk-assessment.entity';
import { Situation } from './entities/situation.entity';
import { Source } from './entities/source.entity';
import { CITING_SITUATION, CITING_SOURCE } from './rules/situation.rules';

const REFERENCE = ownership({ ownerOrg: 'UN-JO', classification: Classification.CLEAR });
const EVENT_TYPES = ['Violence against civilians', 'Battles', 'Riots', 'Explosions/Remote violence'];

export const riskFactorId = (version: string, code: string) => stableId('risk-factor', version, code);

export async function seedReference(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    await insertMissing(
      manager,
      Framework,
      FRAMEWORKS.map((f) => ({
        id: f.version,
        title: f.title,
        year: f.year,
        description: f.description,
        source: f.source,
        sourceNote: f.sourceNote ?? null,
        hubNumbering: f.hubNumbering,
        ...REFERENCE,
      })),
    );
    await insertMissing(
      manager,
      RiskFactor,
      FRAMEWORKS.flatMap((f) =>
        f.riskFactors.map((r) => ({
          id: riskFactorId(f.version, r.code),
          frameworkVersion: f.version,
          code: r.code,
          number: r.number,
          title: r.title,
          description: r.description,
          scope: r.scope as CrimeScope,
          wordingStatus: r.wording as WordingStatus,
          wordingNote: r.wordingNote ?? null,
          ...REFERENCE,
        })),
      ),
    );
    await insertMissing(
      manager,
      Indicator,
      FRAMEWORKS.flatMap((f) =>
        f.riskFactors.flatMap((r) =>
          r.indicators.map((indicator, position) => ({
            id: stableId('indicator', f.version, indicator.code),
            riskFactorId: riskFactorId(f.version, r.code),
            frameworkVersion: f.version,
            code: indicator.code,
            position: position + 1,
            text: indicator.text,
            wordingStatus: indicatorWording(r, indicator) as WordingStatus,
            wordingNote: indicator.wordingNote ?? null,
            ...REFERENCE,
          })),
        ),
      ),
    );
  });
}

function firstIndicators(version: string, factorCode: string): string[] {
  const factor = FRAMEWORKS.find((f) => f.version === version)?.riskFactors.find((r) => r.code === factorCode);
  if (!factor) throw new Error(`seed cites unknown risk factor ${factorCode} of framework ${version}`);
  return factor.indicators.slice(0, 2).map((i) => i.code);
}

async function insertIllustrative(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    const sourceIds = new Map<string, string>();
    await insertMissing(
      manager,
      Source,
      ILLUSTRATIVE_SOURCES.map((s) => {
        const id = stableId('source', s.ownerOrg, s.name);
        sourceIds.set(s.ownerOrg, sourceIds.get(s.ownerOrg) ?? id);
        return {
          id,
          name: s.name,
          type: s.type,
          region: s.region,
          baseCountryIso3: s.baseCountryIso3,
          url: null,
          ...ownership({ ownerOrg: s.ownerOrg, classification: Classification.GREEN }),
        };
      }),
    );
    for (const s of ILLUSTRATIVE_SITUATIONS) {
      const id = illustrativeSituationId(s.key);
      const owned: Ownership = {
        ownerOrg: s.ownerOrg,
        classification: s.classification,
        sharedWith: s.sharedWith,
        sharedWithUsers: s.sharedWithUsers,
      };
      await insertMissing(manager, Situation, [
        {
          id,
          countryIso3: s.countryIso3,
          countryCodes: s.countryCodes ?? [s.countryIso3],
          title: s.title,
          summary: `${s.title}. ${EXERCISE_NOTICE}`,
          status: s.status,
          crimes: s.crimes,
          incitement: s.incitement ?? [],
          openedOn: s.openedOn,
          illustrative: true,
          groups: [...ILLUSTRATIVE_GROUPS[s.key]],
          ...ownership(owned),
        },
      ]);
      await insertMissing(
        manager,
        RiskAssessment,
        s.assessments.map((a, n) => {
          const framework = a.framework ?? '2014';
          return {
            id: stableId('assessment', s.key, a.on),
            situationId: id,
            frameworkVersion: framework,
            assessedByOrg: s.ownerOrg,
            assessedOn: a.on,
            overallLevel: a.level,
            partnerRatingScheme: `${s.ownerOrg} illustrative scale`,
            partnerRatingValue: `${a.level.toLowerCase().replace('_', ' ')}`,
            crimes: s.crimes,
            incitement: s.incitement ?? [],
            crimesOccurring: a.crimesOccurring ?? [],
            summary: `Exercise assessment ${n + 1} of "${s.title}". ${EXERCISE_NOTICE}`,
            factors: a.factors.map(([riskFactor, level]) => ({
              riskFactor,
              level,
              evidence: 'Illustrative evidence.',
              indicators: firstIndicators(framework, riskFactor).map((indicator) => ({
                indicator,
                observed: true,
                evidence: 'Illustrative observation.',
              })),
            })),
            assessmentNumber: n + 1,
            groups: [...ILLUSTRATIVE_GROUPS[s.key]],
            ...ownership(owned),
          };
        }),
      );
      await insertMissing(
        manager,
        Incident,
        s.incidentPlaces.flatMap((p, placeIndex) =>
          [0, 1, 2].map((k) => {
            const month = String(((placeIndex * 3 + k) % 9) + 1).padStart(2, '0');
            const best = (placeIndex + 1) * (k + 2);
            return {
              id: stableId('incident', s.key, placeIndex, k),
              situationId: id,
              countryIso3: p.countryIso3 ?? s.countryIso3,
              occurredOn: `2026-${month}-1${k}`,
              datePrecision: k === 2 ? DatePrecision.MONTH : DatePrecision.DAY,
              adm1: p.adm1,
              adm2: null,
              place: p.place,
              latitude: p.lat,
              longitude: p.lon,
              geoPrecision: k === 2 ? GeoPrecision.ADMIN_AREA : GeoPrecision.EXACT,
              eventType: EVENT_TYPES[(placeIndex + k) % EVENT_TYPES.length],
              eventTypeCode: eventTypeOf(EVENT_TYPES[(placeIndex + k) % EVENT_TYPES.length])?.type ?? null,
              subEventType: null,
              subEventTypeCode: null,
              actors: ['Illustrative armed group', 'Civilians'],
              fatalitiesLow: best - 1,
              fatalitiesBest: best,
              fatalitiesHigh: best + 3,
              ...illustrativeDisplacement(best),
              groups: [...ILLUSTRATIVE_GROUPS[s.key]],
              notes: `Exercise incident, invented for trying the hub. ${EXERCISE_NOTICE}`,
              sourceId: sourceIds.get(s.ownerOrg) ?? sourceIds.get('UN-JO') ?? null,
              externalId: `seed-${s.key}-${placeIndex}-${k}`,
              ...ownership(owned),
            };
          }),
        ),
      );
    }
  });
}

export async function seedIllustrative(db: DataSource): Promise<void> {
  await insertIllustrative(db);
  // The seed inserts rows directly: give its assessments and incidents the floors a mutation would.
  await db.transaction(async (manager) => {
    await floorCurrentCitations(manager, 'Situation', Situation, CITING_SITUATION);
    await floorCurrentCitations(manager, 'Source', Source, CITING_SOURCE);
  });
}
