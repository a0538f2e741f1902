// The raw-SQL floor: the statements the hub ran for one request (captured on the wire, see
// sql-capture.ts) replayed with `pg` in a tight loop over N connections, as fast as PostgreSQL
// answers them. No service can answer faster than its own SQL; the gateway's throughput over this
// one says how much of the machine the services themselves take. Also: each statement timed alone.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { summariseLatencies, type LatencySummary } from './latency';
import type { CapturedStatement } from './sql-capture';

export interface FloorRequest {
  statements: CapturedStatement[];
  /** Per subgraph: the connection settings it started its connections with. */
  startup: Record<string, Record<string, string>>;
}

export interface StatementTime {
  subgraph: string;
  /** The statement's first line, shortened, for the report. */
  text: string;
  /** Median round trip of the statement run alone on an idle connection over loopback: its server time, plus well under a tenth of a millisecond. */
  ms: number;
}

export interface FloorResult {
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  errors: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UNIQUE_VIOLATION = '23505';

/** The statements in replay order: each connection's in the order it ran them, connections in order of first use (a transaction stays whole). */
export function replayOrder(statements: CapturedStatement[]): CapturedStatement[] {
  const groups = new Map<string, CapturedStatement[]>();
  for (const statement of statements) {
    const key = `${statement.subgraph}/${statement.connection}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(statement);
  }
  return [...groups.values()].flat();
}

// Connection settings shared by every subgraph become one connection per replaying worker; a
// subgraph with settings of its own (a search_path, say) gets its own connection.
function settingsKey(startup: Record<string, string>): string {
  const { application_name: _name, ...rest } = startup;
  return JSON.stringify(Object.entries(rest).sort());
}

function clientConfig(databaseUrl: string, startup: Record<string, string>): pg.ClientConfig {
  const { application_name, statement_timeout, options, ...rest } = startup;
  return {
    connectionString: databaseUrl,
    application_name: application_name ? `bench-floor (${application_name})` : 'bench-floor',
    statement_timeout: statement_timeout ? Number(statement_timeout) : undefined,
    options: [options, ...Object.entries(rest).map(([key, value]) => `-c ${key}=${value}`)].filter(Boolean).join(' ') || undefined,
  };
}

class Replayer {
  private readonly clients = new Map<string, pg.Client>();
  /** Statements that insert rows under keys the hub generated: replayed with fresh UUIDs, or the second run would be refused. */
  private readonly freshKeys = new Set<number>();

  constructor(
    private readonly databaseUrl: string,
    private readonly request: FloorRequest,
    private readonly order: CapturedStatement[],
  ) {}

  private async clientFor(subgraph: string): Promise<pg.Client> {
    const startup = this.request.startup[subgraph] ?? {};
    const key = settingsKey(startup);
    let client = this.clients.get(key);
    if (!client) {
      client = new pg.Client(clientConfig(this.databaseUrl, startup));
      await client.connect();
      this.clients.set(key, client);
    }
    return client;
  }

  async run(index: number): Promise<void> {
    const statement = this.order[index];
    const client = await this.clientFor(statement.subgraph);
    const fresh = this.freshKeys.has(index);
    const values = statement.params?.map((param) => {
      if (param === null) return null;
      if ('binary' in param) return Buffer.from(param.binary, 'base64');
      return fresh ? param.text.replace(UUID, () => randomUUID()) : param.text;
    });
    const config: pg.QueryConfig = { text: statement.text, values: values ?? undefined };
    if (statement.name) config.name = `bench-${index}`;
    try {
      if (values === undefined) await client.query(statement.text);
      else await client.query(config);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && !fresh) {
        this.freshKeys.add(index);
        // A failed statement inside a transaction leaves it aborted: the rest of this request would fail too.
        await client.query('ROLLBACK').catch(() => undefined);
        return;
      }
      throw error;
    }
  }

  async once(): Promise<void> {
    for (let i = 0; i < this.order.length; i++) await this.run(i);
  }

  async close(): Promise<void> {
    for (const client of this.clients.values()) await client.end().catch(() => undefined);
  }
}

export interface Floor {
  /** Replays the request's statements on every connection at once, over and over, for `durationS` seconds. */
  run: (durationS: number) => Promise<FloorResult>;
  close: () => Promise<void>;
}

/** `connections` replaying workers, warmed up: connections open, statements prepared, fresh keys found. */
export async function prepareFloor(databaseUrl: string, request: FloorRequest, connections: number): Promise<Floor> {
  const order = replayOrder(request.statements);
  const workers = Array.from({ length: connections }, () => new Replayer(databaseUrl, request, order));
  const close = async () => {
    for (const worker of workers) await worker.close();
  };
  try {
    for (const worker of workers) {
      await worker.once();
      await worker.once();
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    close,
    run: async (durationS) => {
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      const deadline = started + durationS * 1000;
      await Promise.all(
        workers.map(async (worker) => {
          while (performance.now() < deadline) {
            const start = performance.now();
            try {
              await worker.once();
              latencies.push(performance.now() - start);
            } catch {
              errors++;
            }
          }
        }),
      );
      const elapsedS = (performance.now() - started) / 1000;
      return {
        requests: latencies.length,
        durationS: elapsedS,
        requestsPerSecond: latencies.length / elapsedS,
        latency: summariseLatencies(latencies),
        errors,
      };
    },
  };
}

/** Each statement run alone, `times` times on one idle connection; the median of each. */
export async function timeStatements(databaseUrl: string, request: FloorRequest, times = 7): Promise<StatementTime[]> {
  const order = replayOrder(request.statements);
  const replayer = new Replayer(databaseUrl, request, order);
  try {
    await replayer.once();
    await replayer.once();
    const samples: number[][] = order.map(() => []);
    for (let round = 0; round < times; round++) {
      for (let i = 0; i < order.length; i++) {
        const start = performance.now();
        await replayer.run(i);
        samples[i].push(performance.now() - start);
      }
    }
    return order.map((statement, i) => ({
      subgraph: statement.subgraph,
      text: statement.text.replace(/\s+/g, ' ').trim().slice(0, 120),
      ms: summariseLatencies(samples[i]).p50Ms,
    }));
  } finally {
    await replayer.close();
  }
}
