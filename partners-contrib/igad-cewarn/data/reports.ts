// Illustrative CEWARN field reports: invented for trying the hub, never reported by anyone. They
// sit in IGAD member states at each level of the Traffic Light Protocol, so the policy is visible
// (README "Who sees what"): anonymous readers see the CLEAR ones, every signed-in member the GREEN
// ones too, the Office and the AU the AMBER one shared with them, and only IGAD the RED ones.
// Reports on a situation cite the illustrative situations' ids, the way subgraphs meet: by key.
import { Classification, type IllustrativeSituationKey, type Ownership } from '@hub/kernel';

export interface ReportRecord {
  /** Natural key: the report's id derives from it (stableId), so seeding twice changes nothing. */
  key: string;
  countryIso3: string;
  situation?: IllustrativeSituationKey;
  reportedOn: string;
  title: string;
  summary: string;
  sharing: Omit<Ownership, 'ownerOrg'>;
}

const I = '[Illustrative]';

export const REPORTS: readonly ReportRecord[] = [
  {
    key: 'ssd-jonglei-cattle-raids',
    countryIso3: 'SSD',
    situation: 'horn-south-sudan',
    reportedOn: '2026-10-14',
    title: `${I} Cattle raids between neighbouring communities in Jonglei`,
    summary: 'Field monitors report two raids in a week and displacement towards the county town; local peace committees have met.',
    sharing: { classification: Classification.CLEAR },
  },
  {
    key: 'ssd-upper-nile-rhetoric',
    countryIso3: 'SSD',
    situation: 'horn-south-sudan',
    reportedOn: '2026-11-02',
    title: `${I} Inflammatory broadcasts on a community radio station`,
    summary: 'Monitors transcribed broadcasts naming a community as enemies; the station manager was approached by the local authority.',
    sharing: { classification: Classification.AMBER, sharedWith: ['UN-JO', 'AU'] },
  },
  {
    key: 'ken-border-pastoralists',
    countryIso3: 'KEN',
    reportedOn: '2026-09-21',
    title: `${I} Tension over grazing land on the border`,
    summary: 'Pastoralist groups dispute access to water points after a poor rainy season; no violence reported so far.',
    sharing: { classification: Classification.GREEN },
  },
  {
    key: 'eth-market-closures',
    countryIso3: 'ETH',
    reportedOn: '2026-10-30',
    title: `${I} Market closures after a local dispute`,
    summary: 'Traders from one community report being turned away from a regional market; elders have called a meeting.',
    sharing: { classification: Classification.CLEAR },
  },
  {
    key: 'sdn-darfur-displacement',
    countryIso3: 'SDN',
    situation: 'horn-darfur',
    reportedOn: '2026-11-18',
    title: `${I} New displacement towards the border`,
    summary: 'A monitor reports families arriving at a border crossing after attacks on villages; names of informants are held by IGAD.',
    // The Darfur situation is IGAD's and RED: a report on it may be read by no one who cannot read the situation.
    sharing: { classification: Classification.RED },
  },
  {
    key: 'som-checkpoint-incidents',
    countryIso3: 'SOM',
    reportedOn: '2026-08-05',
    title: `${I} Harassment at checkpoints on a trade route`,
    summary: 'Drivers report repeated extortion at checkpoints run by different armed groups along one route.',
    sharing: { classification: Classification.GREEN },
  },
  {
    key: 'uga-dji-exchange',
    countryIso3: 'UGA',
    reportedOn: '2026-07-12',
    title: `${I} Cross-border peace dialogue held`,
    summary: 'Local leaders from both sides of the border met under the mechanism and agreed on a joint response team.',
    sharing: { classification: Classification.CLEAR },
  },
  {
    key: 'dji-refugee-arrivals',
    countryIso3: 'DJI',
    reportedOn: '2026-11-25',
    title: `${I} Rise in arrivals at a reception centre`,
    summary: 'The centre reports a rise in arrivals over a month; the reasons given are being collected.',
    sharing: { classification: Classification.AMBER, sharedWith: ['UN-JO'] },
  },
];
