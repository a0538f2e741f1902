// HXL (Humanitarian Exchange Language) hashtags: finding the hashtag row under a file's header
// rows and deciding which incident field each column carries. See https://hxlstandard.org.
import { badInput } from '../../../platform/errors';
import { INCIDENT_FIELDS, type FieldSpec, type IncidentField } from './incident-fields';

/** The HXL standard allows up to this many header rows above the hashtag row. */
export const MAX_HEADER_ROWS = 24;

export interface Hashtag {
  tag: string;
  attributes: ReadonlySet<string>;
  /** As written in the file, for messages. */
  text: string;
}

/** "#Affected +Killed +MIN" → tag "affected", attributes {killed, min}; null for a cell that is no hashtag. */
export function parseHashtag(cell: string): Hashtag | null {
  const text = cell.trim();
  const match = /^#([a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)$/i.exec(text);
  if (!match) return null;
  const attributes = new Set(
    match[2]
      .split('+')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean),
  );
  return { tag: match[1].toLowerCase(), attributes, text };
}

/** A row is the hashtag row when most of its non-empty cells are hashtags. */
export function isHashtagRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  const tagged = filled.filter((c) => parseHashtag(c) !== null);
  return filled.length > 0 && tagged.length * 2 > filled.length;
}

interface Pattern {
  spec: FieldSpec;
  tag: string;
  requires: readonly string[];
}

const PATTERNS: readonly Pattern[] = INCIDENT_FIELDS.map((spec) => {
  const parsed = parseHashtag(spec.hashtag)!;
  return { spec, tag: parsed.tag, requires: [...parsed.attributes].filter((a) => !spec.optional.includes(a)) };
});

function matches(pattern: Pattern, hashtag: Hashtag): boolean {
  return (
    pattern.tag === hashtag.tag &&
    pattern.requires.every((a) => hashtag.attributes.has(a)) &&
    !pattern.spec.excludes.some((a) => hashtag.attributes.has(a))
  );
}

export interface ColumnMap {
  /** Column index of each single-valued field the file carries. */
  single: Map<IncidentField, number>;
  /** Column indexes of the actor columns, left to right. */
  actors: number[];
  /** The hashtag of each mapped column, for rejection reasons. */
  hashtags: Map<number, string>;
  /** Hashtags (or empty headers) the importer does not read. */
  ignored: string[];
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Maps the hashtag row's columns to incident fields. When several columns fit one field, the one
 * with the fewest extra attributes wins ("#date" over "#date+reported"); a tie is an error, since
 * guessing which date or which count the partner meant could store the wrong one.
 */
export function mapColumns(cells: readonly string[]): ColumnMap {
  const candidates = new Map<IncidentField, { index: number; extra: number }[]>();
  const map: ColumnMap = { single: new Map(), actors: [], hashtags: new Map(), ignored: [] };
  cells.forEach((cell, index) => {
    const hashtag = parseHashtag(cell);
    if (!hashtag) {
      if (cell.trim() !== '') map.ignored.push(cell.trim());
      return;
    }
    // The most specific pattern takes the column: "#event+type+sub" is the sub-type, not the type.
    const fitting = PATTERNS.filter((p) => matches(p, hashtag)).sort((a, b) => b.requires.length - a.requires.length);
    if (fitting.length === 0) {
      map.ignored.push(hashtag.text);
      return;
    }
    const pattern = fitting[0];
    map.hashtags.set(index, hashtag.text);
    if (pattern.spec.repeats) {
      map.actors.push(index);
      return;
    }
    const list = candidates.get(pattern.spec.field) ?? [];
    list.push({ index, extra: hashtag.attributes.size - pattern.requires.length });
    candidates.set(pattern.spec.field, list);
  });
  for (const [field, list] of candidates) {
    list.sort((a, b) => a.extra - b.extra);
    if (list.length > 1 && list[0].extra === list[1].extra) {
      const columns = list.filter((c) => c.extra === list[0].extra).map((c) => `${columnName(c.index)} (${cells[c.index].trim()})`);
      throw badInput(
        `The hashtag row has several columns for ${field}: ${columns.join(', ')}. Keep one, or add an attribute to tell them apart.`,
        field,
      );
    }
    map.single.set(field, list[0].index);
    for (const other of list.slice(1)) {
      map.hashtags.delete(other.index);
      map.ignored.push(cells[other.index].trim());
    }
  }
  const missing = INCIDENT_FIELDS.filter((s) => s.required && !map.single.has(s.field));
  if (missing.length > 0) {
    throw badInput(
      `The hashtag row has no column for ${missing.map((s) => `${s.hashtag} (${s.field})`).join(', ')}; every incident needs one.`,
      missing[0].field,
    );
  }
  return map;
}
