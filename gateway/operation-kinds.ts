// Refuses, at validation, an operation of a kind the composed schema has no root type for (a
// subscription: alerts are delivered otherwise). Without it graphql-js fails it at execution, and
// the gateway answered HTTP 500; as a validation error the client learns what to change (400).
import type { ASTVisitor, ValidationContext } from 'graphql';
import { validationFailed } from '../platform/errors';

export function OperationKindsServed(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(validationFailed(`This hub does not serve ${node.operation} operations; send a query or a mutation`, [node]));
    },
  };
}
