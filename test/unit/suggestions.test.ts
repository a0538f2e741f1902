// graphql-js's "Did you mean ...?" in every form it writes, and the production formatter that
// takes them out of every message a service sends (gateway and subgraphs alike).
import { GraphQLError } from 'graphql';
import { errorFormatter, formatError, withoutSuggestions } from '../../platform/errors';

const MESSAGES: [string, string][] = [
  ['Cannot query field "situationz" on type "Query". Did you mean "situation" or "situations"?', 'Cannot query field "situationz" on type "Query".'],
  ['Value "HIHG" does not exist in "RiskLevel" enum. Did you mean the enum value "HIGH"?', 'Value "HIHG" does not exist in "RiskLevel" enum.'],
  [
    'Variable "$level" got invalid value "HIHG"; Value "HIHG" does not exist in "RiskLevel" enum. Did you mean the enum value "HIGH"?',
    'Variable "$level" got invalid value "HIHG"; Value "HIHG" does not exist in "RiskLevel" enum.',
  ],
  ['Unknown argument "frist" on field "Query.situations". Did you mean "first"?', 'Unknown argument "frist" on field "Query.situations".'],
  ['Unknown type "Situatoin". Did you mean "Situation", "SituationCount", or "SituationEdge"?', 'Unknown type "Situatoin".'],
  ['Cannot query field "x" on type "Node". Did you mean to use an inline fragment on "Situation"?', 'Cannot query field "x" on type "Node".'],
];

describe('suggestions in error messages', () => {
  it.each(MESSAGES)('are taken out of %j', (message, bare) => {
    expect(withoutSuggestions(message)).toBe(bare);
  });

  it('are kept in development and taken out in production', () => {
    const error = new GraphQLError(MESSAGES[1][0], { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(errorFormatter({ production: false })(error.toJSON(), error).message).toBe(formatError(error.toJSON(), error).message);
    expect(errorFormatter({ production: false })(error.toJSON(), error).message).toMatch(/Did you mean/);
    expect(errorFormatter({ production: true })(error.toJSON(), error)).toEqual({
      message: MESSAGES[1][1],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
