// The HXL side of the import: finding the hashtag row, matching columns to incident fields by
// their hashtags and attributes, and reading rows the CSV parser cannot make sense of.
import { Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { isHashtagRow, mapColumns, parseHashtag } from '../../subgraphs/situations/import/hxl';
import { readHxlCsv } from '../../subgraphs/situations/import/hxl-reader';
import type { RawRow } from '../../subgraphs/situations/import/incident-fields';

async function readAll(text: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readHxlCsv(Readable.from([text])).rows) rows.push(row);
  return rows;
}

const TAGS = '#meta+id,#date,#country+code,#event+type';

describe('HXL hashtags', () => {
  it('reads tags and attributes whatever their case, spacing and order', () => {
    const tag = parseHashtag(' #Affected +MAX + killed ');
    expect(tag?.tag).toBe('affected');
    expect([...tag!.attributes].sort()).toEqual(['killed', 'max']);
    expect(parseHashtag('Fatalities')).toBeNull();
    expect(parseHashtag('#')).toBeNull();
  });

  it('takes a row as the hashtag row when most of its non-empty cells are hashtags', () => {
    expect(isHashtagRow(['#date', '#country+code', 'notes', ''])).toBe(true);
    expect(isHashtagRow(['Date', '#country+code', 'Notes'])).toBe(false);
    expect(isHashtagRow(['', ''])).toBe(false);
  });

  it('matches each column to the most specific field, in any attribute order', () => {
    const cells = [
      '#affected+killed',
      '#affected+max+killed',
      '#AFFECTED +MIN +killed',
      '#event+sub+type',
      '#event+type',
      '#meta+source+type',
      '#meta+source',
      '#meta+id',
      '#date',
      '#country+code',
      '#actor+name',
      '#actor+name',
      '#org+name',
    ];
    const map = mapColumns(cells);
    expect(Object.fromEntries(map.single)).toEqual({
      fatalitiesBest: 0,
      fatalitiesHigh: 1,
      fatalitiesLow: 2,
      subEventType: 3,
      eventType: 4,
      sourceType: 5,
      source: 6,
      externalId: 7,
      occurredOn: 8,
      countryIso3: 9,
    });
    expect(map.actors).toEqual([10, 11]);
    expect(map.ignored).toEqual(['#org+name']);
  });

  it('prefers the column with fewer extra attributes, and refuses to guess between equals', () => {
    expect(mapColumns(['#date+reported', '#date', '#meta+id', '#country+code', '#event+type']).single.get('occurredOn')).toBe(1);
    expect(() => mapColumns(['#date+reported', '#date+occurred', '#meta+id', '#country+code', '#event+type'])).toThrow(
      /several columns for occurredOn: A \(#date\+reported\), B \(#date\+occurred\)/,
    );
  });

  it('names the required columns a hashtag row lacks', () => {
    expect(() => mapColumns(['#date', '#country+code'])).toThrow(/no column for #meta\+id \(externalId\), #event\+type \(eventType\)/);
  });
});

describe('HXL CSV reader', () => {
  it('finds the hashtag row below header rows and reads the rows under it', async () => {
    const text = [
      'Illustrative extract,,,',
      'Prepared by,ECOWAS,,',
      'ID,Date,Country,Type',
      TAGS,
      'A-1,2025-01-02,NGA,Riots',
      ',,,',
      'A-2,2025-01-03,GHA,Battles',
    ].join('\n');
    const rows = await readAll(text);
    expect(rows.map((r) => [r.line, r.values.externalId, r.values.countryIso3])).toEqual([
      [5, 'A-1', 'NGA'],
      [7, 'A-2', 'GHA'],
    ]);
    expect(rows[0].columns?.countryIso3).toBe('#country+code');
  });

  it('accepts 24 header rows and refuses a file whose hashtag row comes later', async () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `Header ${i},,,`);
    await expect(readAll([...header(24), TAGS, 'A-1,2025-01-02,NGA,Riots'].join('\n'))).resolves.toHaveLength(1);
    const late = readAll([...header(25), TAGS, 'A-1,2025-01-02,NGA,Riots'].join('\n'));
    await expect(late).rejects.toThrow(GraphQLError);
    await expect(late).rejects.toThrow(/No HXL hashtag row/);
  });

  it('refuses a file without any hashtag row as BAD_USER_INPUT', async () => {
    await expect(readAll('ID,Date\nA-1,2025-01-02\n')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reports a row the CSV parser cannot read and goes on with the next', async () => {
    const rows = await readAll([TAGS, 'A-1,2025-01-02,NGA,Riots', 'A-2,2025-01-02,N"GA,Riots', 'A-3,2025-01-04,GHA,Riots'].join('\n'));
    expect(rows.filter((r) => !r.unreadable).map((r) => r.values.externalId)).toEqual(['A-1', 'A-3']);
    expect(rows.find((r) => r.unreadable)).toMatchObject({ line: 3, unreadable: expect.stringMatching(/cannot be read/) });
  });

  it("gives every actor column of a row, and undoes the export's formula escaping", async () => {
    const rows = await readAll(
      ['#meta+id,#date,#country+code,#event+type,#actor+name,#actor+name,#description', "A-1,2025-01-02,NGA,Riots,Group A,,'=SUM(1)"].join('\n'),
    );
    expect(rows[0].values.actors).toEqual(['Group A', '']);
    expect(rows[0].values.notes).toBe('=SUM(1)');
  });
});
