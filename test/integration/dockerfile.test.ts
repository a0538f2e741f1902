// The Dockerfile, without a Docker engine (none runs on these machines): its build stage's COPY
// lines, carried out into a folder of the test's own, hold everything `npm run build` reads (the
// services, both pages and the README the explorer reads), and the run stage copies what the built
// gateway looks for at run time (its pages, the dashboard's manifest). `npm ci` is the checkout's
// node_modules, linked.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DASHBOARD_MANIFEST } from '../../gateway/config';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}

/** The COPY instructions of each stage, in order. */
function stages(): Copy[][] {
  const result: Copy[][] = [];
  for (const line of readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n')) {
    if (/^FROM /.test(line)) result.push([]);
    const copy = /^COPY (?:--from=(\S+) )?(.+)$/.exec(line);
    if (!copy) continue;
    const words = copy[2].trim().split(/\s+/);
    result[result.length - 1].push({ from: copy[1], sources: words.slice(0, -1), dest: words[words.length - 1] });
  }
  return result;
}

/** Where COPY puts `source`: into `dest` when it is a folder (ends in /, or several sources), else at `dest`. */
const target = (copy: Copy, source: string) =>
  copy.dest.endsWith('/') || copy.sources.length > 1 ? path.join(copy.dest, path.basename(source)) : copy.dest;

let work: string;

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the Dockerfile', () => {
  it('has two stages, the run stage copying only from the build stage', () => {
    const [build, run] = stages();
    expect(build.every((copy) => copy.from === undefined)).toBe(true);
    expect(run.every((copy) => copy.from === 'build')).toBe(true);
  });

  it('its build stage holds what npm run build reads, and the run stage finds what the built gateway looks for', () => {
    const [build, run] = stages();
    work = mkdtempSync(path.join(os.tmpdir(), 'hub-image-'));
    for (const copy of build)
      for (const source of copy.sources) cpSync(path.join(ROOT, source), path.join(work, target(copy, source)), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const built = spawnSync('npm', ['run', 'build'], {
      cwd: work,
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    expect({ status: built.status, output: built.status === 0 ? '' : `${built.stdout}\n${built.stderr}` }).toEqual({ status: 0, output: '' });
    for (const page of ['explorer', 'dashboard']) expect(existsSync(path.join(work, 'dist', page, 'index.html'))).toBe(true);

    // Each run-stage source is /hub/<path> of the build stage, and is there after the build.
    const copied = run.flatMap((copy) => copy.sources.map((source) => ({ source: path.relative('/hub', source), at: target(copy, source) })));
    for (const { source } of copied) expect([source, existsSync(path.join(work, source))]).toEqual([source, true]);
    // The gateway's default manifest, where the built gateway (dist/gateway/config.js) looks for it.
    const manifest = path.relative(path.dirname(DIST), DASHBOARD_MANIFEST);
    expect(copied.map(({ at }) => path.normalize(at))).toEqual(expect.arrayContaining(['dist', 'node_modules', manifest]));
  }, 660_000);
});
