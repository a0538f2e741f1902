// The supervisor behind `npm start`: a service it started stops by itself when the supervisor is
// killed outright (SIGKILL leaves no chance to stop the children), so nothing keeps a port or a
// PGlite folder after a killed hub.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '../support/network';

const DIST = path.resolve(__dirname, '..', '..');

describe('the supervisor of npm start', () => {
  it('leaves no service running once it is killed with SIGKILL', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-supervisor-'));
    const port = await freePort();
    const script = `
      const { Supervisor } = require(${JSON.stringify(path.join(DIST, 'scripts', 'supervisor.js'))});
      const supervisor = new Supervisor(process.execPath, { ...process.env, PGLITE_DIR: ${JSON.stringify(dataDir)}, SEED_ON_START: 'false', LOG_LEVEL: 'warn' });
      supervisor.start({ name: 'training', script: ${JSON.stringify(path.join(DIST, 'subgraphs', 'training', 'index.js'))}, port: ${port} });
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    parent.stdout!.on('data', (chunk) => (output += chunk));
    parent.stderr!.on('data', (chunk) => (output += chunk));
    try {
      const health = () =>
        fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.ok,
          () => false,
        );
      await waitFor(health, 240_000, `training on port ${port}\n${output}`);
      parent.kill('SIGKILL');
      await waitFor(async () => !(await health()), 30_000, 'the training service to stop after its supervisor was killed');
      expect(output).toMatch(/training started \(pid \d+/);
    } finally {
      if (parent.exitCode === null) parent.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
