// The Office's recorded engagements with partners (shared/domain.md, "Facts from the
// office's record"), and illustrative focal points: the roles are real, the names are not.
import { EngagementKind } from '../entities/engagement.entity';

export interface EngagementRecord {
  partnerCode: string;
  kind: EngagementKind;
  title: string;
  startDate: string;
  endDate: string | null;
  city: string | null;
  countryIso3: string | null;
  source: string;
  /** The title the engagement was first seeded with, when it has since been corrected: its stable id derives from it. */
  seededTitle?: string;
}

const RECORD = "The Office's record of engagements (shared/domain.md)";

export const ENGAGEMENTS: readonly EngagementRecord[] = [
  {
    partnerCode: 'AU',
    kind: EngagementKind.BRIEFING,
    title: 'Briefing to the AU Peace and Security Council and the Panel of the Wise',
    startDate: '2009-11-01',
    endDate: null,
    city: null,
    countryIso3: null,
    source: `${RECORD}; month only, day not recorded`,
  },
  {
    partnerCode: 'AU',
    kind: EngagementKind.MEETING,
    title: 'AU High-Level Implementation Panel',
    startDate: '2012-04-02',
    endDate: '2012-04-03',
    city: 'Addis Ababa',
    countryIso3: 'ETH',
    source: RECORD,
  },
  {
    partnerCode: 'IGAD',
    kind: EngagementKind.MEETING,
    title: "CEWARN experts' meeting",
    startDate: '2012-06-21',
    endDate: '2012-06-22',
    city: 'Addis Ababa',
    countryIso3: 'ETH',
    source: RECORD,
  },
  {
    partnerCode: 'OAS',
    kind: EngagementKind.SESSION,
    title: 'Inter-American Juridical Committee',
    startDate: '2012-03-05',
    endDate: '2012-03-07',
    city: 'Mexico City',
    countryIso3: 'MEX',
    source: RECORD,
  },
  {
    partnerCode: 'EU',
    kind: EngagementKind.MEETING,
    title: 'EU roundtable',
    startDate: '2012-04-25',
    endDate: null,
    city: 'Brussels',
    countryIso3: 'BEL',
    source: RECORD,
  },
  {
    partnerCode: 'EU',
    kind: EngagementKind.MEETING,
    title: 'Meetings with the European External Action Service',
    startDate: '2013-03-05',
    endDate: '2013-03-06',
    city: 'Brussels',
    countryIso3: 'BEL',
    source: `${RECORD}; place assumed to be EEAS headquarters`,
  },
  {
    partnerCode: 'ECOWAS',
    kind: EngagementKind.MEETING,
    title: 'Meeting with the ECOWAS Vice President',
    startDate: '2012-12-14',
    endDate: null,
    city: null,
    countryIso3: null,
    source: RECORD,
  },
  {
    partnerCode: 'AU',
    kind: EngagementKind.SESSION,
    title: "African Commission on Human and Peoples' Rights, extraordinary session",
    startDate: '2013-02-18',
    endDate: null,
    city: 'Banjul',
    countryIso3: 'GMB',
    source: RECORD,
  },
  {
    partnerCode: 'AU',
    kind: EngagementKind.MISSION,
    title: 'Mission to the African Union',
    startDate: '2013-04-22',
    endDate: '2013-04-23',
    city: 'Addis Ababa',
    countryIso3: 'ETH',
    source: RECORD,
  },
  {
    partnerCode: 'ICGLR',
    kind: EngagementKind.MEETING,
    title: 'Founding meeting of the ICGLR Regional Committee for the Prevention and Punishment of Genocide',
    startDate: '2010-09-23',
    endDate: null,
    city: 'Kampala',
    countryIso3: 'UGA',
    source: RECORD,
  },
  {
    partnerCode: 'ICGLR',
    kind: EngagementKind.MEETING,
    title: 'ICGLR Regional Committee meeting',
    startDate: '2011-05-25',
    endDate: '2011-05-26',
    city: 'Brazzaville',
    countryIso3: 'COG',
    source: RECORD,
  },
  {
    partnerCode: 'ICGLR',
    kind: EngagementKind.MEETING,
    title: 'ICGLR Regional Committee meeting',
    startDate: '2011-12-10',
    endDate: '2011-12-11',
    city: 'Zanzibar',
    countryIso3: 'TZA',
    source: RECORD,
  },
  {
    partnerCode: 'ICGLR',
    kind: EngagementKind.MEETING,
    title: 'ICGLR Regional Committee meeting',
    startDate: '2012-02-08',
    endDate: null,
    city: null,
    countryIso3: null,
    source: RECORD,
  },
  {
    partnerCode: 'ICGLR',
    kind: EngagementKind.MEETING,
    title: 'ICGLR Regional Committee meeting hosted by the Office',
    seededTitle: 'ICGLR Regional Committee meeting hosted by the Joint Office',
    startDate: '2012-10-18',
    endDate: '2012-10-19',
    city: null,
    countryIso3: null,
    source: RECORD,
  },
  {
    partnerCode: 'LATAM-NET',
    kind: EngagementKind.MISSION,
    title: "Work with Paraguay, whose Ombudsman's office was to act as national focal point in the Latin American Network",
    startDate: '2013-04-17',
    endDate: '2013-04-19',
    city: null,
    countryIso3: 'PRY',
    source: `${RECORD}, "Corrections and additions"; the record gives no city`,
  },
];

export interface FocalPointRecord {
  partnerCode: string;
  name: string;
  role: string;
  email: string | null;
  countryIso3: string | null;
}

export const FOCAL_POINTS: readonly FocalPointRecord[] = [
  { partnerCode: 'ECOWAS', name: 'Illustrative ECOWARN analyst', role: 'ECOWARN early-warning focal point', email: null, countryIso3: null },
  {
    partnerCode: 'ICGLR',
    name: 'Illustrative national committee chair',
    role: 'Kenya National Committee focal point',
    email: null,
    countryIso3: 'KEN',
  },
  { partnerCode: 'AU', name: 'Illustrative CEWS officer', role: 'Continental Early Warning System focal point', email: null, countryIso3: null },
  {
    partnerCode: 'UN-JO',
    name: 'Illustrative desk officer of the Office',
    role: 'Partnerships and training focal point',
    email: null,
    countryIso3: null,
  },
];
