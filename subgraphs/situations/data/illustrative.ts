// Illustrative situations, assessments, incidents and sources for the seed: exercises, NOT real
// assessments of real countries. They name real countries so that geography, membership and
// dashboards can be tried, but every title reads as an exercise, every group and actor is invented,
// no intent or crime is attributed to a real group or government, and every record has illustrative=true.
// They spread over several regions, owners and every classification level.
import { Classification } from '../../kernel/policy/ownership';
import type { IllustrativeSituationKey } from '../../kernel/reference/illustrative-situations';
import { Crime, RiskLevel } from '../../kernel/schema/vocabulary';
import { SituationStatus } from '../entities/situation.entity';
import { SourceType } from '../entities/source.entity';
import { ProtectedGroupKind, type ProtectedGroup } from '../entities/protected-group';

export interface IllustrativeSituation {
  key: IllustrativeSituationKey;
  /** The primary country. */
  countryIso3: string;
  /** Every country a cross-border situation concerns, the primary first; left out for one country. */
  countryCodes?: string[];
  title: string;
  status: SituationStatus;
  crimes: Crime[];
  /** The crimes whose incitement the situation concerns (each also in crimes). */
  incitement?: Crime[];
  openedOn: string;
  ownerOrg: string;
  classification: Classification;
  sharedWith?: string[];
  sharedWithUsers?: string[];
  /** Overall levels of successive assessments, oldest first, with their dates. */
  assessments: { on: string; level: RiskLevel; framework?: string; factors: [string, RiskLevel][]; crimesOccurring?: Crime[] }[];
  /** Places of its incidents; in the primary country unless countryIso3 says otherwise. */
  incidentPlaces: { adm1: string; place: string; lat: number; lon: number; countryIso3?: string }[];
}

const I = '[Exercise]';

/** What every illustrative situation, assessment and incident says of itself (issue 16: exercises, not assessments). */
export const EXERCISE_NOTICE =
  'An exercise for trying the hub: its actors and events are invented; not an assessment of a real situation, group or government.';

export const ILLUSTRATIVE_SITUATIONS: readonly IllustrativeSituation[] = [
  {
    key: 'great-lakes-kivu',
    countryIso3: 'COD',
    title: `${I} Scenario A: invented armed groups and hate speech`,
    status: SituationStatus.ESCALATING,
    crimes: [Crime.GENOCIDE, Crime.CRIMES_AGAINST_HUMANITY],
    incitement: [Crime.GENOCIDE, Crime.CRIMES_AGAINST_HUMANITY],
    openedOn: '2024-03-01',
    ownerOrg: 'ICGLR',
    classification: Classification.AMBER,
    sharedWith: ['UN-JO', 'AU'],
    assessments: [
      {
        on: '2025-06-10',
        level: RiskLevel.HIGH,
        factors: [
          ['RF1', RiskLevel.HIGH],
          ['RF9', RiskLevel.MODERATE],
          ['RF8', RiskLevel.MODERATE],
        ],
      },
      {
        on: '2026-09-15',
        level: RiskLevel.VERY_HIGH,
        crimesOccurring: [Crime.CRIMES_AGAINST_HUMANITY],
        factors: [
          ['RF1', RiskLevel.VERY_HIGH],
          ['RF9', RiskLevel.HIGH],
          ['RF10', RiskLevel.MODERATE],
        ],
      },
    ],
    incidentPlaces: [
      { adm1: 'North Kivu', place: 'Illustrative locality A', lat: -1.68, lon: 29.22 },
      { adm1: 'South Kivu', place: 'Illustrative locality B', lat: -2.5, lon: 28.86 },
    ],
  },
  {
    key: 'great-lakes-burundi',
    countryIso3: 'BDI',
    title: `${I} Scenario B: political tension ahead of invented elections`,
    status: SituationStatus.MONITORING,
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    openedOn: '2025-01-15',
    ownerOrg: 'UN-JO',
    classification: Classification.GREEN,
    assessments: [
      {
        on: '2026-08-01',
        level: RiskLevel.MODERATE,
        factors: [
          ['RF3', RiskLevel.MODERATE],
          ['RF8', RiskLevel.MODERATE],
        ],
      },
    ],
    incidentPlaces: [{ adm1: 'Bujumbura Mairie', place: 'Illustrative district', lat: -3.38, lon: 29.36 }],
  },
  {
    key: 'west-africa-middle-belt',
    countryIso3: 'NGA',
    title: `${I} Scenario C: violence between two invented communities`,
    status: SituationStatus.ESCALATING,
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    incitement: [Crime.CRIMES_AGAINST_HUMANITY],
    openedOn: '2023-05-01',
    ownerOrg: 'ECOWAS',
    classification: Classification.AMBER_STRICT,
    sharedWith: ['UN-JO'],
    assessments: [
      {
        on: '2025-11-20',
        level: RiskLevel.MODERATE,
        factors: [
          ['RF1', RiskLevel.MODERATE],
          ['RF9', RiskLevel.MODERATE],
        ],
      },
      {
        on: '2026-10-05',
        level: RiskLevel.HIGH,
        factors: [
          ['RF1', RiskLevel.HIGH],
          ['RF9', RiskLevel.HIGH],
          ['RF11', RiskLevel.MODERATE],
        ],
      },
    ],
    incidentPlaces: [
      { adm1: 'Plateau', place: 'Illustrative village C', lat: 9.9, lon: 8.86 },
      { adm1: 'Benue', place: 'Illustrative village D', lat: 7.73, lon: 8.52 },
    ],
  },
  {
    key: 'sahel-central',
    countryIso3: 'BFA',
    // The illustrative cross-border situation: three neighbouring countries of Western Africa (the
    // central Sahel's border area), so that queries by any of them find it. An exercise, not an assessment.
    countryCodes: ['BFA', 'MLI', 'NER'],
    title: `${I} Scenario D: an invented armed group attacks civilians`,
    status: SituationStatus.ESCALATING,
    crimes: [Crime.WAR_CRIMES, Crime.CRIMES_AGAINST_HUMANITY],
    openedOn: '2022-02-01',
    ownerOrg: 'AU',
    classification: Classification.AMBER,
    sharedWith: ['ECOWAS', 'UN-JO'],
    assessments: [
      {
        on: '2026-07-12',
        level: RiskLevel.HIGH,
        factors: [
          ['RF1', RiskLevel.VERY_HIGH],
          ['RF13', RiskLevel.HIGH],
        ],
      },
    ],
    incidentPlaces: [
      { adm1: 'Centre-Nord', place: 'Illustrative commune E', lat: 13.1, lon: -1.08 },
      { adm1: 'Tillabéri', place: 'Illustrative commune N', lat: 14.21, lon: 1.45, countryIso3: 'NER' },
    ],
  },
  {
    key: 'horn-darfur',
    countryIso3: 'SDN',
    title: `${I} Scenario E (hypothetical): a fictional armed group targets an invented community`,
    status: SituationStatus.ESCALATING,
    crimes: [Crime.GENOCIDE, Crime.WAR_CRIMES, Crime.ETHNIC_CLEANSING],
    openedOn: '2023-04-20',
    ownerOrg: 'IGAD',
    classification: Classification.RED,
    sharedWithUsers: ['un-jo-analyst'],
    assessments: [
      {
        on: '2024-06-01',
        level: RiskLevel.HIGH,
        framework: '2009',
        factors: [
          ['C1', RiskLevel.HIGH],
          ['C6', RiskLevel.HIGH],
        ],
      },
      {
        on: '2026-06-01',
        level: RiskLevel.VERY_HIGH,
        // The exercise's assessor states crimes occurring, to show a current crisis apart from a risk.
        crimesOccurring: [Crime.WAR_CRIMES],
        factors: [
          ['RF10', RiskLevel.HIGH],
          ['RF11', RiskLevel.VERY_HIGH],
          ['RF14', RiskLevel.HIGH],
        ],
      },
    ],
    incidentPlaces: [{ adm1: 'West Darfur', place: 'Illustrative town F', lat: 13.45, lon: 22.45 }],
  },
  {
    key: 'horn-south-sudan',
    countryIso3: 'SSD',
    title: `${I} Scenario F: localised violence and humanitarian access`,
    status: SituationStatus.MONITORING,
    crimes: [Crime.WAR_CRIMES],
    openedOn: '2024-09-01',
    ownerOrg: 'UN-JO',
    classification: Classification.CLEAR,
    assessments: [
      {
        on: '2026-05-20',
        level: RiskLevel.MODERATE,
        factors: [
          ['RF13', RiskLevel.MODERATE],
          ['RF14', RiskLevel.MODERATE],
        ],
      },
    ],
    incidentPlaces: [{ adm1: 'Jonglei', place: 'Illustrative payam G', lat: 7.2, lon: 31.6 }],
  },
  {
    key: 'europe-minorities',
    countryIso3: 'MDA',
    title: `${I} Scenario G (hypothetical): a dispute over an invented minority's rights (HCNM confidential)`,
    status: SituationStatus.MONITORING,
    // Monitored at a low level for the crime its one risk factor (RF9) is specific to; no incitement, so
    // the exercise attributes none to anyone in a real country.
    crimes: [Crime.GENOCIDE],
    openedOn: '2025-09-01',
    ownerOrg: 'OSCE',
    classification: Classification.RED,
    sharedWithUsers: ['osce-hcnm-adviser'],
    assessments: [{ on: '2026-03-03', level: RiskLevel.LOW, factors: [['RF9', RiskLevel.LOW]] }],
    incidentPlaces: [{ adm1: 'Illustrative region', place: 'Illustrative town H', lat: 47.0, lon: 28.86 }],
  },
  {
    key: 'asia-rakhine',
    countryIso3: 'MMR',
    title: `${I} Scenario H: discrimination against an invented minority`,
    status: SituationStatus.MONITORING,
    crimes: [Crime.GENOCIDE, Crime.ETHNIC_CLEANSING],
    openedOn: '2021-02-01',
    ownerOrg: 'UN-JO',
    classification: Classification.CLEAR,
    assessments: [
      {
        on: '2025-02-01',
        level: RiskLevel.VERY_HIGH,
        factors: [
          ['RF9', RiskLevel.VERY_HIGH],
          ['RF10', RiskLevel.HIGH],
        ],
      },
      {
        on: '2026-02-01',
        level: RiskLevel.HIGH,
        factors: [
          ['RF9', RiskLevel.HIGH],
          ['RF10', RiskLevel.MODERATE],
        ],
      },
    ],
    incidentPlaces: [{ adm1: 'Rakhine', place: 'Illustrative township I', lat: 20.15, lon: 92.9 }],
  },
  {
    key: 'americas-haiti',
    countryIso3: 'HTI',
    title: `${I} Scenario I: invented gangs and attacks on civilians`,
    status: SituationStatus.MONITORING,
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    openedOn: '2024-03-10',
    ownerOrg: 'UN-JO',
    classification: Classification.GREEN,
    assessments: [
      {
        on: '2026-04-01',
        level: RiskLevel.HIGH,
        factors: [
          ['RF3', RiskLevel.VERY_HIGH],
          ['RF11', RiskLevel.HIGH],
        ],
      },
    ],
    incidentPlaces: [{ adm1: 'Ouest', place: 'Illustrative commune J', lat: 18.54, lon: -72.34 }],
  },
  {
    key: 'sahel-mali',
    countryIso3: 'MLI',
    title: `${I} Scenario J: communal violence between invented groups`,
    status: SituationStatus.DE_ESCALATING,
    crimes: [Crime.WAR_CRIMES, Crime.ETHNIC_CLEANSING],
    openedOn: '2019-04-01',
    ownerOrg: 'ECOWAS',
    classification: Classification.AMBER,
    sharedWith: ['UN-JO', 'AU'],
    assessments: [
      {
        on: '2024-12-01',
        level: RiskLevel.HIGH,
        factors: [
          ['RF1', RiskLevel.HIGH],
          ['RF9', RiskLevel.HIGH],
        ],
      },
    ],
    incidentPlaces: [{ adm1: 'Mopti', place: 'Illustrative cercle K', lat: 14.49, lon: -4.19 }],
  },
];

export interface IllustrativeSource {
  ownerOrg: string;
  name: string;
  type: SourceType;
  /** The UN M49 region it covers, or "Global". */
  region: string;
  /** Where it is based, apart from what it covers. */
  baseCountryIso3: string;
}

// Bases: the partners' mechanisms sit where the organisations say they do (ECOWAS Commission and
// ECOWARN in Abuja; ICGLR Conference Secretariat in Bujumbura; AU Commission and its CEWS, and
// IGAD's CEWARN unit, in Addis Ababa; the OSCE HCNM in The Hague); the UN field report is filed at
// UN Headquarters in New York. The radio monitor's and the civil-society network's bases are illustrative.
export const ILLUSTRATIVE_SOURCES: readonly IllustrativeSource[] = [
  { ownerOrg: 'UN-JO', name: 'Illustrative UN field report', type: SourceType.UN, region: 'Global', baseCountryIso3: 'USA' },
  { ownerOrg: 'UN-JO', name: 'Illustrative local radio monitor', type: SourceType.MEDIA, region: 'Africa', baseCountryIso3: 'KEN' },
  { ownerOrg: 'ECOWAS', name: 'Illustrative ECOWARN field reporter', type: SourceType.PARTNER_MECHANISM, region: 'Africa', baseCountryIso3: 'NGA' },
  { ownerOrg: 'ICGLR', name: 'Illustrative national committee report', type: SourceType.PARTNER_MECHANISM, region: 'Africa', baseCountryIso3: 'BDI' },
  { ownerOrg: 'AU', name: 'Illustrative CEWS situation room', type: SourceType.PARTNER_MECHANISM, region: 'Africa', baseCountryIso3: 'ETH' },
  { ownerOrg: 'IGAD', name: 'Illustrative CEWARN field monitor', type: SourceType.PARTNER_MECHANISM, region: 'Africa', baseCountryIso3: 'ETH' },
  { ownerOrg: 'OSCE', name: 'Illustrative HCNM visit note', type: SourceType.PARTNER_MECHANISM, region: 'Europe', baseCountryIso3: 'NLD' },
  { ownerOrg: 'UN-JO', name: 'Illustrative civil-society network', type: SourceType.NGO, region: 'Asia', baseCountryIso3: 'THA' },
];

/**
 * The protected groups each illustrative situation concerns, and with it its assessments and
 * incidents (issue 16, "who is at risk"). Invented names, never a real group: the kinds are the
 * Genocide Convention's (art. II), the names placeholders. Haiti's illustrative situation names
 * none, as a situation of armed violence need not concern a protected group.
 * The migration 1796320000000-ProtectedGroups writes the same groups into databases seeded before.
 */
export const ILLUSTRATIVE_GROUPS: Readonly<Record<IllustrativeSituationKey, readonly ProtectedGroup[]>> = {
  'great-lakes-kivu': [
    { kind: ProtectedGroupKind.ETHNICAL, name: 'Group A (illustrative)' },
    { kind: ProtectedGroupKind.ETHNICAL, name: 'Group B (illustrative)' },
  ],
  'great-lakes-burundi': [{ kind: ProtectedGroupKind.ETHNICAL, name: 'Group C (illustrative)' }],
  'west-africa-middle-belt': [
    { kind: ProtectedGroupKind.RELIGIOUS, name: 'Group D (illustrative)' },
    { kind: ProtectedGroupKind.ETHNICAL, name: 'Group E (illustrative)' },
  ],
  'sahel-central': [{ kind: ProtectedGroupKind.ETHNICAL, name: 'Group F (illustrative)' }],
  'horn-darfur': [{ kind: ProtectedGroupKind.RACIAL, name: 'Group G (illustrative)' }],
  'horn-south-sudan': [{ kind: ProtectedGroupKind.ETHNICAL, name: 'Group H (illustrative)' }],
  'europe-minorities': [{ kind: ProtectedGroupKind.NATIONAL, name: 'Group J (illustrative)' }],
  'asia-rakhine': [{ kind: ProtectedGroupKind.RELIGIOUS, name: 'Group K (illustrative)' }],
  'americas-haiti': [],
  'sahel-mali': [{ kind: ProtectedGroupKind.ETHNICAL, name: 'Group L (illustrative)' }],
};

/**
 * People displaced by an illustrative incident whose best fatality estimate is `fatalitiesBest`:
 * invented figures, low / best / high, so the dashboards have displacement to show.
 */
export function illustrativeDisplacement(fatalitiesBest: number): { displacedLow: number; displacedBest: number; displacedHigh: number } {
  return { displacedLow: fatalitiesBest * 30, displacedBest: fatalitiesBest * 50, displacedHigh: fatalitiesBest * 80 };
}
