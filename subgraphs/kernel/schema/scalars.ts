// Scalars shared by all subgraphs, so a date means the same thing everywhere in the graph.
import { GraphQLLocalDate } from 'graphql-scalars';

/** A calendar date, "YYYY-MM-DD", stored in PostgreSQL `date` columns as text. */
export const LocalDate = GraphQLLocalDate;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
