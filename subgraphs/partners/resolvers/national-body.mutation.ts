// Recording and correcting the national bodies the Office works with. A national committee is
// recorded by the organisation under whose protocol it exists (the ICGLR's) or by the Office;
// a national focal point by the network of States that lists it or by the Office. The
// recording organisation owns the record and alone corrects it (and ends a focal point's term);
// each write is one audited transaction.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { SubgraphContext } from '../../kernel/service/context';
import { conflict, forbidden } from '../../../platform/errors';
import { ownership } from '../../kernel/policy/ownership';
import { HUB_SHARING_DEFAULTS, sharingOf } from '../../kernel/policy/sharing-defaults';
import { applyChanges, changedSharing } from '../../kernel/write/record-inputs';
import { countryCode, notInFuture, partnerCode, uuid } from '../../kernel/write/validation';
import {
  assertCanCreate,
  createOnce,
  idempotentRequest,
  InputProblems,
  insertAudited,
  lockForUpdate,
  runMutation,
  updateVersioned,
  visibleRecord,
} from '../../kernel/write/writing';
import { checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { checkPartnerCodes, findPartner, sharingDefaultsOf } from '../rules/partner.rules';
import { Country } from '../entities/country.entity';
import { NationalCommittee, NationalCommitteeStatus } from '../entities/national-committee.entity';
import { NationalFocalPoint } from '../entities/national-focal-point.entity';
import { PartnerKind } from '../entities/partner.entity';
import {
  CorrectNationalCommitteeInput,
  CorrectNationalFocalPointInput,
  EndNationalFocalPointTermInput,
  RecordNationalCommitteeInput,
  RecordNationalFocalPointInput,
} from './national-body.inputs';

const JOINT_OFFICE = 'UN-JO';
const COMMITTEE = 'national committee';
const FOCAL_POINT = 'national focal point';

interface CommitteeContent extends Sharing {
  name: string;
  status: NationalCommitteeStatus;
  establishedOn: string | null;
  reportsTo: string;
  source: string | null;
}

interface FocalPointContent extends Sharing {
  office: string;
  since: string | null;
  until: string | null;
  source: string | null;
}

const COMMITTEE_FIELDS = ['name', 'status', 'establishedOn', 'reportsTo', 'source'] as const;
const FOCAL_POINT_FIELDS = ['office', 'since', 'source'] as const;

function checkCommittee(problems: InputProblems, content: CommitteeContent): void {
  if (content.establishedOn !== null) {
    if (content.status !== NationalCommitteeStatus.ESTABLISHED)
      problems.add('establishedOn', `establishedOn is given only for an ESTABLISHED committee; this one is ${content.status}`);
    else problems.check(() => notInFuture(content.establishedOn!, 'establishedOn'));
  }
  checkSharing(problems, content);
}

function checkFocalPoint(problems: InputProblems, content: FocalPointContent): void {
  if (content.since !== null) problems.check(() => notInFuture(content.since!, 'since'));
  if (content.since !== null && content.until !== null && content.since > content.until)
    problems.add('since', `since (${content.since}) is after the last day of the term (${content.until})`);
  checkSharing(problems, content);
}

/**
 * The sharing a new record of `org` gets: what the input asks, else the organisation's defaults.
 * Read before the transaction, as every create of this subgraph does.
 */
async function newSharing(ctx: SubgraphContext, org: string, input: RecordNationalCommitteeInput | RecordNationalFocalPointInput): Promise<Sharing> {
  return sharingOf(input, sharingDefaultsOf(await findPartner(ctx.db.manager, ctx.viewer, org)) ?? HUB_SHARING_DEFAULTS);
}

/**
 * Locks the State's Country row so that two records of one State are created one after another:
 * the duplicate check of a focal point (which no unique index backs, a State holding one per
 * network) could otherwise pass in both of two concurrent transactions.
 */
async function lockCountry(manager: EntityManager, iso3: string): Promise<void> {
  await manager.getRepository(Country).createQueryBuilder('c').where('c.iso3 = :iso3', { iso3 }).setLock('pessimistic_write').getOne();
}

@Resolver()
export class NationalBodyMutationResolver {
  @Mutation(() => NationalCommittee, {
    description:
      "Records a State's national committee under an organisation's protocol (editors of that organisation, e.g. the ICGLR, or of UN-JO); your organisation owns the record. A second committee of the same State under the same protocol is a CONFLICT. Retrying with the same idempotencyKey returns the first record.",
  })
  async recordNationalCommittee(
    @Arg('input', () => RecordNationalCommitteeInput) input: RecordNationalCommitteeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NationalCommittee> {
    const org = assertCanCreate(ctx.viewer);
    const viewer = ctx.viewer;
    const code = partnerCode(input.partnerCode, 'partnerCode');
    if (org !== JOINT_OFFICE && code !== org) throw forbidden(`Editors of ${org} record only national committees under ${org}'s protocol`);
    let values: Omit<CommitteeContent, keyof Sharing> & { partnerCode: string; countryIso3: string };
    let sharing: Sharing;
    return createOnce(ctx, idempotentRequest(viewer, 'recordNationalCommittee', 'NationalCommittee', input), {
      prepare: async () => {
        const problems = new InputProblems();
        if (code === JOINT_OFFICE)
          problems.add('partnerCode', "partnerCode: national committees are set up under a partner organisation's protocol, not the Office's");
        else if (!(await findPartner(ctx.db.manager, viewer, code)))
          problems.add('partnerCode', `partnerCode: unknown partner ${JSON.stringify(input.partnerCode)}`);
        const countryIso3 = problems.check(() => countryCode(input.countryIso3, 'countryIso3')) ?? input.countryIso3;
        sharing = await newSharing(ctx, org, input);
        values = {
          partnerCode: code,
          countryIso3,
          name: input.name,
          status: input.status,
          establishedOn: input.establishedOn ?? null,
          reportsTo: input.reportsTo,
          source: input.source ?? null,
        };
        checkCommittee(problems, { ...values, ...sharing });
        await checkPartnerCodes(ctx.db.manager, problems, input.sharedWith ?? [], 'sharedWith');
        problems.throwIfAny();
      },
      create: async (tx, id) => {
        await lockCountry(tx.manager, values.countryIso3);
        // Checked over every row, readable or not: the unique index would refuse the insert anyway.
        // The refusal names only the State and the protocol the caller gave, nothing of the record.
        const existing = await tx.manager.countBy(NationalCommittee, { partnerCode: values.partnerCode, countryIso3: values.countryIso3 });
        if (existing > 0)
          throw conflict(
            `A national committee of ${values.countryIso3} under the ${values.partnerCode} protocol is already recorded; correct it instead`,
          );
        return insertAudited(tx, NationalCommittee, 'NationalCommittee', { id, ...values, ...sharing, ...ownership({ ownerOrg: org, ...sharing }) });
      },
      load: (manager, id) => visibleRecord(manager, viewer, NationalCommittee, COMMITTEE, id),
    });
  }

  @Mutation(() => NationalCommittee, {
    description:
      'Corrects a national committee (editors of the organisation that recorded it) at the version you read; fields left out stay as they are, null clears an optional one.',
  })
  async correctNationalCommittee(
    @Arg('input', () => CorrectNationalCommitteeInput) input: CorrectNationalCommitteeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NationalCommittee> {
    return runMutation(ctx, async (tx) => {
      const committee = await lockForUpdate(tx, NationalCommittee, COMMITTEE, uuid(input.id, 'id'), input.version);
      const problems = new InputProblems();
      const current: CommitteeContent = {
        name: committee.name,
        status: committee.status,
        establishedOn: committee.establishedOn,
        reportsTo: committee.reportsTo,
        source: committee.source,
        classification: committee.classification,
        sharedWith: committee.sharedWith,
        sharedWithUsers: committee.sharedWithUsers,
      };
      const changed = applyChanges(problems, current, input, COMMITTEE_FIELDS, ['establishedOn', 'source']);
      const content = { ...changed, ...changedSharing(problems, current, input) };
      checkCommittee(problems, content);
      await checkPartnerCodes(tx.manager, problems, input.sharedWith ?? [], 'sharedWith', committee.sharedWith);
      problems.throwIfAny();
      return updateVersioned(tx, NationalCommittee, 'NationalCommittee', committee, content, { kind: COMMITTEE });
    });
  }

  @Mutation(() => NationalFocalPoint, {
    description:
      "Records a Member State's national focal point on the Responsibility to Protect (editors of the network of States that lists it, or of UN-JO); your organisation owns the record. A second current focal point of the same State in the same network (or outside any) is a CONFLICT; end the first one's term before. Retrying with the same idempotencyKey returns the first record.",
  })
  async recordNationalFocalPoint(
    @Arg('input', () => RecordNationalFocalPointInput) input: RecordNationalFocalPointInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NationalFocalPoint> {
    const org = assertCanCreate(ctx.viewer);
    const viewer = ctx.viewer;
    const network = input.networkCode == null ? null : partnerCode(input.networkCode, 'networkCode');
    if (org !== JOINT_OFFICE && network !== org)
      throw forbidden(`Editors of ${org} record only the national focal points of ${org}'s own network of States`);
    let values: Omit<FocalPointContent, keyof Sharing> & { countryIso3: string; networkCode: string | null };
    let sharing: Sharing;
    return createOnce(ctx, idempotentRequest(viewer, 'recordNationalFocalPoint', 'NationalFocalPoint', input), {
      prepare: async () => {
        const problems = new InputProblems();
        if (network !== null) {
          const partner = await findPartner(ctx.db.manager, viewer, network);
          if (!partner) problems.add('networkCode', `networkCode: unknown partner ${JSON.stringify(input.networkCode)}`);
          else if (partner.kind !== PartnerKind.NETWORK_OF_STATES)
            problems.add('networkCode', `networkCode: ${network} is not a network of States (it is ${partner.kind})`);
        }
        const countryIso3 = problems.check(() => countryCode(input.countryIso3, 'countryIso3')) ?? input.countryIso3;
        sharing = await newSharing(ctx, org, input);
        values = { countryIso3, networkCode: network, office: input.office, since: input.since ?? null, until: null, source: input.source ?? null };
        checkFocalPoint(problems, { ...values, ...sharing });
        await checkPartnerCodes(ctx.db.manager, problems, input.sharedWith ?? [], 'sharedWith');
        problems.throwIfAny();
      },
      create: async (tx, id) => {
        await lockCountry(tx.manager, values.countryIso3);
        const existing = await tx.manager
          .getRepository(NationalFocalPoint)
          .createQueryBuilder('f')
          .where('f.country_iso3 = :iso3 AND f.network_code IS NOT DISTINCT FROM :network AND f.until IS NULL', {
            iso3: values.countryIso3,
            network: values.networkCode,
          })
          .getCount();
        if (existing > 0) {
          const where = values.networkCode ? `in the ${values.networkCode} network` : 'outside any network';
          throw conflict(`A national focal point of ${values.countryIso3} ${where} is already recorded; correct it instead`);
        }
        return insertAudited(tx, NationalFocalPoint, 'NationalFocalPoint', {
          id,
          ...values,
          ...sharing,
          ...ownership({ ownerOrg: org, ...sharing }),
        });
      },
      load: (manager, id) => visibleRecord(manager, viewer, NationalFocalPoint, FOCAL_POINT, id),
    });
  }

  @Mutation(() => NationalFocalPoint, {
    description:
      'Corrects a national focal point (editors of the organisation that recorded it) at the version you read; fields left out stay as they are, null clears an optional one.',
  })
  async correctNationalFocalPoint(
    @Arg('input', () => CorrectNationalFocalPointInput) input: CorrectNationalFocalPointInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NationalFocalPoint> {
    return runMutation(ctx, async (tx) => {
      const focalPoint = await lockForUpdate(tx, NationalFocalPoint, FOCAL_POINT, uuid(input.id, 'id'), input.version);
      const problems = new InputProblems();
      const current: FocalPointContent = {
        office: focalPoint.office,
        since: focalPoint.since,
        until: focalPoint.until,
        source: focalPoint.source,
        classification: focalPoint.classification,
        sharedWith: focalPoint.sharedWith,
        sharedWithUsers: focalPoint.sharedWithUsers,
      };
      const changed = applyChanges(problems, current, input, FOCAL_POINT_FIELDS, ['since', 'source']);
      const content = { ...changed, ...changedSharing(problems, current, input) };
      checkFocalPoint(problems, content);
      await checkPartnerCodes(tx.manager, problems, input.sharedWith ?? [], 'sharedWith', focalPoint.sharedWith);
      problems.throwIfAny();
      return updateVersioned(tx, NationalFocalPoint, 'NationalFocalPoint', focalPoint, content, { kind: FOCAL_POINT });
    });
  }

  @Mutation(() => NationalFocalPoint, {
    description:
      "Ends a national focal point's term (editors of the organisation that recorded it) at the version you read: until is the last day the office held it. The record stays, with its dates; a new focal point of the State in the same network can then be recorded. A term already ended is a CONFLICT.",
  })
  async endNationalFocalPointTerm(
    @Arg('input', () => EndNationalFocalPointTermInput) input: EndNationalFocalPointTermInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NationalFocalPoint> {
    return runMutation(ctx, async (tx) => {
      const focalPoint = await lockForUpdate(tx, NationalFocalPoint, FOCAL_POINT, uuid(input.id, 'id'), input.version);
      if (focalPoint.until !== null) throw conflict(`The term of national focal point ${focalPoint.id} already ended on ${focalPoint.until}`);
      const problems = new InputProblems();
      problems.check(() => notInFuture(input.until, 'until'));
      if (focalPoint.since !== null && input.until < focalPoint.since)
        problems.add('until', `until (${input.until}) is before the day the office took it up (${focalPoint.since})`);
      problems.throwIfAny();
      return updateVersioned(tx, NationalFocalPoint, 'NationalFocalPoint', focalPoint, { until: input.until }, { kind: FOCAL_POINT });
    });
  }
}
