// `npm run soak` as a short run: it starts the hub, drives reads through the gateway, and reports
// errors, latency percentiles and memory over time; and it refuses to load anything off this machine.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { heapVerdict } from '../../scripts/soak';
import { createTestDatabase, type TestDatabase } from '../support/database';

const SOAK = path.resolve(__dirname, '..', '..', 'scripts', 'soak.js');

function runSoak(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, ['--expose-gc', SOAK, ...args], {
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run soak', () => {
  let database: TestDatabase | undefined;

  afterAll(async () => {
    await database?.drop();
  });

  it('drives reads through the gateway and reports errors, latency percentiles and memory over time', async () => {
    const env: NodeJS.ProcessEnv = {};
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      if (database.target.kind === 'postgres') env.DATABASE_URL = database.target.url;
    }
    const { code, stdout, stderr } = await runSoak(['--duration', '6', '--max-requests', '400', '--concurrency', '4', '--json'], env);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const summary = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.requests).toBeLessThanOrEqual(400);
    expect(summary.errors).toBe(0);
    expect(summary.latencyMs).toEqual({ p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) });
    expect(summary.latencyMs.p50).toBeLessThanOrEqual(summary.latencyMs.p99);
    expect(Object.keys(summary.operations)).toEqual(expect.arrayContaining(['PartnerWalk', 'SoakSituation']));
    expect(summary.memory.samples.length).toBeGreaterThanOrEqual(2);
    expect(summary.memory.samples[0]).toEqual({ atS: expect.any(Number), rssMb: expect.any(Number), heapMb: expect.any(Number) });
  });

  it.each([
    [['--target', 'http://example.org/graphql'], /must be on loopback/],
    [['--duration', '0'], /--duration must be a whole number from 1 to 3600/],
    [['--max-requests', '5000000'], /--max-requests must be a whole number from 1 to 1000000/],
  ])('refuses %j', async (args, message) => {
    const { code, stderr } = await runSoak(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  describe('its memory verdict', () => {
    const samples = (heaps: number[]) => heaps.map((heapMb, i) => ({ atS: i, rssMb: 300, heapMb }));

    it('calls a heap that levels off after warm-up steady', () => {
      expect(heapVerdict(samples([40, 60, 75, 80, 80, 81, 79, 80, 82])).steady).toBe(true);
    });

    it('calls a heap that keeps growing a leak', () => {
      expect(heapVerdict(samples([40, 60, 80, 100, 120, 140, 160, 180, 200])).steady).toBe(false);
    });

    it('does not judge a run too short to have thirds', () => {
      expect(heapVerdict(samples([40, 60, 80])).steady).toBeUndefined();
    });
  });
});
