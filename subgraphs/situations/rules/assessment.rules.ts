// The rules a risk assessment must meet before it is stored, beyond its fields' shapes: its factors
// and indicators belong to its framework version, as the framework tables say (never a list in
// code, so a revised framework is loaded, not programmed), and its dates and ratings make sense.
import type { EntityManager } from 'typeorm';
import { restrictToVisible } from '../../kernel/read/policed-query';
import type { Viewer } from '../../../platform/identity';
import { checkNoWriteDown, type Readership } from '../../kernel/policy/no-write-down';
import { notInFuture } from '../../kernel/write/validation';
import { crimeListProblems } from '../../kernel/schema/vocabulary';
import type { InputProblems } from '../../kernel/write/writing';
import { Framework, Indicator, RiskFactor } from '../entities/framework.entity';
import type { RiskFactorScore } from '../entities/risk-assessment.entity';
import type { AddRiskAssessmentInput } from '../resolvers/assessment.inputs';

/** Notes what is wrong with the assessment's own fields, before any framework is read. */
export function checkAssessmentFields(problems: InputProblems, input: AddRiskAssessmentInput): void {
  problems.check(() => notInFuture(input.assessedOn, 'assessedOn'));
  if (!input.partnerRatingScheme !== !input.partnerRatingValue) {
    problems.add(
      input.partnerRatingScheme ? 'partnerRatingValue' : 'partnerRatingScheme',
      'partnerRatingScheme and partnerRatingValue are given together: a rating means something only in its scheme',
    );
  }
  if (input.crimes.length === 0) problems.add('crimes', 'crimes must name at least one crime the assessment concerns');
  for (const [field, message] of crimeListProblems(input)) problems.add(field, message);
  const seen = new Set<string>();
  input.factors.forEach((factor, i) => {
    if (seen.has(factor.riskFactor))
      problems.add(`factors.${i}.riskFactor`, `factors.${i}.riskFactor: ${factor.riskFactor} is scored more than once`);
    seen.add(factor.riskFactor);
    const indicators = new Set<string>();
    factor.indicators.forEach((evidence, j) => {
      if (indicators.has(evidence.indicator))
        problems.add(
          `factors.${i}.indicators.${j}.indicator`,
          `factors.${i}.indicators.${j}.indicator: ${evidence.indicator} is given more than once for ${factor.riskFactor}`,
        );
      indicators.add(evidence.indicator);
    });
  });
}

/**
 * Checks every factor and indicator code against the framework version in three statements,
 * whatever the number of factors. Returns the factors as they are stored. `assessment` is who
 * will read the assessment: a partner's scheme may be shared narrowly, and an assessment scored
 * under it names its codes, so it is read by no one the scheme is not (no write-down). A loaded
 * version never changes, so the check at creation holds for the assessment's life.
 */
export async function checkAgainstFramework(
  manager: EntityManager,
  viewer: Viewer,
  problems: InputProblems,
  input: AddRiskAssessmentInput,
  assessment?: Readership,
): Promise<RiskFactorScore[]> {
  const factors: RiskFactorScore[] = input.factors.map((f) => ({
    riskFactor: f.riskFactor,
    level: f.level,
    evidence: f.evidence ?? null,
    indicators: f.indicators.map((i) => ({ indicator: i.indicator, observed: i.observed, evidence: i.evidence ?? null })),
  }));
  const framework = await restrictToVisible(
    manager.getRepository(Framework).createQueryBuilder('fw').where('fw.id = :version', { version: input.frameworkVersion }),
    viewer,
    'fw',
  ).getOne();
  if (!framework) {
    problems.add('frameworkVersion', `frameworkVersion: unknown version ${JSON.stringify(input.frameworkVersion)} of the Framework of Analysis`);
    return factors;
  }
  if (assessment) checkNoWriteDown(problems, assessment, [framework]);
  const codes = [...new Set(factors.map((f) => f.riskFactor))];
  const known = await restrictToVisible(
    manager
      .getRepository(RiskFactor)
      .createQueryBuilder('f')
      .where('f.framework_version = :version AND f.code IN (:...codes)', { version: framework.id, codes }),
    viewer,
    'f',
  ).getMany();
  const factorByCode = new Map(known.map((f) => [f.code, f]));
  const indicators = known.length
    ? await restrictToVisible(
        manager
          .getRepository(Indicator)
          .createQueryBuilder('i')
          .where('i.risk_factor_id IN (:...ids)', { ids: known.map((f) => f.id) }),
        viewer,
        'i',
      ).getMany()
    : [];
  const indicatorsOf = new Map<string, Set<string>>();
  for (const indicator of indicators)
    indicatorsOf.set(indicator.riskFactorId, (indicatorsOf.get(indicator.riskFactorId) ?? new Set()).add(indicator.code));
  factors.forEach((factor, i) => {
    const riskFactor = factorByCode.get(factor.riskFactor);
    if (!riskFactor) {
      problems.add(`factors.${i}.riskFactor`, `factors.${i}.riskFactor: ${factor.riskFactor} is not a risk factor of the ${framework.id} framework`);
      return;
    }
    factor.indicators.forEach((evidence, j) => {
      if (!indicatorsOf.get(riskFactor.id)?.has(evidence.indicator)) {
        problems.add(
          `factors.${i}.indicators.${j}.indicator`,
          `factors.${i}.indicators.${j}.indicator: ${evidence.indicator} is not an indicator of ${factor.riskFactor} in the ${framework.id} framework`,
        );
      }
    });
  });
  return factors;
}
