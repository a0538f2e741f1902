// Transports the gateway does not speak, answered with a GraphQL error that says what to use
// instead: a WebSocket upgrade (graphql-ws, subscriptions-transport-ws) gets 400, not a dropped
// connection. Subscriptions are served over SSE at /graphql/stream (alert-event-stream.ts).
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { ALERT_EVENT_STREAM_PATH } from './alert-event-stream';

export const UNSUPPORTED_TRANSPORT_MESSAGE = `This hub serves no WebSocket transport: subscribe over Server-Sent Events at ${ALERT_EVENT_STREAM_PATH} (the GraphQL over SSE protocol), and send queries and mutations to /graphql`;

export function refuseUpgrades(server: http.Server): void {
  server.on('upgrade', (_req: http.IncomingMessage, socket: Duplex) => {
    const body = JSON.stringify({ errors: [{ message: UNSUPPORTED_TRANSPORT_MESSAGE, extensions: { code: 'BAD_REQUEST' } }] });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
