// The gateway process: `npm run start:gateway`, or `node dist/gateway` in production; with
// WEB_CONCURRENCY above 1, the primary of that many gateway workers on one port.
// Tracing starts first, before the modules it instruments load.
import '../platform/tracing-start';
import { logger } from '../platform/logger';
import { warnIfMetricsOpen } from '../platform/metrics';
import { resolveHttpLimits, runWorkers, stopOnSignals } from '../platform/http/service';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

async function main(): Promise<void> {
  process.env.HUB_SERVICE_NAME = 'gateway';
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  let config;
  try {
    config = readGatewayConfig();
  } catch (error) {
    logger.error('invalid configuration', { error });
    process.exit(2);
  }
  warnIfMetricsOpen('gateway', config.production, config.metricsToken);
  const { shutdownDeadlineMs } = resolveHttpLimits(config.limits);
  await runWorkers({ name: 'gateway', workers: config.workers ?? 1, shutdownDeadlineMs }, async () => {
    try {
      const gateway = await startGateway(config);
      stopOnSignals(gateway, 'gateway');
      logger.info('gateway ready', { url: gateway.url, subgraphs: gateway.subgraphUrls });
    } catch (error) {
      logger.error('gateway failed to start', { error });
      process.exit(1);
    }
  });
}

if (require.main === module) void main();
