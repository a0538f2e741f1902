// A partner's focal points, managed by the partner's admins: added, changed and removed, each in
// one audited transaction; a removal is recorded in the audit trail as a DELETE.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { assertAdminOf } from '../../kernel/policy/access-policy';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import type { SubgraphContext } from '../../kernel/service/context';
import { conflict } from '../../../platform/errors';
import { ownership } from '../../kernel/policy/ownership';
import { applyChanges, changedSharing } from '../../kernel/write/record-inputs';
import { HUB_SHARING_DEFAULTS, sharingOf } from '../../kernel/policy/sharing-defaults';
import { countryCode, partnerCode, uuid } from '../../kernel/write/validation';
import {
  createOnce,
  idempotentRequest,
  InputProblems,
  insertAudited,
  requireSignedIn,
  runMutation,
  updateVersioned,
  visibleRecord,
} from '../../kernel/write/writing';
import { checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { checkPartnerCodes, findPartner, lockForAdmin, sharingDefaultsOf } from '../rules/partner.rules';
import { FocalPoint } from '../entities/focal-point.entity';
import { AddFocalPointInput, RemoveFocalPointInput, UpdateFocalPointInput } from './focal-point.inputs';

const KIND = 'focal point';

interface FocalPointContent extends Sharing {
  name: string;
  role: string;
  email: string | null;
  countryIso3: string | null;
}

const FIELDS = ['name', 'role', 'email', 'countryIso3'] as const;

function checkFocalPoint(problems: InputProblems, content: FocalPointContent): FocalPointContent {
  const countryIso3 =
    content.countryIso3 === null ? null : (problems.check(() => countryCode(content.countryIso3!, 'countryIso3')) ?? content.countryIso3);
  checkSharing(problems, content);
  return { ...content, countryIso3 };
}

@Resolver()
export class FocalPointMutationResolver {
  @Mutation(() => FocalPoint, {
    description: 'Adds a focal point of your organisation (admins). Retrying with the same idempotencyKey returns the first focal point.',
  })
  async addFocalPoint(@Arg('input', () => AddFocalPointInput) input: AddFocalPointInput, @Ctx() ctx: SubgraphContext): Promise<FocalPoint> {
    requireSignedIn(ctx.viewer);
    const viewer = ctx.viewer;
    const code = partnerCode(input.partnerCode, 'partnerCode');
    assertAdminOf(viewer, code);
    let content: FocalPointContent;
    return createOnce(ctx, idempotentRequest(viewer, 'addFocalPoint', 'FocalPoint', input), {
      prepare: async () => {
        const problems = new InputProblems();
        const partner = await findPartner(ctx.db.manager, viewer, code);
        if (!partner) problems.add('partnerCode', `partnerCode: unknown partner ${JSON.stringify(input.partnerCode)}`);
        const sharing = sharingOf(input, sharingDefaultsOf(partner) ?? HUB_SHARING_DEFAULTS);
        content = checkFocalPoint(problems, {
          name: input.name,
          role: input.role,
          email: input.email ?? null,
          countryIso3: input.countryIso3 ?? null,
          ...sharing,
        });
        await checkPartnerCodes(ctx.db.manager, problems, input.sharedWith ?? [], 'sharedWith');
        problems.throwIfAny();
      },
      create: (tx, id) =>
        insertAudited(tx, FocalPoint, 'FocalPoint', { id, partnerCode: code, ...content, ...ownership({ ownerOrg: code, ...content }) }),
      load: (manager, id) => visibleRecord(manager, viewer, FocalPoint, KIND, id),
    });
  }

  @Mutation(() => FocalPoint, {
    description: 'Changes a focal point (admins of its organisation); fields left out stay as they are, null clears an optional one.',
  })
  async updateFocalPoint(@Arg('input', () => UpdateFocalPointInput) input: UpdateFocalPointInput, @Ctx() ctx: SubgraphContext): Promise<FocalPoint> {
    return runMutation(ctx, async (tx) => {
      const focalPoint = await lockForAdmin(tx, FocalPoint, KIND, uuid(input.id, 'id'), input.version);
      const problems = new InputProblems();
      const current: FocalPointContent = {
        name: focalPoint.name,
        role: focalPoint.role,
        email: focalPoint.email,
        countryIso3: focalPoint.countryIso3,
        classification: focalPoint.classification,
        sharedWith: focalPoint.sharedWith,
        sharedWithUsers: focalPoint.sharedWithUsers,
      };
      const changed = applyChanges(problems, current, input, FIELDS, ['email', 'countryIso3']);
      const content = checkFocalPoint(problems, { ...changed, ...changedSharing(problems, current, input) });
      await checkPartnerCodes(tx.manager, problems, input.sharedWith ?? [], 'sharedWith', focalPoint.sharedWith);
      problems.throwIfAny();
      return updateVersioned(tx, FocalPoint, 'FocalPoint', focalPoint, content);
    });
  }

  @Mutation(() => FocalPoint, {
    description: 'Removes a focal point (admins of its organisation) and returns it as it was; the removal stays in the audit trail.',
  })
  async removeFocalPoint(@Arg('input', () => RemoveFocalPointInput) input: RemoveFocalPointInput, @Ctx() ctx: SubgraphContext): Promise<FocalPoint> {
    return runMutation(ctx, async (tx) => {
      const focalPoint = await lockForAdmin(tx, FocalPoint, KIND, uuid(input.id, 'id'), input.version);
      const result = await tx.manager
        .createQueryBuilder()
        .delete()
        .from(FocalPoint)
        .where('id = :id AND version = :version', { id: focalPoint.id, version: focalPoint.version })
        .execute();
      if (result.affected !== 1) throw conflict(`focal point ${focalPoint.id} was changed by someone else while you were removing it; read it again`);
      await tx.ctx.audit.change(tx.manager, AuditAction.DELETE, 'FocalPoint', focalPoint.id, focalPoint);
      return focalPoint;
    });
  }
}
