// The load generator's own process: runs one autocannon test and reports back over IPC, so the
// bench process stays free to sample CPU and replay SQL (and its own CPU is counted apart).
import autocannon, { type Request } from 'autocannon';
import { summariseLatencies } from './latency';
import type { LoadJob, LoadResult } from './load';

// Any GraphQL error, partial or total, makes the answer useless to a dashboard: count it as failed.
const answered = (body: string | Buffer | undefined) => typeof body === 'string' && body.startsWith('{') && !body.includes('"errors":');

function run(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const authorizations = job.authorizations ?? [];
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        method: 'POST',
        headers: job.headers,
        body: job.body,
        // Each request as the next viewer in turn (autocannon calls setupRequest before every request).
        requests:
          authorizations.length > 0
            ? [
                {
                  setupRequest: (request: Request) => {
                    request.headers = { ...request.headers, authorization: authorizations[next++ % authorizations.length] };
                    return request;
                  },
                },
              ]
            : undefined,
        connections: job.connections,
        duration: job.durationS,
        timeout: 10,
        verifyBody: answered,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          durationS: result.duration,
          requestsPerSecond: result.requests.total / result.duration,
          latency: summariseLatencies(latencies),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          graphqlErrors: result.mismatches,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
