// Refuses, at validation, an operation /graphql does not run: a subscription (served over SSE at
// /graphql/stream, alert-event-stream.ts; @apollo/gateway cannot execute one and answered HTTP 500),
// or a kind the composed schema has no root type for. As a validation error the client learns
// what to change, with a 400.
import { type ASTVisitor, type ValidationContext } from 'graphql';
import { validationFailed } from '../platform/errors';
import { ALERT_EVENT_STREAM_PATH } from './alert-event-stream';

export function OperationKindsServed(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation === 'subscription') {
        context.reportError(
          validationFailed(
            `Subscriptions are served at ${ALERT_EVENT_STREAM_PATH} (GraphQL over Server-Sent Events: Accept: text/event-stream), not at /graphql`,
            [node],
          ),
        );
        return;
      }
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(validationFailed(`This hub does not serve ${node.operation} operations; send a query or a mutation`, [node]));
    },
  };
}
