// Seed data for the partners subgraph. Reference data, loaded on every start: countries (ISO 3166-1
// / UN M49), the partner organisations with their real member states over time (data/partners.ts
// gives each fact's source), their early-warning mechanisms, and the Office's recorded
// engagements, the national committees and national focal points (data/national-bodies.ts; shared/domain.md,
// from the Office's own record). Illustrative data, loaded only when
// seeding is on: the focal points (real roles, invented names). Idempotent: rows already present
// are left as they are.
import type { DataSource } from 'typeorm';
import { Classification, ownership } from '../kernel/policy/ownership';
import { COUNTRIES } from '../kernel/reference/countries';
import { insertMissing, stableId } from '../kernel/db/seeding';
import { PARTNERS } from './data/partners';
import { ENGAGEMENTS, FOCAL_POINTS } from './data/engagements';
import { NATIONAL_COMMITTEES, NATIONAL_FOCAL_POINTS } from './data/national-bodies';
import { Country } from './entities/country.entity';
import { EarlyWarningMechanism } from './entities/early-warning-mechanism.entity';
import { Engagement } from './entities/engagement.entity';
import { FocalPoint } from './entities/focal-point.entity';
import { Membership, MembershipStatus } from './entities/membership.entity';
import { NationalCommittee } from './entities/national-committee.entity';
import { NationalFocalPoint } from './entities/national-focal-point.entity';
import { DEFAULT_MEMBER_TERM, Partner } from './entities/partner.entity';

const REFERENCE = ownership({ ownerOrg: 'UN-JO', classification: Classification.CLEAR });

/** The engagements as the seed writes them (a migration test writes them so at an older schema). */
export function engagementRows(): Partial<Engagement>[] {
  // A corrected title keeps the id the engagement was first seeded with (seededTitle), so a database
  // seeded before the correction holds the same row, brought up to date by a migration.
  return ENGAGEMENTS.map(({ seededTitle, ...e }) => ({
    id: stableId('engagement', e.partnerCode, e.startDate, seededTitle ?? e.title),
    ...e,
    ...ownership({ ownerOrg: 'UN-JO', classification: Classification.CLEAR }),
  }));
}

/** The illustrative focal points as the seed writes them. */
export function focalPointRows(): Partial<FocalPoint>[] {
  return FOCAL_POINTS.map((f) => ({
    id: stableId('focal-point', f.partnerCode, f.role),
    ...f,
    ...ownership({ ownerOrg: f.partnerCode, classification: Classification.GREEN }),
  }));
}

export async function seedReference(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    await insertMissing(
      manager,
      Country,
      COUNTRIES.map((c) => ({ ...c, ...REFERENCE })),
    );
    await insertMissing(
      manager,
      Partner,
      PARTNERS.map((p) => ({
        code: p.code,
        name: p.name,
        kind: p.kind as Partner['kind'],
        headquartersIso3: p.headquartersIso3,
        headquartersCity: p.headquartersCity,
        website: p.website,
        memberTerm: p.memberTerm ?? DEFAULT_MEMBER_TERM,
        about: p.about ?? null,
        launchedOn: p.launch?.from ?? null,
        launchEndedOn: p.launch?.to ?? null,
        reportedMemberCount: p.launch?.reportedMembers ?? null,
        defaultClassification: p.defaultClassification === 'RED' ? Classification.RED : Classification.GREEN,
        ...ownership({ ownerOrg: p.code, classification: Classification.CLEAR }),
      })),
    );
    await insertMissing(
      manager,
      Membership,
      PARTNERS.flatMap((p) =>
        p.memberships.map((m) => ({
          // A corrected start keeps the id the period was first seeded with (seededFrom), so a database
          // seeded before the correction holds the same row, brought up to date by a migration.
          id: stableId('membership', p.code, m.iso3, m.seededFrom !== undefined ? m.seededFrom : m.validFrom, m.status),
          partnerCode: p.code,
          countryIso3: m.iso3,
          status: m.status as MembershipStatus,
          validFrom: m.validFrom,
          startNotBefore: m.startNotBefore ?? null,
          validTo: m.validTo,
          note: m.note ?? null,
          ...ownership({ ownerOrg: p.code, classification: Classification.CLEAR }),
        })),
      ),
    );
    await insertMissing(
      manager,
      EarlyWarningMechanism,
      PARTNERS.flatMap((p) =>
        p.earlyWarningMechanisms.map((m) => ({
          id: stableId('mechanism', p.code, m.name),
          partnerCode: p.code,
          name: m.name,
          acronym: m.acronym,
          description: m.description,
          established: m.established,
          ...ownership({ ownerOrg: p.code, classification: Classification.CLEAR }),
        })),
      ),
    );
    await insertMissing(manager, Engagement, engagementRows());
    await insertMissing(
      manager,
      NationalCommittee,
      NATIONAL_COMMITTEES.map((c) => ({ id: stableId('national-committee', c.partnerCode, c.countryIso3), ...c, ...REFERENCE })),
    );
    await insertMissing(
      manager,
      NationalFocalPoint,
      NATIONAL_FOCAL_POINTS.map((f) => ({ id: stableId('national-focal-point', f.countryIso3, f.office), ...f, ...REFERENCE })),
    );
  });
}

export async function seedIllustrative(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    await insertMissing(manager, FocalPoint, focalPointRows());
  });
}
