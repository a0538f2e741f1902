// An exclusive lock on a PGlite folder: PGlite runs inside one process, and a second process
// opening the same folder would write behind the first one's back (and may corrupt it).
// The lock is a file in the folder holding the holder's process id; a lock whose process is gone
// (a crash, SIGKILL) is taken over.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { logger } from '../../../platform/logger';

export const FOLDER_LOCK_FILE = '.hub-lock';

/** The folder is open in another process that is still running. */
export class FolderInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The PGlite folder ${dir} is in use by process ${pid} (its lock is ${path.join(dir, FOLDER_LOCK_FILE)}); one folder can be open in one process only`,
    );
    this.name = 'FolderInUseError';
  }
}

// Locks this process holds: a lock naming our own pid that is not among them was left by an
// earlier process that had the same pid (a container restarted: the service is pid 1 again).
const heldHere = new Set<string>();

function holderOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function running(pid: number, file: string): boolean {
  if (pid === process.pid) return heldHere.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file with our pid in it, or returns false when one exists. */
function create(file: string): boolean {
  // Written aside and linked into place, so the lock never exists without its pid: a reader
  // never takes an empty file, mid-write, for a stale lock.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${process.pid}\n`);
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Takes the folder's lock, or throws FolderInUseError naming the running process that holds it.
 * Returns the function that releases it (once; only while the lock is still ours).
 */
export function lockFolder(dir: string): () => void {
  const file = path.join(dir, FOLDER_LOCK_FILE);
  for (let attempt = 1; attempt <= 5; attempt++) {
    if (create(file)) {
      heldHere.add(file);
      const release = () => {
        process.removeListener('exit', release);
        if (!heldHere.delete(file)) return;
        if (holderOf(file) === process.pid) rmSync(file, { force: true });
      };
      // A process that ends without closing the folder (process.exit, an event loop run dry)
      // holds it no longer either: only a crash or SIGKILL leaves a lock to take over.
      process.once('exit', release);
      return release;
    }
    const holder = holderOf(file);
    if (holder !== undefined && running(holder, file)) throw new FolderInUseError(dir, holder);
    // Stale. Moved aside rather than removed, so that of two processes taking it over at once
    // only one removes it; the other finds the winner's lock on its next attempt.
    const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = holderOf(aside);
    if (moved !== undefined && moved !== holder && running(moved, file)) {
      // A live lock taken in between: put it back (link fails if yet another one appeared) and yield.
      try {
        linkSync(aside, file);
      } catch {
        // the folder is locked again either way
      }
      rmSync(aside, { force: true });
      throw new FolderInUseError(dir, moved);
    }
    rmSync(aside, { force: true });
    logger.warn('took over the lock of a PGlite folder whose process is gone', { dir, previousHolder: holder ?? 'unknown' });
  }
  throw new Error(`Could not lock the PGlite folder ${dir}: its lock file keeps changing`);
}
