// The operations the resilience tests send, in one place: reference data every reader may see
// (partners, the Framework of Analysis), so the tests depend on availability, not on access rules.

/** One field from the partners subgraph and one from the situations subgraph, both nullable at the root. */
export const PARTNER_AND_FRAMEWORK = `query PartnerAndFramework {
  partner(code: "ICGLR") { code name }
  framework(version: "2014") { id year }
}`;

export const ICGLR = { code: 'ICGLR', name: 'International Conference on the Great Lakes Region' };
export const FRAMEWORK_2014 = { id: '2014', year: 2014 };

/** The partners subgraph alone. */
export const PARTNER = `query Partner { partner(code: "AU") { code name } }`;
export const AU = { code: 'AU', name: 'African Union' };

/** The situations subgraph alone. */
export const FRAMEWORK = `query Framework { framework(version: "2014") { id year } }`;

/**
 * Partners plus one training session: while training hangs, the session cannot be fetched at all,
 * so any id does.
 */
export const PARTNER_AND_TRAINING_SESSION = `query PartnerAndTrainingSession {
  partner(code: "ICGLR") { code name }
  trainingSession(id: "7d1f6c1e-0000-4000-8000-000000000000") { title }
}`;

/** The errors of an answer that name `serviceName` as the subgraph that could not answer. */
export function errorsNaming(body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined, serviceName: string) {
  return (body?.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_ERROR' && e.extensions?.serviceName === serviceName);
}
