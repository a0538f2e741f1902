// `npm run keys [-- --dir keys] [--rotate | --retire]`: the gateway's signing key and the public
// set subgraphs verify it with (README "Identity": keys and rotation).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { retirePreviousKeys, SIGNING_KEY_FILE, writeKeyFiles } from '../platform/gateway-keys';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: { dir: { type: 'string', default: 'keys' }, rotate: { type: 'boolean', default: false }, retire: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run keys -- [--dir keys] [--rotate | --retire]`);
    return 2;
  }
  if (values.rotate && values.retire) {
    console.error('--rotate and --retire are two steps of a rotation: run them one after the other');
    return 2;
  }
  const dir = path.resolve(values.dir ?? 'keys');
  if (!values.rotate && !values.retire && existsSync(path.join(dir, SIGNING_KEY_FILE))) {
    console.error(`${dir} already holds a signing key; to replace it run a rotation (--rotate, then --retire)`);
    return 1;
  }
  try {
    const written = values.retire ? retirePreviousKeys(dir) : writeKeyFiles(dir, { keepPrevious: values.rotate });
    console.log(`private signing key (gateway only): ${written.signingKeyFile}`);
    console.log(`public key set (gateway and subgraphs): ${written.publicKeysFile}, accepting ${written.accepted.join(', ')}`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

process.exit(main());
