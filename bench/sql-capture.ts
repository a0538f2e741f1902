// The SQL a request makes the hub run, seen on the wire: a TCP proxy between one subgraph process
// and PostgreSQL that passes every byte through unchanged and, while capturing, decodes what the
// subgraph sends (simple queries, and Parse/Bind/Execute of the extended protocol, with the
// parameter values) so the raw-SQL floor can replay exactly those statements. It reads the protocol,
// not the hub's code, so it sees every statement however the service builds and sends it.
import net from 'node:net';

export interface CapturedStatement {
  subgraph: string;
  /** Which of the subgraph's connections ran it: statements of one connection stay in order when replayed. */
  connection: number;
  text: string;
  /** Parameter values as sent: text, base64 of binary values, or null. None for a simple query. */
  params: ({ text: string } | { binary: string } | null)[] | null;
  /** The prepared statement's name when the hub named it (and so prepared it once per connection). */
  name: string | null;
}

export interface SqlCapture {
  /** The URL to give the subgraph in place of `targetUrl`. */
  url: string;
  /** Connection settings the subgraph asked for at start-up (statement_timeout, options, ...), user and database left out. */
  startupParameters: () => Record<string, string>;
  start: () => void;
  /** Stops capturing and returns what was captured since start(). */
  stop: () => CapturedStatement[];
  close: () => Promise<void>;
}

const PROTOCOL_3 = 196608;

interface ConnectionState {
  id: number;
  started: boolean;
  buffer: Buffer;
  statements: Map<string, string>;
  portals: Map<string, { statement: string; params: CapturedStatement['params'] }>;
}

function cString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  return [buffer.toString('utf8', offset, end), end + 1];
}

/** Listens on an ephemeral loopback port and forwards every connection to the server of `targetUrl`. */
export async function startSqlCapture(subgraph: string, targetUrl: string): Promise<SqlCapture> {
  const target = new URL(targetUrl);
  let capturing = false;
  let captured: CapturedStatement[] = [];
  let startup: Record<string, string> = {};
  let nextId = 0;
  const sockets = new Set<net.Socket>();

  const record = (state: ConnectionState, text: string, params: CapturedStatement['params'], name: string | null) => {
    if (capturing) captured.push({ subgraph, connection: state.id, text, params, name });
  };

  const decode = (state: ConnectionState, message: Buffer, type: string | null) => {
    if (type === null) {
      // The start-up message: protocol version, then name/value pairs.
      if (message.readInt32BE(4) !== PROTOCOL_3) return;
      state.started = true;
      const parameters: Record<string, string> = {};
      for (let offset = 8; offset < message.length - 1;) {
        const [key, afterKey] = cString(message, offset);
        if (!key) break;
        const [value, afterValue] = cString(message, afterKey);
        parameters[key] = value;
        offset = afterValue;
      }
      delete parameters.user;
      delete parameters.database;
      startup = parameters;
      return;
    }
    if (type === 'Q') {
      record(state, cString(message, 5)[0], null, null);
    } else if (type === 'P') {
      const [name, afterName] = cString(message, 5);
      const [text] = cString(message, afterName);
      state.statements.set(name, text);
    } else if (type === 'B') {
      let offset = 5;
      const [portal, afterPortal] = cString(message, offset);
      const [statement, afterStatement] = cString(message, afterPortal);
      offset = afterStatement;
      const formatCount = message.readInt16BE(offset);
      offset += 2;
      const formats: number[] = [];
      for (let i = 0; i < formatCount; i++, offset += 2) formats.push(message.readInt16BE(offset));
      const paramCount = message.readInt16BE(offset);
      offset += 2;
      const params: CapturedStatement['params'] = [];
      for (let i = 0; i < paramCount; i++) {
        const length = message.readInt32BE(offset);
        offset += 4;
        if (length < 0) {
          params.push(null);
          continue;
        }
        const value = message.subarray(offset, offset + length);
        offset += length;
        const binary = (formats.length === 1 ? formats[0] : (formats[i] ?? 0)) === 1;
        params.push(binary ? { binary: value.toString('base64') } : { text: value.toString('utf8') });
      }
      state.portals.set(portal, { statement, params });
    } else if (type === 'E') {
      const [portal] = cString(message, 5);
      const bound = state.portals.get(portal);
      const text = bound ? state.statements.get(bound.statement) : undefined;
      if (bound && text !== undefined) record(state, text, bound.params, bound.statement || null);
    } else if (type === 'C' && message[5] === 0x53 /* 'S': a statement */) {
      state.statements.delete(cString(message, 6)[0]);
    }
  };

  // Splits what the subgraph sends into messages (a message may span chunks, a chunk hold several).
  const read = (state: ConnectionState, chunk: Buffer) => {
    state.buffer = state.buffer.length ? Buffer.concat([state.buffer, chunk]) : chunk;
    for (;;) {
      const typed = state.started;
      const header = typed ? 5 : 4;
      if (state.buffer.length < header) return;
      const length = state.buffer.readInt32BE(typed ? 1 : 0) + (typed ? 1 : 0);
      if (state.buffer.length < length) return;
      const message = state.buffer.subarray(0, length);
      state.buffer = state.buffer.subarray(length);
      if (typed) decode(state, message, String.fromCharCode(message[0]));
      else decode(state, message, null);
    }
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const state: ConnectionState = { id: nextId++, started: false, buffer: Buffer.alloc(0), statements: new Map(), portals: new Map() };
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      try {
        read(state, chunk);
      } catch {
        // A message this decoder does not follow is still passed on: capture is best effort, the service is not.
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    startupParameters: () => ({ ...startup }),
    start: () => {
      captured = [];
      capturing = true;
    },
    stop: () => {
      capturing = false;
      const result = captured;
      captured = [];
      return result;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
