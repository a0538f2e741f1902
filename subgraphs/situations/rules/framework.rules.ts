// The rules a partner's indicator scheme meets before it is loaded as a framework version: it is
// named after the loading organisation, so no partner can reach the Office's versions (or another
// partner's) and a refusal reveals nothing about versions the caller may not read; its codes are unique.
import { forbidden } from '../../../platform/errors';
import type { InputProblems } from '../../kernel/write/writing';
import type { LoadFrameworkVersionInput } from '../resolvers/framework.inputs';

/** The name a version loaded by `org` starts with: the Office's own versions ("2014", "2009") never do. */
export const versionPrefix = (org: string): string => `${org}-`;

/** FORBIDDEN unless the version is named after the caller's organisation. */
export function assertOwnVersionName(org: string, version: string): void {
  if (!version.startsWith(versionPrefix(org)) || version.length === versionPrefix(org).length)
    throw forbidden(
      `A framework version loaded by ${org} is named "${versionPrefix(org)}<name>"; the Office's versions and other organisations' are not yours to load or overwrite`,
    );
}

/** Notes duplicate risk factor codes, and indicator codes given twice anywhere in the version. */
export function checkSchemeCodes(problems: InputProblems, input: LoadFrameworkVersionInput): void {
  const factors = new Set<string>();
  const indicators = new Set<string>();
  input.riskFactors.forEach((factor, i) => {
    if (factors.has(factor.code)) problems.add(`riskFactors.${i}.code`, `riskFactors.${i}.code: ${factor.code} is given more than once`);
    factors.add(factor.code);
    factor.indicators.forEach((indicator, j) => {
      if (indicators.has(indicator.code))
        problems.add(
          `riskFactors.${i}.indicators.${j}.code`,
          `riskFactors.${i}.indicators.${j}.code: ${indicator.code} is given more than once in the version (indicator codes are unique within it)`,
        );
      indicators.add(indicator.code);
    });
  });
}
