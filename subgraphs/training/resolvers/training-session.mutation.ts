// Planning, updating, completing and cancelling training sessions. Each mutation is one transaction
// (kernel/write/writing.ts) that audits every row it writes; the workflow decides which step is allowed.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { badInput, conflict, forbidden } from '../../../platform/errors';
import { ownership } from '../../kernel/policy/ownership';
import { applyChanges, changedSharing } from '../../kernel/write/record-inputs';
import { checkPartnerCodes, knownPartners, noteUnknownPartners } from '../../kernel/write/reference-codes';
import { newRecordSharing } from '../../kernel/policy/sharing-defaults';
import { latestToday, notInFuture, uuid } from '../../kernel/write/validation';
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
  type MutationScope,
} from '../../kernel/write/writing';
import type { TrainingModule } from '../entities/training-module.entity';
import { TrainingSession, TrainingStatus } from '../entities/training-session.entity';
import {
  checkSession,
  CLEARABLE_SESSION_FIELDS,
  modulesFor,
  sessionContentOf,
  SESSION_FIELDS,
  syncModules,
  type SessionContent,
} from '../rules/training-session.rules';
import { nextSessionStatus, SessionStep } from '../rules/training-session.workflow';
import {
  CancelTrainingSessionInput,
  CompleteTrainingSessionInput,
  ConfirmTrainingCoOrganiserInput,
  PlanTrainingSessionInput,
  UpdateTrainingSessionInput,
} from './training-session.inputs';

const KIND = 'training session';

/** The session as the viewer may change it, locked, at the version the caller read, in a status that allows `step`. */
async function sessionReadyFor(
  tx: MutationScope,
  input: { id: string; version: number },
  step: SessionStep,
): Promise<{ session: TrainingSession; next: TrainingStatus }> {
  const session = await lockForUpdate(tx, TrainingSession, KIND, uuid(input.id, 'id'), input.version);
  return { session, next: nextSessionStatus(session, step) };
}

@Resolver()
export class TrainingSessionMutationResolver {
  @Mutation(() => TrainingSession, {
    description:
      'Plans a training session owned by your organisation (editors and admins); it starts PLANNED. Retrying with the same idempotencyKey returns the first session; reusing a key for a different session is BAD_USER_INPUT.',
  })
  async planTrainingSession(
    @Arg('input', () => PlanTrainingSessionInput) input: PlanTrainingSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingSession> {
    const org = assertCanCreate(ctx.viewer);
    const viewer = ctx.viewer;
    let content: SessionContent;
    let modules: TrainingModule[];
    return createOnce(ctx, idempotentRequest(viewer, 'planTrainingSession', 'TrainingSession', input), {
      prepare: async () => {
        const problems = new InputProblems();
        const sharing = await newRecordSharing(ctx, input);
        const given = Object.fromEntries(SESSION_FIELDS.map((field) => [field, (input as unknown as Record<string, unknown>)[field] ?? null]));
        content = checkSession(problems, { ...(given as unknown as SessionContent), ...sharing }, org);
        modules = await modulesFor(ctx.db.manager, viewer, problems, input.moduleCodes);
        await checkPartnerCodes(ctx, problems, { organiserOrgs: input.organiserOrgs, sharedWith: input.sharedWith });
        problems.throwIfAny();
      },
      create: async (tx, id) => {
        const session = await insertAudited(tx, TrainingSession, 'TrainingSession', {
          id,
          ...content,
          status: TrainingStatus.PLANNED,
          illustrative: false,
          ...ownership({ ownerOrg: org, ...content }),
        });
        await syncModules(tx, session, modules);
        return session;
      },
      load: (manager, id) => visibleRecord(manager, viewer, TrainingSession, KIND, id),
    });
  }

  @Mutation(() => TrainingSession, {
    description:
      'Changes a planned or completed session (editors and admins of its owner); fields left out stay as they are, null clears an optional one.',
  })
  async updateTrainingSession(
    @Arg('input', () => UpdateTrainingSessionInput) input: UpdateTrainingSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingSession> {
    const partners = await knownPartners(ctx, input.organiserOrgs, input.sharedWith);
    return runMutation(ctx, async (tx) => {
      const { session } = await sessionReadyFor(tx, input, SessionStep.UPDATE);
      const problems = new InputProblems();
      const current = sessionContentOf(session);
      const changed = applyChanges(problems, current, input, SESSION_FIELDS, CLEARABLE_SESSION_FIELDS);
      const content = checkSession(problems, { ...changed, ...changedSharing(problems, current, input) }, session.ownerOrg);
      // A completed session happened: its corrected dates may not move it into the future.
      if (session.status === TrainingStatus.COMPLETED) problems.check(() => notInFuture(content.startDate, 'startDate'));
      const modules = input.moduleCodes ? await modulesFor(tx.manager, tx.ctx.viewer, problems, input.moduleCodes) : undefined;
      const stored = [...session.organiserOrgs, ...session.sharedWith];
      noteUnknownPartners(problems, input.organiserOrgs, partners, 'organiserOrgs', stored);
      noteUnknownPartners(problems, input.sharedWith, partners, 'sharedWith', stored);
      problems.throwIfAny();
      // A co-organiser the update drops loses its confirmation: named again, it confirms again.
      const confirmedOrganiserOrgs = session.confirmedOrganiserOrgs.filter((code) => content.organiserOrgs.includes(code));
      const updated = await updateVersioned(tx, TrainingSession, 'TrainingSession', session, { ...content, confirmedOrganiserOrgs });
      await syncModules(tx, updated, modules);
      return updated;
    });
  }

  @Mutation(() => TrainingSession, {
    description:
      'Confirms that your organisation co-organised a session another organisation owns and names you among its organiserOrgs (editors and admins). Until then the session is not credited to your organisation in its training totals. Confirming again changes nothing.',
  })
  async confirmTrainingCoOrganiser(
    @Arg('input', () => ConfirmTrainingCoOrganiserInput) input: ConfirmTrainingCoOrganiserInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingSession> {
    const org = assertCanCreate(ctx.viewer);
    const id = uuid(input.id, 'id');
    return runMutation(ctx, async (tx) => {
      const session = await visibleRecord(tx.manager, ctx.viewer, TrainingSession, KIND, id, 'pessimistic_write');
      if (session.ownerOrg === org)
        throw badInput(`id: ${org} owns training session ${session.id}; its own sessions are always credited to it`, 'id');
      if (!session.organiserOrgs.includes(org))
        throw forbidden(`training session ${session.id} does not name ${org} among its organisers; only an organisation it names confirms it`);
      if (session.confirmedOrganiserOrgs.includes(org)) return session;
      return updateVersioned(tx, TrainingSession, 'TrainingSession', session, { confirmedOrganiserOrgs: [...session.confirmedOrganiserOrgs, org] });
    });
  }

  @Mutation(() => TrainingSession, {
    description: 'Records that a PLANNED session took place (COMPLETED), with its attendance. A session is completed once it has begun.',
  })
  async completeTrainingSession(
    @Arg('input', () => CompleteTrainingSessionInput) input: CompleteTrainingSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingSession> {
    return runMutation(ctx, async (tx) => {
      const { session, next } = await sessionReadyFor(tx, input, SessionStep.COMPLETE);
      const problems = new InputProblems();
      const { participantsFemale = null, participantsMale = null, participantsUnspecified = null, participantsTotal } = input.attendance;
      const breakdown = (participantsFemale ?? 0) + (participantsMale ?? 0) + (participantsUnspecified ?? 0);
      if (participantsTotal < breakdown)
        problems.add(
          'attendance.participantsTotal',
          `attendance.participantsTotal (${participantsTotal}) may not be less than the breakdown, which adds up to ${breakdown}`,
        );
      problems.throwIfAny();
      if (session.startDate > latestToday())
        throw conflict(`training session ${session.id} starts on ${session.startDate}; it can be completed once it has begun`);
      return updateVersioned(tx, TrainingSession, 'TrainingSession', session, {
        status: next,
        participantsFemale,
        participantsMale,
        participantsUnspecified,
        participantsTotal,
      });
    });
  }

  @Mutation(() => TrainingSession, {
    description: 'Records that a PLANNED session will not take place (CANCELLED), and why. A cancelled session is final.',
  })
  async cancelTrainingSession(
    @Arg('input', () => CancelTrainingSessionInput) input: CancelTrainingSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingSession> {
    return runMutation(ctx, async (tx) => {
      const { session, next } = await sessionReadyFor(tx, input, SessionStep.CANCEL);
      return updateVersioned(tx, TrainingSession, 'TrainingSession', session, { status: next, cancellationReason: input.reason });
    });
  }
}
