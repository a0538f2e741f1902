// The national bodies the Office works with: the national committees under the ICGLR Protocol its
// record names, and Member States' national focal points on the Responsibility to Protect. Each
// fact's source is in its `source`; dates only where the record gives them.
import { NationalCommitteeStatus } from '../entities/national-committee.entity';

export interface NationalCommitteeRecord {
  partnerCode: string;
  countryIso3: string;
  name: string;
  status: NationalCommitteeStatus;
  establishedOn: string | null;
  reportsTo: string;
  source: string;
}

export interface NationalFocalPointRecord {
  countryIso3: string;
  office: string;
  since: string | null;
  networkCode: string | null;
  source: string;
}

const REGIONAL_COMMITTEE = 'ICGLR Regional Committee for the Prevention and Punishment of Genocide';
// The record shows each of them at work in 2012 (seminars for the Tanzania, Kenya and Uganda National
// Committees) without saying when it was established.
const AT_WORK_IN_2012 = "the Office's training record (shared/domain.md): a seminar for it in 2012; the day it was established is not recorded";

export const NATIONAL_COMMITTEES: readonly NationalCommitteeRecord[] = [
  {
    partnerCode: 'ICGLR',
    countryIso3: 'TZA',
    name: 'Tanzania National Committee',
    status: NationalCommitteeStatus.ESTABLISHED,
    establishedOn: null,
    reportsTo: REGIONAL_COMMITTEE,
    source: `${AT_WORK_IN_2012} (February 2012); it organised the inter-faith workshop of 17-20 December 2012 with the Office's support.`,
  },
  {
    partnerCode: 'ICGLR',
    countryIso3: 'KEN',
    name: 'Kenya National Committee',
    status: NationalCommitteeStatus.ESTABLISHED,
    establishedOn: null,
    reportsTo: REGIONAL_COMMITTEE,
    source: `${AT_WORK_IN_2012} (21-23 August 2012); it organised the Coast region workshop of 15 February 2013 with the Office's support.`,
  },
  {
    partnerCode: 'ICGLR',
    countryIso3: 'UGA',
    name: 'Uganda National Committee',
    status: NationalCommitteeStatus.ESTABLISHED,
    establishedOn: null,
    reportsTo: REGIONAL_COMMITTEE,
    source: `${AT_WORK_IN_2012} (Kampala, 15-16 October 2012).`,
  },
];

export const NATIONAL_FOCAL_POINTS: readonly NationalFocalPointRecord[] = [
  {
    countryIso3: 'PRY',
    office: "Ombudsman's office (Defensoría del Pueblo)",
    since: null,
    networkCode: 'LATAM-NET',
    source:
      'The Office\'s record (shared/domain.md, "Corrections and additions"): in April 2013 (17-19) the Office worked with Paraguay, whose Ombudsman\'s office was to act as national focal point; the day it took up the role is not recorded.',
  },
];
