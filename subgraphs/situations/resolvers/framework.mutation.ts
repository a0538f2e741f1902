// Loading a partner's own indicator scheme (CEWARN's, for instance) as a framework version beside
// the Office's, so that its assessments are scored under it and validated against it like the
// 2014 and 2009 ones. The Office's versions are reference data: seeded, corrected by migration.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { conflict } from '../../../platform/errors';
import type { SubgraphContext } from '../../kernel/service/context';
import { assertAdminOf } from '../../kernel/policy/access-policy';
import { checkSharing } from '../../kernel/policy/no-write-down';
import { ownership } from '../../kernel/policy/ownership';
import { newRecordSharing } from '../../kernel/policy/sharing-defaults';
import { stableId } from '../../kernel/db/seeding';
import { checkPartnerCodes } from '../../kernel/write/reference-codes';
import { insertAudited, InputProblems, requireSignedIn, runMutation } from '../../kernel/write/writing';
import { Framework, Indicator, RiskFactor } from '../entities/framework.entity';
import { assertOwnVersionName, checkSchemeCodes } from '../rules/framework.rules';
import { LoadFrameworkVersionInput } from './framework.inputs';

// PostgreSQL's unique_violation: a concurrent load of the same version won the race.
const UNIQUE_VIOLATION = '23505';

@Resolver()
export class FrameworkMutationResolver {
  @Mutation(() => Framework, {
    description:
      "Loads your organisation's own indicator scheme as a framework version (admins): your organisation owns it, and assessments cite it as frameworkVersion, their codes checked against it. Its name starts with your organisation's code; a version once loaded is never changed (CONFLICT): load a correction as a new version.",
  })
  async loadFrameworkVersion(
    @Arg('input', () => LoadFrameworkVersionInput) input: LoadFrameworkVersionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Framework> {
    const viewer = ctx.viewer;
    requireSignedIn(viewer);
    assertAdminOf(viewer, viewer.org);
    const org = viewer.org;
    assertOwnVersionName(org, input.version);
    const problems = new InputProblems();
    const sharing = await newRecordSharing(ctx, input);
    checkSharing(problems, sharing);
    checkSchemeCodes(problems, input);
    await checkPartnerCodes(ctx, problems, { sharedWith: input.sharedWith });
    problems.throwIfAny();
    const owned = ownership({ ownerOrg: org, ...sharing });
    const alreadyLoaded = () => conflict(`Framework version ${input.version} is already loaded; load a correction as a new version`);
    try {
      return await runMutation(ctx, async (tx) => {
        // The name is the caller's own organisation's, so whether it exists is theirs to know.
        if (await tx.manager.existsBy(Framework, { id: input.version })) throw alreadyLoaded();
        const framework = await insertAudited(tx, Framework, 'Framework', {
          id: input.version,
          title: input.title,
          year: input.year,
          description: input.description,
          source: input.source,
          sourceNote: input.sourceNote ?? null,
          hubNumbering: input.hubNumbering,
          ...owned,
        });
        for (const [n, factor] of input.riskFactors.entries()) {
          const riskFactorId = stableId('risk-factor', input.version, factor.code);
          await insertAudited(tx, RiskFactor, 'RiskFactor', {
            id: riskFactorId,
            frameworkVersion: input.version,
            code: factor.code,
            number: n + 1,
            title: factor.title,
            description: factor.description,
            scope: factor.scope,
            wordingStatus: factor.wordingStatus,
            wordingNote: factor.wordingNote ?? null,
            ...owned,
          });
          for (const [position, indicator] of factor.indicators.entries())
            await insertAudited(tx, Indicator, 'Indicator', {
              id: stableId('indicator', input.version, indicator.code),
              riskFactorId,
              frameworkVersion: input.version,
              code: indicator.code,
              position: position + 1,
              text: indicator.text,
              wordingStatus: indicator.wordingStatus,
              wordingNote: indicator.wordingNote ?? null,
              ...owned,
            });
        }
        return framework;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw alreadyLoaded();
      throw error;
    }
  }
}
