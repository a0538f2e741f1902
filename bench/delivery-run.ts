// `npm run bench:delivery`: the alert-delivery part of the bench (delivery.ts) alone, on a throwaway
// database of its own, with the services as the bench starts them. Writes
// bench/results/delivery-latest.md and .json and prints the Markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readBenchConfig } from './config';
import { openBenchDatabases, type BenchDatabases } from './data';
import { createReceiverCertificate, deliverySection, measureDelivery } from './delivery';
import { RESULTS_DIRECTORY } from './report';
import { createBenchDatabase, createSecrets, startServices, type RunningServices } from './services';

/** `npm run bench:delivery`: this part of the bench alone, on a throwaway database of its own. */
async function main(): Promise<void> {
  const config = readBenchConfig();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'bench:delivery needs PostgreSQL: set DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:delivery\n',
    );
    process.exitCode = 2;
    return;
  }
  const began = performance.now();
  const progress = (message: string) => process.stderr.write(`bench [${Math.round((performance.now() - began) / 1000)} s]: ${message}\n`);
  const bench = await createBenchDatabase(serverUrl, 'bench_delivery');
  const secrets = createSecrets();
  let services: RunningServices | undefined;
  let db: BenchDatabases | undefined;
  try {
    const certificate = createReceiverCertificate(path.dirname(secrets.keys.signingKeyFile));
    progress(`database ${bench.database}; starting the services (migrations and seed)`);
    services = await startServices(secrets, bench.databaseUrl, {
      capture: false,
      seed: true,
      stock: false,
      env: { alerts: { NODE_EXTRA_CA_CERTS: certificate.certFile } },
    });
    db = await openBenchDatabases(bench.databaseUrl);
    const result = await measureDelivery(services!, secrets, certificate, db.alerts, config.delivery, progress);
    const markdown = [`# Alert delivery ${new Date().toISOString()}`, '', ...deliverySection(result)].join('\n');
    mkdirSync(RESULTS_DIRECTORY, { recursive: true });
    writeFileSync(path.join(RESULTS_DIRECTORY, 'delivery-latest.md'), markdown);
    writeFileSync(path.join(RESULTS_DIRECTORY, 'delivery-latest.json'), JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(markdown);
  } finally {
    await services?.stop();
    await db?.close();
    await bench.drop();
    secrets.cleanUp();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:delivery failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
