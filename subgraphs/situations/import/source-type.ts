// Reads the free text partners write in a source-type column ("Radio", "ngo", "UN agency") as a
// SourceType; what it does not recognise is OTHER, so an unusual word never rejects an incident.
import { SourceType } from '../entities/source.entity';

// Checked in order; the first keyword found in the text decides.
const KEYWORDS: readonly [RegExp, SourceType][] = [
  [/social|twitter|facebook|telegram|whatsapp|tiktok|youtube|x\.com/, SourceType.SOCIAL_MEDIA],
  [/partner|early.?warning|mechanism|ecowarn|cews|cewarn|national committee|regional committee/, SourceType.PARTNER_MECHANISM],
  [/\bun\b|united nations|unhcr|ohchr|ocha|unicef|peacekeep/, SourceType.UN],
  [/gov|ministry|official|state|police|army|military/, SourceType.GOVERNMENT],
  [/\bngos?\b|civil.?society|\bcso\b|association|church|faith|human rights/, SourceType.NGO],
  [/academ|universit|research|think.?tank/, SourceType.ACADEMIC],
  [/media|news|press|radio|\btv\b|television|newspaper|journal/, SourceType.MEDIA],
  [/data.?set|acled|ucdp|gdelt/, SourceType.DATASET],
];

const NAMES: ReadonlyMap<string, SourceType> = new Map(Object.values(SourceType).map((t) => [t.replace(/_/g, ' ').toLowerCase(), t]));

export function sourceTypeOf(text: string | null): SourceType {
  if (!text) return SourceType.OTHER;
  const normalised = text.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  const exact = NAMES.get(normalised);
  if (exact) return exact;
  return KEYWORDS.find(([pattern]) => pattern.test(normalised))?.[1] ?? SourceType.OTHER;
}
