// The event typology incidents are counted by: ACLED's six event types and their sub-event types,
// as codes, with ACLED's own labels. The one home of the typology and of the mapping from the free
// text partners write to codes: reportIncident, the importer, the GraphQL enums and the migration
// that maps stored incidents (migrations/1796350000000-EventTypeCodes.ts) all read it from here.
// Source: ACLED (Armed Conflict Location & Event Data), "ACLED Codebook", section "Event types and
// sub-event types" (acleddata.com/knowledge-base/codebook), the 6 event types and 25 sub-event types.

export interface EventTypeDefinition {
  code: string;
  /** ACLED's label, as it writes it in its data. */
  label: string;
  /** Other ways partners write it (singulars, halves); matched as the label is. */
  aliases: readonly string[];
  subTypes: readonly { code: string; label: string; aliases?: readonly string[] }[];
}

export const EVENT_TYPOLOGY_SOURCE = 'ACLED Codebook: event types and sub-event types (acleddata.com)';

export const EVENT_TYPES: readonly EventTypeDefinition[] = [
  {
    code: 'BATTLES',
    label: 'Battles',
    aliases: ['battle'],
    subTypes: [
      { code: 'ARMED_CLASH', label: 'Armed clash', aliases: ['armed clashes'] },
      { code: 'GOVERNMENT_REGAINS_TERRITORY', label: 'Government regains territory' },
      { code: 'NON_STATE_ACTOR_OVERTAKES_TERRITORY', label: 'Non-state actor overtakes territory' },
    ],
  },
  {
    code: 'VIOLENCE_AGAINST_CIVILIANS',
    label: 'Violence against civilians',
    aliases: [],
    subTypes: [
      { code: 'SEXUAL_VIOLENCE', label: 'Sexual violence' },
      { code: 'ATTACK', label: 'Attack' },
      { code: 'ABDUCTION_FORCED_DISAPPEARANCE', label: 'Abduction/forced disappearance' },
    ],
  },
  {
    code: 'EXPLOSIONS_REMOTE_VIOLENCE',
    label: 'Explosions/Remote violence',
    aliases: ['explosions', 'explosion', 'remote violence'],
    subTypes: [
      { code: 'CHEMICAL_WEAPON', label: 'Chemical weapon' },
      { code: 'AIR_DRONE_STRIKE', label: 'Air/drone strike' },
      { code: 'SUICIDE_BOMB', label: 'Suicide bomb' },
      { code: 'SHELLING_ARTILLERY_MISSILE_ATTACK', label: 'Shelling/artillery/missile attack' },
      { code: 'REMOTE_EXPLOSIVE_LANDMINE_IED', label: 'Remote explosive/landmine/IED' },
      { code: 'GRENADE', label: 'Grenade' },
    ],
  },
  {
    code: 'RIOTS',
    label: 'Riots',
    aliases: ['riot'],
    subTypes: [
      { code: 'VIOLENT_DEMONSTRATION', label: 'Violent demonstration' },
      { code: 'MOB_VIOLENCE', label: 'Mob violence' },
    ],
  },
  {
    code: 'PROTESTS',
    label: 'Protests',
    aliases: ['protest'],
    subTypes: [
      { code: 'PEACEFUL_PROTEST', label: 'Peaceful protest' },
      { code: 'PROTEST_WITH_INTERVENTION', label: 'Protest with intervention' },
      { code: 'EXCESSIVE_FORCE_AGAINST_PROTESTERS', label: 'Excessive force against protesters' },
    ],
  },
  {
    code: 'STRATEGIC_DEVELOPMENTS',
    label: 'Strategic developments',
    aliases: ['strategic development'],
    subTypes: [
      { code: 'AGREEMENT', label: 'Agreement' },
      { code: 'ARRESTS', label: 'Arrests' },
      { code: 'CHANGE_TO_GROUP_ACTIVITY', label: 'Change to group/activity' },
      { code: 'DISRUPTED_WEAPONS_USE', label: 'Disrupted weapons use' },
      { code: 'HEADQUARTERS_OR_BASE_ESTABLISHED', label: 'Headquarters or base established' },
      { code: 'LOOTING_PROPERTY_DESTRUCTION', label: 'Looting/property destruction' },
      { code: 'NON_VIOLENT_TRANSFER_OF_TERRITORY', label: 'Non-violent transfer of territory' },
      { code: 'OTHER', label: 'Other' },
    ],
  },
];

/**
 * The key free text is matched on: lower case, without spaces or underscores, so "Protests",
 * " protests", "Armed  clash" and "ARMED_CLASH" find their codes. The migration's SQL applies
 * the same normalisation (NORMALISE_SQL); keep the two in step.
 */
export function eventTypeKey(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, '');
}

/** eventTypeKey() in PostgreSQL, applied to the column or expression `sql`. */
export const normaliseSql = (sql: string): string => `lower(regexp_replace(${sql}, '[[:space:]_]+', '', 'g'))`;

export interface EventTypeMatch {
  type: string;
  /** Set when the text names a sub-event type ("armed clash" is a battle, and an armed clash). */
  subType: string | null;
}

/** Every key the mapping knows, with what it maps to: type labels, codes and aliases, then sub-type
 * labels and codes ("Other" alone names no type: it is a sub-type only of strategic developments). */
export const EVENT_TYPE_KEYS: ReadonlyMap<string, EventTypeMatch> = (() => {
  const keys = new Map<string, EventTypeMatch>();
  for (const type of EVENT_TYPES) {
    for (const text of [type.code, type.label, ...type.aliases]) keys.set(eventTypeKey(text), { type: type.code, subType: null });
  }
  for (const type of EVENT_TYPES) {
    for (const sub of type.subTypes) {
      if (sub.code === 'OTHER') continue;
      // A sub-type never shadows a type's own name.
      for (const text of [sub.code, sub.label, ...(sub.aliases ?? [])])
        if (!keys.has(eventTypeKey(text))) keys.set(eventTypeKey(text), { type: type.code, subType: sub.code });
    }
  }
  return keys;
})();

/** Each type's sub-type keys, for the sub-event type column, which is read within its type. */
const SUB_KEYS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  EVENT_TYPES.map((type) => [
    type.code,
    new Map(type.subTypes.flatMap((sub) => [sub.code, sub.label, ...(sub.aliases ?? [])].map((text) => [eventTypeKey(text), sub.code] as const))),
  ]),
);

/** Every (type, key, sub-type) the sub-event type column maps, for the migration's SQL. */
export const SUB_EVENT_TYPE_KEYS: readonly { type: string; key: string; subType: string }[] = [...SUB_KEYS].flatMap(([type, keys]) =>
  [...keys].map(([key, subType]) => ({ type, key, subType })),
);

const TYPE_BY_CODE = new Map(EVENT_TYPES.map((type) => [type.code, type]));
const TYPE_OF_SUB = new Map(EVENT_TYPES.flatMap((type) => type.subTypes.map((sub) => [sub.code, type.code] as const)));
const SUB_LABEL = new Map(EVENT_TYPES.flatMap((type) => type.subTypes.map((sub) => [sub.code, sub.label] as const)));

/** The event type (and sub-type) free text names, or null when it names none. */
export function eventTypeOf(text: string | null | undefined): EventTypeMatch | null {
  if (!text) return null;
  return EVENT_TYPE_KEYS.get(eventTypeKey(text)) ?? null;
}

/** The sub-event type free text names, of event type `type` only; null otherwise. */
export function subEventTypeOf(text: string | null | undefined, type: string | null): string | null {
  if (!text || !type) return null;
  return SUB_KEYS.get(type)?.get(eventTypeKey(text)) ?? null;
}

export const eventTypeLabel = (code: string): string | undefined => TYPE_BY_CODE.get(code)?.label;
export const subEventTypeLabel = (code: string): string | undefined => SUB_LABEL.get(code);
/** The event type a sub-event type belongs to. */
export const typeOfSubEventType = (code: string): string | undefined => TYPE_OF_SUB.get(code);
