// Runs the hub's services as child processes and keeps them running: a service that exits is
// started again after a pause that doubles with each failure in a row (and is logged), while the
// others go on serving and the gateway's partial answers cover the gap. Only stop() ends them:
// every child is asked to stop (SIGTERM), and one that has not exited by the deadline is killed.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServiceSpec {
  name: string;
  script: string;
  /** Arguments after the script (start-service.js takes the subgraph's name). */
  args?: string[];
  port: number;
  env?: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** First pause before a restart; doubles up to maxBackoffMs while a service keeps failing. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A service that ran this long without exiting starts again from the first pause. */
  healthyAfterMs?: number;
  /** What stop() gives the children before it kills them. */
  stopDeadlineMs?: number;
  log?: (message: string) => void;
}

export const DEFAULT_BACKOFF_MS = 500;
export const DEFAULT_MAX_BACKOFF_MS = 30_000;
export const DEFAULT_HEALTHY_AFTER_MS = 60_000;
export const DEFAULT_STOP_DEADLINE_MS = 4_500;

interface Running {
  spec: ServiceSpec;
  child: ChildProcess | null;
  startedAt: number;
  failures: number;
  restart: NodeJS.Timeout | null;
}

export class Supervisor {
  private readonly services = new Map<string, Running>();
  private stopping = false;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly healthyAfterMs: number;
  private readonly stopDeadlineMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly node: string,
    private readonly baseEnv: NodeJS.ProcessEnv,
    options: SupervisorOptions = {},
  ) {
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.healthyAfterMs = options.healthyAfterMs ?? DEFAULT_HEALTHY_AFTER_MS;
    this.stopDeadlineMs = options.stopDeadlineMs ?? DEFAULT_STOP_DEADLINE_MS;
    this.log = options.log ?? ((message) => console.error(message));
  }

  /** Starts `spec` and keeps it running until stop(). */
  start(spec: ServiceSpec): void {
    const running: Running = { spec, child: null, startedAt: 0, failures: 0, restart: null };
    this.services.set(spec.name, running);
    this.launch(running);
  }

  /** The child currently running `name`, if any (a restart replaces it). */
  child(name: string): ChildProcess | null {
    return this.services.get(name)?.child ?? null;
  }

  private launch(running: Running): void {
    running.restart = null;
    const child = spawn(this.node, [running.spec.script, ...(running.spec.args ?? [])], {
      env: { ...this.baseEnv, ...running.spec.env, PORT: String(running.spec.port) },
      // The IPC channel closes when the supervisor dies, however it dies: the child then stops too
      // (http-service stopOnSignals), so no service outlives a killed `npm start`.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.child = child;
    running.startedAt = Date.now();
    this.log(`${running.spec.name} started (pid ${child.pid}, port ${running.spec.port})`);
    child.once('exit', (code, signal) => {
      running.child = null;
      if (this.stopping) return;
      if (Date.now() - running.startedAt >= this.healthyAfterMs) running.failures = 0;
      const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** running.failures);
      running.failures += 1;
      this.log(
        `${running.spec.name} exited (${signal ?? `exit code ${code}`}); starting it again in ${delay} ms (restart ${running.failures} in a row)`,
      );
      running.restart = setTimeout(() => this.launch(running), delay);
    });
  }

  /**
   * Stops every service: SIGTERM, then SIGKILL for one still running at the deadline. True when
   * each exited by itself with code 0.
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    const exits = [...this.services.values()].map(async (running) => {
      if (running.restart) clearTimeout(running.restart);
      const child = running.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return true;
      const startedStopping = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), this.stopDeadlineMs);
      });
      const outcome = await Promise.race([exited, deadline]);
      clearTimeout(timer);
      if (outcome === 'late') {
        this.log(`${running.spec.name} did not stop within ${this.stopDeadlineMs} ms; killing it`);
        child.kill('SIGKILL');
        await exited;
        return false;
      }
      if (outcome !== 0) this.log(`${running.spec.name} stopped with exit code ${outcome} after ${Date.now() - startedStopping} ms`);
      return outcome === 0;
    });
    return (await Promise.all(exits)).every(Boolean);
  }
}
