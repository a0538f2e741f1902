// What some illustrative alerts (data/alerts.ts, by key) recommend and rest on, for the seed. NOT
// real recommendations to real States: every text says it is an exercise. Each alert cites only
// assessments and incidents of its own illustrative situation, which share the situation's
// readership, so an alert written within its situation's readership stays within theirs (no
// write-down). The pillars are the Responsibility to Protect's three (2005 World Summit Outcome,
// paras 138-139; the Secretary-General's 2009 report), as domain.md "Corrections and additions" has them.
import { AddresseeKind, ProtectionPillar, type Recommendation } from '../entities/alert.entity';

export interface IllustrativeEvidence {
  /** The preventive actions the alert recommends (addresseeCode may be left out). */
  recommendations: (Omit<Recommendation, 'addresseeCode'> & { addresseeCode?: string })[];
  /** Dates of the assessments of the alert's situation it rests on, as the situations seed dates them. */
  assessments: string[];
  /** Incidents of the alert's situation it rests on: [place, incident], numbered from 0 as the situations seed numbers them. */
  incidents: [number, number][];
}

// Exercises, as the alerts they belong to. A recommendation to a Member State names a real State by
// its code (the model checks it against the reference data), so the text says what that means: the
// State is named only to show how a recommendation is addressed, not for anything it has done.
const I =
  "(Exercise recommendation, invented for trying the hub: where it names a State, it does so only to show how a recommendation is addressed, and says nothing of that State's conduct.)";

export const ILLUSTRATIVE_EVIDENCE: Readonly<Record<string, IllustrativeEvidence>> = {
  'kivu-early-warning': {
    recommendations: [
      {
        text: `Strengthen the protection of the populations at risk and counter hate speech and incitement. ${I}`,
        addressee: AddresseeKind.MEMBER_STATE,
        addresseeCode: 'COD',
        pillar: ProtectionPillar.PILLAR_1,
      },
      {
        text: `Support the national committee's early-warning and early-response work in the affected provinces. ${I}`,
        addressee: AddresseeKind.REGIONAL_ORGANISATION,
        addresseeCode: 'ICGLR',
        pillar: ProtectionPillar.PILLAR_2,
      },
      {
        text: `Stand ready to take timely and decisive action, should preventive measures fail. ${I}`,
        addressee: AddresseeKind.SECURITY_COUNCIL,
        pillar: ProtectionPillar.PILLAR_3,
      },
    ],
    assessments: ['2026-09-15'],
    incidents: [
      [0, 0],
      [1, 0],
    ],
  },
  'burundi-advisory': {
    recommendations: [
      {
        text: `Ensure the electoral calendar is accompanied by measures that protect all communities. ${I}`,
        addressee: AddresseeKind.MEMBER_STATE,
        addresseeCode: 'BDI',
        pillar: ProtectionPillar.PILLAR_1,
      },
      {
        text: `Offer mediation and monitoring support around the elections. ${I}`,
        addressee: AddresseeKind.REGIONAL_ORGANISATION,
        addresseeCode: 'AU',
        pillar: ProtectionPillar.PILLAR_2,
      },
    ],
    assessments: ['2026-08-01'],
    incidents: [[0, 0]],
  },
  'south-sudan-statement': {
    recommendations: [
      {
        text: `Assist the authorities in protecting civilians and in restoring the rule of law. ${I}`,
        addressee: AddresseeKind.INTERNATIONAL_COMMUNITY,
        pillar: ProtectionPillar.PILLAR_2,
      },
      {
        text: `Consider the situation promptly and act collectively to protect the populations. ${I}`,
        addressee: AddresseeKind.SECURITY_COUNCIL,
        pillar: ProtectionPillar.PILLAR_3,
      },
    ],
    assessments: ['2026-05-20'],
    incidents: [[0, 1]],
  },
  'south-sudan-report': {
    recommendations: [
      {
        text: `Keep the situation under review and support the Office's periodic reporting on it. ${I}`,
        addressee: AddresseeKind.HUMAN_RIGHTS_COUNCIL,
        pillar: ProtectionPillar.PILLAR_2,
      },
      {
        text: `Encourage and support international assistance to the State in protecting its populations. ${I}`,
        addressee: AddresseeKind.GENERAL_ASSEMBLY,
        pillar: ProtectionPillar.PILLAR_2,
      },
    ],
    assessments: ['2026-05-20'],
    incidents: [[0, 0]],
  },
};
