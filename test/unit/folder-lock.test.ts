// The lock that keeps a PGlite folder one process's: held until released, refused to whoever asks
// meanwhile (this process included), and taken over when the process that left it is gone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FOLDER_LOCK_FILE, FolderInUseError, lockFolder } from '../../subgraphs/kernel/db/folder-lock';

describe('the PGlite folder lock', () => {
  let dir: string;
  let lock: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-lock-'));
    lock = path.join(dir, FOLDER_LOCK_FILE);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the folder with this process id until released, and leaves nothing behind', () => {
    const release = lockFolder(dir);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second holder while the first has it, naming the holder, and lets it in after', () => {
    const release = lockFolder(dir);
    expect(() => lockFolder(dir)).toThrow(FolderInUseError);
    expect(() => lockFolder(dir)).toThrow(`is in use by process ${process.pid}`);
    release();
    lockFolder(dir)();
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses while a lock names another process that is running', () => {
    writeFileSync(lock, `${process.ppid}\n`);
    expect(() => lockFolder(dir)).toThrow(new FolderInUseError(dir, process.ppid));
    expect(readFileSync(lock, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it.each([
    ['a process that is gone', () => `${spawnSync(process.execPath, ['-e', '']).pid}\n`],
    ['this process id, not held here (a restarted container)', () => `${process.pid}\n`],
    ['no readable process id', () => ''],
  ])('takes over a lock left by %s', (_what, content) => {
    writeFileSync(lock, content());
    const release = lockFolder(dir);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is released when the holding process exits without closing the folder, and left behind by SIGKILL', () => {
    const holdAndExit = (exit: string) =>
      spawnSync(process.execPath, [
        '-e',
        `require(${JSON.stringify(require.resolve('../../subgraphs/kernel/db/folder-lock'))}).lockFolder(${JSON.stringify(dir)}); ${exit}`,
      ]);
    expect(holdAndExit('process.exit(3)').status).toBe(3);
    expect(existsSync(lock)).toBe(false);
    expect(holdAndExit("process.kill(process.pid, 'SIGKILL')").signal).toBe('SIGKILL');
    expect(existsSync(lock)).toBe(true);
  });

  it('releases once: a lock taken over by another process since is left alone', () => {
    const release = lockFolder(dir);
    writeFileSync(lock, `${process.ppid}\n`);
    release();
    expect(readFileSync(lock, 'utf8')).toBe(`${process.ppid}\n`);
  });
});
