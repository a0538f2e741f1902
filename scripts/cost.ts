// `npm run -s cost -- query.graphql [--variables '{"first": 50}'] [--operation Name]` (or the query
// on stdin): prints what the gateway would count the query as against MAX_QUERY_COST, before a
// dashboard author sends it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readGatewayConfig, DEFAULT_MAX_QUERY_COST } from '../gateway/config';
import { supergraphCost } from '../gateway/cost-limit';

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { variables: { type: 'string' }, operation: { type: 'string' } } });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { values, positionals } = parsed;
  const env = { ...process.env, NODE_ENV: 'development' };
  let config;
  try {
    config = readGatewayConfig(env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const limit = config.maxQueryCost ?? DEFAULT_MAX_QUERY_COST;
  try {
    const query = readFileSync(positionals[0] ?? 0, 'utf8');
    const variables = values.variables ? (JSON.parse(values.variables) as Record<string, unknown>) : {};
    const cost = supergraphCost(readFileSync(config.supergraphPath, 'utf8'))(query, variables, values.operation);
    console.log(`cost ${cost} of a limit of ${limit} (MAX_QUERY_COST)${cost > limit ? ': the gateway would refuse it' : ''}`);
    return cost > limit ? 1 : 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
}

process.exit(main());
