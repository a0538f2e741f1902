// Builds import files for the tests: generated incidents of any number, streamed to disk so a
// 100,000-row file costs the test no memory, with a known set of bad rows among them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const COUNTRIES: [string, number, number][] = [
  ['NGA', 9.9, 8.9],
  ['BEN', 11.3, 2.6],
  ['GHA', 9.4, -0.85],
  ['CIV', 7.4, -7.5],
  ['SEN', 12.6, -16.3],
  ['TGO', 10.9, 0.2],
];
const SOURCES = ['Generated field reporter', 'Generated community radio', 'Generated civil-society monitor'];
const HASHTAGS =
  '#meta+id,#date,#country+code,#adm1+name,#loc+name,#geo+lat,#geo+lon,#event+type,#actor+name,#actor+name,#affected+killed+min,#affected+killed,#affected+killed+max,#meta+source,#meta+source+type,#meta+situation,#description';

export interface GeneratedFile {
  rows: number;
  /** External ids of the rows that must be stored. */
  good: (i: number) => boolean;
}

export const externalIdOf = (i: number) => `GEN-${String(i).padStart(6, '0')}`;

/** Row i is bad when `badEvery` divides i: an unknown country code. */
export async function writeGeneratedHxl(
  path: string,
  rows: number,
  options: { badEvery?: number; situationId?: string } = {},
): Promise<GeneratedFile> {
  const out = createWriteStream(path);
  const good = (i: number) => !options.badEvery || i % options.badEvery !== 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  // Padded to the data's width, as a spreadsheet writes it.
  await write(`Generated incidents for tests - not real events${','.repeat(HASHTAGS.split(',').length - 1)}\n`);
  await write(`${HASHTAGS}\n`);
  for (let i = 1; i <= rows; i++) {
    const [iso3, lat, lon] = COUNTRIES[i % COUNTRIES.length];
    const country = good(i) ? iso3 : 'XXX';
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
    const best = i % 17;
    const situation = iso3 === 'NGA' && options.situationId ? options.situationId : '';
    await write(
      `${externalIdOf(i)},${day},${country},Generated region ${i % 9},Generated place ${i % 1000},${lat + (i % 10) / 100},${lon},Violence against civilians,Generated armed group ${i % 7},Civilians,${best},${best},${best + 2},${SOURCES[i % SOURCES.length]},Media,${situation},Generated row ${i}\n`,
    );
  }
  out.end();
  await once(out, 'finish');
  return { rows, good };
}
