// CPU time spent by each process the bench measures, from /proc/<pid>/stat (user + system time of
// all its threads), with the processes it started counted in (a service that runs several workers
// is one service). PostgreSQL's share is its backends connected to the bench's database.
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

// Linux reports CPU time in clock ticks of 1/100 s on every platform Node runs on (USER_HZ).
const TICK_MS = 10;

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null;
  }
}

function allProcesses(): Map<number, ProcStat> {
  const result = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat) result.set(Number(entry), stat);
  }
  return result;
}

/** CPU milliseconds so far of `root` and every process under it. */
function treeCpuMs(root: number, processes: Map<number, ProcStat>): number {
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += processes.get(pid)?.cpuMs ?? 0;
    for (const [child, stat] of processes) if (stat.ppid === pid) pending.push(child);
  }
  return total;
}

export interface CpuSample {
  /** Process name → CPU ms so far. */
  processes: Record<string, number>;
  /** PostgreSQL backend pid → CPU ms so far. */
  backends: Map<number, number>;
}

/**
 * Samples the named processes and the PostgreSQL backends connected to `database`; `admin` must be
 * connected to another database, so that its own backend is not counted.
 */
export async function sampleCpu(roots: Record<string, number>, admin: pg.Client, database: string): Promise<CpuSample> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  const processes = allProcesses();
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    const stat = processes.get(pid);
    if (stat) backends.set(pid, stat.cpuMs);
  }
  return { processes: Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, treeCpuMs(pid, processes)])), backends };
}

/** CPU ms each process spent between two samples, PostgreSQL as "postgres" (backends that started meanwhile counted from zero). */
export function cpuBetween(before: CpuSample, after: CpuSample): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const [name, ms] of Object.entries(after.processes)) spent[name] = ms - (before.processes[name] ?? 0);
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  spent.postgres = postgres;
  return spent;
}
