// Runs one of the hub's command-line tools (dist/scripts/<name>.js) as a user would, in a child process.
import { spawn } from 'node:child_process';
import path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI to its end, or until `killWhen` says so from its stderr (then SIGKILL, as a crash would). */
export function runCli(script: string, args: string[], env: NodeJS.ProcessEnv, killWhen?: (stderr: string) => boolean): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'scripts', `${script}.js`), ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (killWhen?.(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
