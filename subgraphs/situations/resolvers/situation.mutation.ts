// Opening and updating situations. Each mutation is one transaction (kernel/write/writing.ts) that
// audits every row it writes; the sharing defaults of the author's organisation are asked first.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { ownership } from '../../kernel/policy/ownership';
import { applyChanges, changedSharing } from '../../kernel/write/record-inputs';
import { checkPartnerCodes, knownPartners, noteUnknownPartners } from '../../kernel/write/reference-codes';
import { newRecordSharing } from '../../kernel/policy/sharing-defaults';
import { uuid } from '../../kernel/write/validation';
import { citedRecord, followInPeer, moveFloors, sharingChanged } from '../../kernel/policy/record-floor';
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
import { Situation, SituationStatus } from '../entities/situation.entity';
import {
  checkCountriesKept,
  checkSituation,
  CITING_SITUATION,
  situationContentOf,
  situationCountries,
  type SituationContent,
} from '../rules/situation.rules';
import { OpenSituationInput, UpdateSituationInput } from './situation.inputs';

const KIND = 'situation';
// An update may add countries (checkCountriesKept), never change the primary one. Sharing changes go through changedSharing.
const CHANGEABLE: readonly (keyof SituationContent)[] = ['countryCodes', 'title', 'summary', 'status', 'crimes', 'incitement', 'openedOn', 'groups'];

@Resolver()
export class SituationMutationResolver {
  @Mutation(() => Situation, {
    description:
      'Opens a situation owned by your organisation (editors and admins). Retrying with the same idempotencyKey returns the first situation; reusing a key for a different situation is BAD_USER_INPUT.',
  })
  async openSituation(@Arg('input', () => OpenSituationInput) input: OpenSituationInput, @Ctx() ctx: SubgraphContext): Promise<Situation> {
    const org = assertCanCreate(ctx.viewer);
    let content: SituationContent;
    return createOnce(ctx, idempotentRequest(ctx.viewer, 'openSituation', 'Situation', input), {
      prepare: async () => {
        const problems = new InputProblems();
        if (input.status === SituationStatus.CLOSED)
          problems.add('status', 'status: a situation is opened MONITORING, ESCALATING or DE_ESCALATING, not CLOSED');
        const sharing = await newRecordSharing(ctx, input);
        const countryCodes = situationCountries(problems, input.countryIso3, input.countryCodes);
        content = checkSituation(
          problems,
          {
            countryIso3: countryCodes[0] ?? '',
            countryCodes,
            title: input.title,
            summary: input.summary,
            status: input.status,
            crimes: input.crimes,
            incitement: input.incitement,
            openedOn: input.openedOn,
            groups: input.groups,
            ...sharing,
          },
          input.countryCodes?.length ? 'countryCodes' : 'countryIso3',
        );
        await checkPartnerCodes(ctx, problems, { sharedWith: input.sharedWith });
        problems.throwIfAny();
      },
      create: (tx, id) =>
        insertAudited(tx, Situation, 'Situation', { id, ...content, illustrative: false, ...ownership({ ownerOrg: org, ...content }) }),
      load: (manager, id) => visibleRecord(manager, ctx.viewer, Situation, KIND, id),
    });
  }

  @Mutation(() => Situation, {
    description:
      "Changes a situation (editors and admins of its owner); fields left out stay as they are. A change of classification or sharedWith is checked as a new situation's is.",
  })
  async updateSituation(@Arg('input', () => UpdateSituationInput) input: UpdateSituationInput, @Ctx() ctx: SubgraphContext): Promise<Situation> {
    let moved = false;
    const partners = await knownPartners(ctx, input.sharedWith);
    const updated = await runMutation(ctx, async (tx) => {
      const situation = await lockForUpdate(tx, Situation, KIND, uuid(input.id, 'id'), input.version);
      const problems = new InputProblems();
      const current = situationContentOf(situation);
      const changed = applyChanges(problems, current, input, CHANGEABLE);
      if (input.countryCodes) checkCountriesKept(problems, situation.countryCodes, input.countryCodes);
      const content = checkSituation(problems, { ...changed, ...changedSharing(problems, current, input) });
      noteUnknownPartners(problems, input.sharedWith, partners, 'sharedWith', situation.sharedWith);
      problems.throwIfAny();
      const after = await updateVersioned(tx, Situation, 'Situation', situation, content);
      // What was derived from the situation here follows its new readership in the same transaction.
      moved = sharingChanged(situation, after);
      if (moved) await moveFloors(tx.manager, citedRecord('Situation', after), CITING_SITUATION);
      return after;
    });
    // Alerts cite situations from another subgraph: it is told after the commit, and reads the
    // situation's readership from here itself, under the viewer's identity.
    if (moved) await followInPeer(ctx, 'alerts', [updated.id]);
    return updated;
  }
}
