// Training sessions for the seed. The recorded ones come from the Office's record (shared/domain.md,
// "Facts from the office's record"); each session's `source` says which details are assumptions.
// The illustrative ones (2027, West Africa) were never planned: their titles and `illustrative` say so.
import { Classification, type Ownership } from '../../kernel/policy/ownership';
import { SessionDatePrecision, TrainingAudience, TrainingStatus } from '../entities/training-session.entity';
import type { Sharing } from '../../kernel/policy/no-write-down';
import type { SessionContent } from '../rules/training-session.rules';

/** A seeded session: what an author writes (rules/training-session.rules.ts), then its status, participants and modules. */
export interface SessionRecord extends Omit<SessionContent, keyof Sharing | 'source'> {
  /** Natural key the session's stable id is derived from; never change it once seeded. */
  key: string;
  status: TrainingStatus;
  participantsFemale: number | null;
  participantsMale: number | null;
  participantsUnspecified: number | null;
  participantsTotal: number | null;
  source: string;
  illustrative: boolean;
  /** Module codes (data/modules.ts). */
  modules: string[];
  ownership: Ownership;
}

const RECORD = "The Office's record (shared/domain.md)";
const MONTH_ONLY = 'the record gives the month only: startDate is the 1st of the month, not the day it began';
// The record names what a session was about, not its curriculum: modules on recorded sessions are the hub's reading of that subject.
const MODULES_INFERRED = 'modules inferred from the recorded subject, not from a curriculum';
const OFFICE_RECORD: Ownership = { ownerOrg: 'UN-JO', classification: Classification.CLEAR };
// The 2012 national-committee seminars were the Office's own: the record names no co-organiser, the ICGLR included.
const OFFICE_ORGANISED = 'organised by the Office: the record names no co-organiser (not the ICGLR)';
// The 2010 Kampala and February 2012 Regional Committee seminars were held for the ICGLR, which the record does not name as organiser.
const FOR_ICGLR = 'held for the ICGLR, organised by the Office: the record does not name the ICGLR as co-organiser';
// National committees are not hub organisations: a session one organised names it in organiserNames, and the Office,
// which supported it and counts it in its training record, stays the owning organiser.
const KENYA_COMMITTEE = 'Kenya National Committee';
const TANZANIA_COMMITTEE = 'Tanzania National Committee';
const NO_PARTICIPANTS = { participantsFemale: null, participantsMale: null, participantsUnspecified: null, participantsTotal: null };

const recorded = (
  session: Omit<SessionRecord, 'status' | 'illustrative' | 'ownership' | 'startDatePrecision'> & { startDatePrecision?: SessionDatePrecision },
): SessionRecord => ({
  startDatePrecision: SessionDatePrecision.DAY,
  ...session,
  status: TrainingStatus.COMPLETED,
  illustrative: false,
  ownership: OFFICE_RECORD,
});

const I = '[Illustrative]';
const ILLUSTRATIVE_SOURCE = 'Illustrative seed data for trying the hub: no such session was held or planned.';

export const SESSIONS: readonly SessionRecord[] = [
  recorded({
    key: '2010-09-23-kampala-icglr',
    title: 'Training seminar for ICGLR government officials and representatives',
    startDate: '2010-09-23',
    startDatePrecision: SessionDatePrecision.APPROXIMATE,
    endDate: null,
    city: 'Kampala',
    countryIso3: 'UGA',
    organiserOrgs: ['UN-JO'],
    organiserNames: [],
    audience: TrainingAudience.GOVERNMENT_OFFICIALS,
    audienceDescription:
      'Government officials and representatives of ICGLR member states, before the founding meeting of the ICGLR Regional Committee.',
    ...NO_PARTICIPANTS,
    source: `${RECORD}, "Corrections and additions": ${FOR_ICGLR}; the seminar came before the founding meeting of the ICGLR Regional Committee on 23 September 2010, on a day the record does not give; startDate is that meeting's day, the latest it can have been (approximate); ${MODULES_INFERRED}. One of the 34 sessions of 2009-2011 in the reported totals.`,
    modules: ['FOA-INTRO'],
  }),
  recorded({
    key: '2012-02-icglr-regional-committee',
    title: 'Seminar for the ICGLR Regional Committee for the Prevention and Punishment of Genocide',
    startDate: '2012-02-01',
    startDatePrecision: SessionDatePrecision.MONTH,
    endDate: null,
    city: null,
    countryIso3: null,
    organiserOrgs: ['UN-JO'],
    organiserNames: [],
    audience: TrainingAudience.REGIONAL_COMMITTEE,
    audienceDescription: 'Members of the ICGLR Regional Committee.',
    ...NO_PARTICIPANTS,
    source: `${RECORD}; ${FOR_ICGLR}; ${MONTH_ONLY}; the record gives no place; ${MODULES_INFERRED}.`,
    modules: ['NC-MANDATE'],
  }),
  recorded({
    key: '2012-02-tanzania-national-committee',
    title: 'Seminar for the Tanzania National Committee for the Prevention of Genocide',
    startDate: '2012-02-01',
    startDatePrecision: SessionDatePrecision.MONTH,
    endDate: null,
    city: null,
    countryIso3: 'TZA',
    organiserOrgs: ['UN-JO'],
    organiserNames: [],
    audience: TrainingAudience.NATIONAL_COMMITTEE,
    audienceDescription: 'Members of the Tanzania National Committee (established under the ICGLR Protocol).',
    ...NO_PARTICIPANTS,
    source: `${RECORD}; ${OFFICE_ORGANISED}; ${MONTH_ONLY}; held in Tanzania is assumed from the audience, the record gives no city; ${MODULES_INFERRED}.`,
    modules: ['NC-MANDATE'],
  }),
  recorded({
    key: '2012-08-21-kenya-national-committee',
    title: 'Seminar with the Kenya National Committee for the Prevention of Genocide',
    startDate: '2012-08-21',
    endDate: '2012-08-23',
    city: null,
    countryIso3: 'KEN',
    organiserOrgs: ['UN-JO'],
    organiserNames: [],
    audience: TrainingAudience.NATIONAL_COMMITTEE,
    audienceDescription: 'Members of the Kenya National Committee (established under the ICGLR Protocol).',
    ...NO_PARTICIPANTS,
    source: `${RECORD}; ${OFFICE_ORGANISED}; held in Kenya is assumed from the audience, the record gives no city; ${MODULES_INFERRED}.`,
    modules: ['NC-MANDATE'],
  }),
  recorded({
    key: '2012-10-15-kampala-uganda-national-committee',
    title: 'Seminar for the Uganda National Committee for the Prevention of Genocide',
    startDate: '2012-10-15',
    endDate: '2012-10-16',
    city: 'Kampala',
    countryIso3: 'UGA',
    organiserOrgs: ['UN-JO'],
    organiserNames: [],
    audience: TrainingAudience.NATIONAL_COMMITTEE,
    audienceDescription: 'Members of the Uganda National Committee (established under the ICGLR Protocol).',
    ...NO_PARTICIPANTS,
    source: `${RECORD}; ${OFFICE_ORGANISED}; ${MODULES_INFERRED}.`,
    modules: ['NC-MANDATE'],
  }),
  recorded({
    key: '2012-12-17-dar-es-salaam-interfaith',
    title: 'Maintaining Sustainable Peace and Social Cohesion in Tanzania: Role of Religious Leaders',
    startDate: '2012-12-17',
    endDate: '2012-12-20',
    city: 'Dar es Salaam',
    countryIso3: 'TZA',
    organiserOrgs: ['UN-JO'],
    organiserNames: [TANZANIA_COMMITTEE],
    audience: TrainingAudience.RELIGIOUS_LEADERS,
    audienceDescription:
      'Inter-faith workshop for participants from Zanzibar, Pemba and Mainland Tanzania; that they were religious leaders is assumed from its title.',
    participantsFemale: null,
    participantsMale: null,
    participantsUnspecified: null,
    participantsTotal: 70,
    source: `${RECORD}, "Corrections and additions": organised by the Tanzania National Committee with the Office's support; 70 participants, no breakdown by sex; ${MODULES_INFERRED}.`,
    modules: ['INTERFAITH'],
  }),
  recorded({
    key: '2012-11-buenos-aires-latin-american-network',
    title: 'Training for the Latin American Network for Genocide and Mass Atrocity Prevention (Buenos Aires)',
    startDate: '2012-11-01',
    startDatePrecision: SessionDatePrecision.MONTH,
    endDate: null,
    city: 'Buenos Aires',
    countryIso3: 'ARG',
    organiserOrgs: ['UN-JO', 'AIPR'],
    organiserNames: [],
    audience: TrainingAudience.GOVERNMENT_OFFICIALS,
    audienceDescription: 'Government officials of the states in the Latin American Network.',
    ...NO_PARTICIPANTS,
    source: `${RECORD}: training with the Auschwitz Institute for the Latin American Network in Buenos Aires and Montevideo, recorded here as one session per city; ${MONTH_ONLY}; ${MODULES_INFERRED}.`,
    modules: ['FOA-INTRO'],
  }),
  recorded({
    key: '2012-11-montevideo-latin-american-network',
    title: 'Training for the Latin American Network for Genocide and Mass Atrocity Prevention (Montevideo)',
    startDate: '2012-11-01',
    startDatePrecision: SessionDatePrecision.MONTH,
    endDate: null,
    city: 'Montevideo',
    countryIso3: 'URY',
    organiserOrgs: ['UN-JO', 'AIPR'],
    organiserNames: [],
    audience: TrainingAudience.GOVERNMENT_OFFICIALS,
    audienceDescription: 'Government officials of the states in the Latin American Network.',
    ...NO_PARTICIPANTS,
    source: `${RECORD}: training with the Auschwitz Institute for the Latin American Network in Buenos Aires and Montevideo, recorded here as one session per city; ${MONTH_ONLY}; ${MODULES_INFERRED}.`,
    modules: ['FOA-INTRO'],
  }),
  recorded({
    key: '2013-02-15-kenya-national-committee-coast',
    title: 'Kenya National Committee workshop, Coast region',
    startDate: '2013-02-15',
    endDate: null,
    city: null,
    countryIso3: 'KEN',
    organiserOrgs: ['UN-JO'],
    organiserNames: [KENYA_COMMITTEE],
    audience: TrainingAudience.MIXED,
    audienceDescription: 'Government officials, community leaders and civil-society representatives from six counties of the Coast region.',
    participantsFemale: null,
    participantsMale: null,
    participantsUnspecified: null,
    participantsTotal: 72,
    source: `${RECORD}, "Corrections and additions": organised by the Kenya National Committee with the Office's support; held in the Coast region, the record names no city; 72 participants, no breakdown by sex; ${MODULES_INFERRED}.`,
    modules: ['NC-MANDATE', 'EW-INDICATORS'],
  }),
  {
    key: 'illustrative-2027-abuja-ecowarn',
    title: `${I} Early-warning indicators course for ECOWAS Commission staff`,
    startDate: '2027-03-09',
    endDate: '2027-03-11',
    city: 'Abuja',
    countryIso3: 'NGA',
    organiserOrgs: ['UN-JO', 'ECOWAS'],
    organiserNames: [],
    audience: TrainingAudience.REGIONAL_ORGANISATION_STAFF,
    audienceDescription: 'ECOWARN analysts and field monitors.',
    startDatePrecision: SessionDatePrecision.DAY,
    status: TrainingStatus.PLANNED,
    ...NO_PARTICIPANTS,
    source: ILLUSTRATIVE_SOURCE,
    illustrative: true,
    modules: ['FOA-INTRO', 'EW-INDICATORS'],
    ownership: { ownerOrg: 'UN-JO', classification: Classification.GREEN },
  },
  {
    key: 'illustrative-2027-dakar-hate-speech',
    title: `${I} Workshop on hate speech and incitement for religious and community leaders`,
    startDate: '2027-05-18',
    endDate: '2027-05-19',
    city: 'Dakar',
    countryIso3: 'SEN',
    organiserOrgs: ['UN-JO', 'ECOWAS'],
    organiserNames: [],
    audience: TrainingAudience.MIXED,
    audienceDescription: 'Religious leaders, community radio journalists and civil society.',
    startDatePrecision: SessionDatePrecision.DAY,
    status: TrainingStatus.PLANNED,
    ...NO_PARTICIPANTS,
    source: ILLUSTRATIVE_SOURCE,
    illustrative: true,
    modules: ['HATE-SPEECH', 'INTERFAITH'],
    ownership: { ownerOrg: 'UN-JO', classification: Classification.AMBER, sharedWith: ['ECOWAS'] },
  },
  {
    key: 'illustrative-2027-freetown-security-sector',
    title: `${I} Atrocity prevention course for security sector officers`,
    startDate: '2027-09-06',
    endDate: '2027-09-10',
    city: 'Freetown',
    countryIso3: 'SLE',
    organiserOrgs: ['ECOWAS', 'UN-JO'],
    organiserNames: [],
    audience: TrainingAudience.SECURITY_SECTOR,
    audienceDescription: 'Police and armed forces officers.',
    startDatePrecision: SessionDatePrecision.DAY,
    status: TrainingStatus.PLANNED,
    ...NO_PARTICIPANTS,
    source: ILLUSTRATIVE_SOURCE,
    illustrative: true,
    modules: ['FOA-INTRO', 'EW-INDICATORS'],
    ownership: { ownerOrg: 'ECOWAS', classification: Classification.GREEN },
  },
];
