// The log destination is asynchronous (platform/logger.ts): what it has buffered still reaches
// stderr when the process ends, after a graceful stop on SIGTERM and on a fatal exception alike.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { subgraphUrlEnv } from '../support/hub';
import { baseOf, freePort, postJson, waitFor } from '../support/network';
import { kill, spawnService, watchService, type ChildService } from '../support/processes';

const REQUESTS = 50;
let gateway: ChildService | undefined;

afterEach(async () => {
  await kill(gateway);
});

/** The JSON lines of a process's output, skipping anything else it printed. */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('log lines at exit', () => {
  it("keeps every request's line, the last one included, when SIGTERM stops the gateway", async () => {
    gateway = spawnService('gateway/index.js', await freePort(), { ...(await subgraphUrlEnv({})), LOG_LEVEL: 'info' });
    await waitFor(async () => (await fetch(`${baseOf(gateway!.url)}/health`)).ok, 60_000, 'the gateway answering');
    const ids = Array.from({ length: REQUESTS }, () => randomUUID());
    for (const id of ids) {
      const answer = await postJson(gateway.url, { query: 'query Flush { __typename }' }, { 'x-request-id': id });
      expect(answer.status).toBe(200);
    }
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    const logged = new Set(
      jsonLines(gateway.output())
        .filter((line) => line.message === 'request')
        .map((line) => line.requestId),
    );
    expect(ids.filter((id) => !logged.has(id))).toEqual([]);
    expect(jsonLines(gateway.output()).at(-1)).toMatchObject({ message: 'stopping', signal: 'SIGTERM' });
  });

  it('keeps the lines buffered before an uncaught exception ends the process', async () => {
    const logger = path.resolve(__dirname, '..', '..', 'platform', 'logger.js');
    const script = `
      const { logger } = require(${JSON.stringify(logger)});
      for (let i = 0; i < 5000; i++) logger.info('line', { i });
      setImmediate(() => { throw new Error('fatal'); });`;
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const watched = watchService(child, 0);
    expect(await watched.exited).toBe(1);
    const numbers = jsonLines(watched.output()).map((line) => line.i);
    expect(numbers).toHaveLength(5000);
    expect(numbers.at(-1)).toBe(4999);
    expect(watched.output()).toContain('Error: fatal');
  });
});
