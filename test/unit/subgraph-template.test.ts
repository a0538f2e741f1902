// The scaffold's templates (scripts/subgraph-template/) are the one source of the worked example:
// partners-contrib/igad-cewarn is them rendered for cewarn and IGAD, plus its own illustrative data
// (data/reports.ts) and any migration written since. A change to one and not the other fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appendEntry, renderSubgraph, templateValues } from '../../scripts/subgraph-new';
import { PARTNERS } from '../../subgraphs/partners/data/partners';

const REPO = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE = 'partners-contrib/igad-cewarn';
/** The example's own files, which the templates do not make for it. */
const OWN = ['data/reports.ts'];

describe('the subgraph templates', () => {
  it('render the worked example, file for file', async () => {
    const first = readdirSync(path.join(REPO, EXAMPLE, 'migrations')).find((f) => /^\d+-Init\.ts$/.test(f))!;
    const igad = PARTNERS.find((p) => p.code === 'IGAD')!;
    const files = await renderSubgraph(templateValues('cewarn', igad, EXAMPLE, Number(first.split('-')[0])));
    expect(files.size).toBeGreaterThan(10);
    for (const [file, text] of files) {
      if (OWN.includes(file)) continue;
      const example = path.join(REPO, EXAMPLE, file);
      expect({ file, exists: existsSync(example) }).toEqual({ file, exists: true });
      expect({ file, text: readFileSync(example, 'utf8') }).toEqual({ file, text });
    }
  });

  it('leave no placeholder behind, for an organisation with member states or without', async () => {
    for (const code of ['ECOWAS', 'UN-JO']) {
      const partner = PARTNERS.find((p) => p.code === code)!;
      const files = await renderSubgraph(templateValues('notes', partner, 'partners-contrib/x-notes', 1));
      for (const [file, text] of files)
        expect({ file, placeholders: `${file}\n${text}`.match(/__[A-Za-z]+__/g) }).toEqual({ file, placeholders: null });
    }
  });
});

describe('appendEntry', () => {
  it('adds one line to a manifest laid out one entry a line, and rewrites any other layout whole', () => {
    const text =
      '{\n  "gateway": { "port": 4000 },\n  "subgraphs": [\n    { "name": "a", "port": 4001, "module": "x", "calls": ["b", "c"] }\n  ]\n}\n';
    const entry = { name: 'z', port: 4002, module: 'partners-contrib/y-z', calls: ['partners'] };
    expect(appendEntry(text, entry)).toBe(
      text.replace('] }\n', '] },\n    { "name": "z", "port": 4002, "module": "partners-contrib/y-z", "calls": ["partners"] }\n'),
    );
    const compact = JSON.stringify(JSON.parse(text));
    expect(JSON.parse(appendEntry(compact, entry)).subgraphs).toEqual([...JSON.parse(text).subgraphs, entry]);
  });
});
