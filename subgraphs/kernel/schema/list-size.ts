// How long each list can be, written on the field with the demand-control directives that Apollo
// Router and Hive Gateway read (@listSize, @cost; federation 2.9 `@link`): the sizes travel in the
// supergraph, and the gateway's cost limit (gateway/cost-limit.ts) counts a query by them.
import { Directive } from 'type-graphql';

type FieldDecorator = ReturnType<typeof Directive>;

/**
 * A plain list that is never longer than about `assumedSize` items: a bound from the data (249
 * countries, 57 members of the OSCE) with room to grow, not a typical length. A list the cost limit
 * undercounts lets through a query that resolves far more than the limit allows.
 */
export function ListSize(assumedSize: number): FieldDecorator {
  return Directive(`@listSize(assumedSize: ${assumedSize})`);
}

/** A list cut by an argument (`limit`), at most `assumedSize` long when the argument is left out. */
export function SlicedListSize(argument: string, assumedSize: number): FieldDecorator {
  return Directive(`@listSize(assumedSize: ${assumedSize}, slicingArguments: ["${argument}"], requireOneSlicingArgument: false)`);
}

/** Work beyond one field's worth: a count or an aggregate over every matching row. */
export function Cost(weight: number): FieldDecorator {
  return Directive(`@cost(weight: ${weight})`);
}

/** What a count or grouped aggregate over all matching rows weighs against a plain field (1). */
export const AGGREGATE_WEIGHT = 10;

/** Groups an aggregate query can answer: its groupings multiplied out, e.g. country × level. */
export const AGGREGATE_GROUPS = 250;
