// A cost limit that counts list sizes, which GraphQL Armor's does not: a query alternating
// Partner.memberStates and Country.partners a few levels deep stays under any depth limit yet
// asks for millions of objects. Each field costs 1, and a list multiplies what is under it by
// its page size (`first`) or, for lists without one, by an assumed typical length.
import type { ApolloServerPlugin } from '@apollo/server';
import { getNullableType, GraphQLError, isListType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';

/** What an unpaginated list is assumed to hold: a partner's member states, a situation's alerts. */
export const ASSUMED_LIST_LENGTH = 10;

function estimate({ field, args, childComplexity, type }: ComplexityEstimatorArgs & { type: GraphQLObjectType; field: GraphQLField<unknown, unknown> }): number {
  const first = typeof args.first === 'number' ? Math.max(args.first, 1) : undefined;
  // A connection's `first` already counts its nodes; its edges and nodes lists add nothing more.
  if (type.name.endsWith('Connection')) return 1 + childComplexity;
  if (first !== undefined) return 1 + first * childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + ASSUMED_LIST_LENGTH * Math.max(childComplexity, 1);
  return 1 + childComplexity;
}

export function costLimitPlugin(maximumCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [estimate as never],
            });
          } catch {
            // Variables that do not coerce: execution reports them to the caller as BAD_USER_INPUT.
            return;
          }
          if (cost > maximumCost) {
            throw new GraphQLError(`This query would cost ${cost}, over the limit of ${maximumCost}: ask for smaller pages or fewer nested lists`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

