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

export interface IllustrativeSituation {
  key: IllustrativeSituationKey;
  countryIso3: string;
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
  incidentPlaces: { adm1: string; place: string; lat: number; lon: number }[];
}

const I = '[Exercise]';

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
    incidentPlaces: [{ adm1: 'Centre-Nord', place: 'Illustrative commune E', lat: 13.1, lon: -1.08 }],
  },
  {
    key: 'horn-darfur',
    countryIso3: 'SDN',
    title: `${I} Scenario E: targeted violence against an invented community`,
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
    title: `${I} Scenario G: a minority-rights dispute (HCNM confidential)`,
    status: SituationStatus.MONITORING,
    crimes: [Crime.GENOCIDE],
    incitement: [Crime.GENOCIDE],
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
  region: string;
}

export const ILLUSTRATIVE_SOURCES: readonly IllustrativeSource[] = [
  { ownerOrg: 'UN-JO', name: 'Illustrative UN field report', type: SourceType.UN, region: 'Global' },
  { ownerOrg: 'UN-JO', name: 'Illustrative local radio monitor', type: SourceType.MEDIA, region: 'Africa' },
  { ownerOrg: 'ECOWAS', name: 'Illustrative ECOWARN field reporter', type: SourceType.PARTNER_MECHANISM, region: 'Africa' },
  { ownerOrg: 'ICGLR', name: 'Illustrative national committee report', type: SourceType.PARTNER_MECHANISM, region: 'Africa' },
  { ownerOrg: 'AU', name: 'Illustrative CEWS situation room', type: SourceType.PARTNER_MECHANISM, region: 'Africa' },
  { ownerOrg: 'IGAD', name: 'Illustrative CEWARN field monitor', type: SourceType.PARTNER_MECHANISM, region: 'Africa' },
  { ownerOrg: 'OSCE', name: 'Illustrative HCNM visit note', type: SourceType.PARTNER_MECHANISM, region: 'Europe' },
  { ownerOrg: 'UN-JO', name: 'Illustrative civil-society network', type: SourceType.NGO, region: 'Asia' },
];
