// Refuses, at validation, an operation of a kind the composed schema has no root type for (a
// subscription: alerts are delivered otherwise). Without it graphql-js fails it at execution, and
// the gateway answered HTTP 500; as a validation error the client learns what to change (400).
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export function OperationKindsServed(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(`This hub does not serve ${node.operation} operations; send a query or a mutation`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
    },
  };
}
