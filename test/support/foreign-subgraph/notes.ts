// The field notes an illustrative partner (ICGLR here) keeps in its own service, in memory. Each
// carries what the hub's sharing rule needs: an owner organisation, a TLP classification, the
// organisations an AMBER note is shared with and the users a RED note names. Illustrative data for
// the composition test, not observations of real events.

export type Classification = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED';

export interface FieldNote {
  id: string;
  /** What the note is about: a Country by its key, or a Situation by its key. */
  about: { type: 'Country'; iso3: string } | { type: 'Situation'; id: string };
  observedOn: string;
  text: string;
  ownerOrg: string;
  classification: Classification;
  sharedWith: string[];
  /** For RED: the user ids (the token's `sub`) it names as readers. */
  sharedWithUsers: string[];
}

/** The hub's id of the illustrative situation "great-lakes-kivu", as the hub's situations service answers it. */
export const KIVU_SITUATION_ID = 'fe92ab22-6730-50bd-b9d0-dc662234f883';

const note = (fields: Omit<FieldNote, 'sharedWith' | 'sharedWithUsers'> & Partial<FieldNote>): FieldNote => ({
  sharedWith: [],
  sharedWithUsers: [],
  ...fields,
});

export const FIELD_NOTES: readonly FieldNote[] = [
  note({
    id: 'note-cod-clear',
    about: { type: 'Country', iso3: 'COD' },
    observedOn: '2025-06-02',
    text: '[Illustrative] Market day in Goma passed without incident.',
    ownerOrg: 'ICGLR',
    classification: 'CLEAR',
  }),
  note({
    id: 'note-cod-green',
    about: { type: 'Country', iso3: 'COD' },
    observedOn: '2025-06-04',
    text: '[Illustrative] Community radio in Bukavu reports calm after the weekend.',
    ownerOrg: 'ICGLR',
    classification: 'GREEN',
  }),
  note({
    id: 'note-cod-amber',
    about: { type: 'Country', iso3: 'COD' },
    observedOn: '2025-06-06',
    text: '[Illustrative] Displaced families arriving at a camp near Rutshuru, numbers unconfirmed.',
    ownerOrg: 'ICGLR',
    classification: 'AMBER',
    sharedWith: ['AU'],
  }),
  note({
    id: 'note-cod-red',
    about: { type: 'Country', iso3: 'COD' },
    observedOn: '2025-06-08',
    text: '[Illustrative] A source asks to meet an analyst of the Office in person.',
    ownerOrg: 'ICGLR',
    classification: 'RED',
    sharedWithUsers: ['un-jo-analyst'],
  }),
  note({
    id: 'note-rwa-clear',
    about: { type: 'Country', iso3: 'RWA' },
    observedOn: '2025-05-20',
    text: '[Illustrative] Border crossing at Gisenyi open as usual.',
    ownerOrg: 'ICGLR',
    classification: 'CLEAR',
  }),
  note({
    id: 'note-kivu-amber',
    about: { type: 'Situation', id: KIVU_SITUATION_ID },
    observedOn: '2025-06-09',
    text: '[Illustrative] Leaflets naming an ethnic group seen in two villages.',
    ownerOrg: 'ICGLR',
    classification: 'AMBER',
    sharedWith: ['UN-JO'],
  }),
];
