// PostgreSQL going away under a running subgraph process, and coming back: readiness follows it,
// requests fail at once with an error naming the subgraph (no hang, no crash), and the same
// process serves again, with the data written before the outage, once the server is back.
import type { RunningGateway } from '../../gateway/server';
import { AU, errorsNaming, PARTNER } from './operations';
import { createPrivatePostgres, findPostgresBinaries, type PrivatePostgres } from '../support/postgres-server';
import { startTestGateway, subgraphUrlEnv } from '../support/hub';
import { baseOf, freePort, loopback, postJson, revealsNothing, send, waitFor } from '../support/network';
import { type ChildService, kill, spawnService, vouched, waitReady } from '../support/processes';

const binaries = findPostgresBinaries();
const describeWithPostgres = 'bin' in binaries ? describe : describe.skip;
if ('missing' in binaries) console.warn(`Skipping the PostgreSQL outage tests: ${binaries.missing}.`);

describeWithPostgres('a subgraph whose PostgreSQL server stops and starts again', () => {
  let postgres: PrivatePostgres | undefined;
  let partners: ChildService | undefined;
  let gateway: RunningGateway | undefined;

  beforeAll(async () => {
    postgres = await createPrivatePostgres((binaries as { bin: string }).bin);
    partners = spawnService('subgraphs/partners/index.js', await freePort(), {
      DATABASE_URL: postgres.url,
      SEED_ON_START: 'true',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
    });
    await waitReady(partners);
    gateway = await startTestGateway(await subgraphUrlEnv({ partners: partners.url }));
  });

  afterAll(async () => {
    await gateway?.stop(1000);
    await kill(partners);
    await postgres?.destroy();
  });

  it('is unready and fails fast while the server is down, and recovers by itself without a restart', async () => {
    const url = loopback(gateway!.url);
    const base = baseOf(partners!.url);
    const before = await postJson(url, { query: PARTNER });
    expect(before.body).toEqual({ data: { partner: AU } });

    await postgres!.stop('immediate');

    // Straight after the crash, before anything had time to notice it.
    const first = await postJson(url, { query: PARTNER });
    expect(first.ms).toBeLessThan(5000);
    expect(first.body.data).toEqual({ partner: null });
    expect(errorsNaming(first.body, 'partners')).toHaveLength(1);
    expect(revealsNothing(first.text)).toBe(true);

    await waitFor(async () => (await send(`${base}/ready`)).status === 503, 10_000, 'partners /ready answering 503');
    const during = await postJson(url, { query: PARTNER });
    expect(during.ms).toBeLessThan(5000);
    expect(during.body.data).toEqual({ partner: null });
    expect(errorsNaming(during.body, 'partners')[0].message).toBe('Subgraph partners is unavailable (HTTP 503)');
    // Asked directly (as the gateway would), the subgraph says so itself.
    const direct = await postJson(partners!.url, { query: PARTNER }, await vouched(null, 'partners'));
    expect(direct.ms).toBeLessThan(5000);
    expect(direct.status).toBe(503);
    expect(direct.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(revealsNothing(direct.text)).toBe(true);
    expect((await send(`${base}/health`)).status).toBe(200);
    expect(partners!.child.exitCode).toBeNull();

    await postgres!.start();
    await waitFor(async () => (await send(`${base}/ready`)).status === 200, 30_000, 'partners /ready answering 200');
    const after = await waitFor(
      async () => {
        const answer = await postJson(url, { query: PARTNER });
        return answer.body.errors ? undefined : answer;
      },
      10_000,
      'a full answer through the gateway',
    );
    // Written (seeded) before the crash, still there after crash recovery.
    expect(after.body).toEqual({ data: { partner: AU } });
    expect(partners!.child.exitCode).toBeNull();
  });

  it('still stops cleanly on SIGTERM, exit code 0, while its database is down', async () => {
    await postgres!.stop('immediate');
    partners!.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still running'), 15_000)));
    expect(await Promise.race([partners!.exited, late]).finally(() => clearTimeout(timer))).toBe(0);
  });
});
