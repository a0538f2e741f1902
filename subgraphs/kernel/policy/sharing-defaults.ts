// An organisation's sharing defaults: the classification and sharedWith its new records get when a
// create leaves classification out. Its admins set them on its Partner record in the partners subgraph.
import type { SubgraphContext } from '../service/context';
import { Classification } from './ownership';
import { askPeer } from '../service/peer';
import type { SharingInput } from '../write/record-inputs';
import { type Sharing } from './no-write-down';

export interface SharingDefaults {
  classification: Classification;
  sharedWith: string[];
}

/** What an organisation that has set no defaults gets: the community (any member of the hub). */
export const HUB_SHARING_DEFAULTS: SharingDefaults = Object.freeze({ classification: Classification.GREEN, sharedWith: [] });

/** The sharing a new record gets: what the input says, and the defaults for what it leaves out. */
export function sharingOf(input: SharingInput, defaults: SharingDefaults): Sharing {
  if (input.classification)
    return { classification: input.classification, sharedWith: input.sharedWith ?? [], sharedWithUsers: input.sharedWithUsers ?? [] };
  return {
    classification: defaults.classification,
    sharedWith: input.sharedWith ?? defaults.sharedWith,
    sharedWithUsers: input.sharedWithUsers ?? [],
  };
}

// Partner.sharingDefaults answers only the organisation's own members, and the peer request
// carries the viewer's identity, so the defaults of another organisation are never read here.
const DEFAULTS = `query SharingDefaults($code: String!) { partner(code: $code) { sharingDefaults { classification sharedWith } } }`;

/**
 * The sharing of a new record created by the viewer's organisation in another subgraph than
 * partners. The partners subgraph is asked only when the input leaves classification out; call
 * it before the mutation's transaction opens (writing.ts runMutation says why).
 */
export async function newRecordSharing(ctx: SubgraphContext, input: SharingInput): Promise<Sharing> {
  if (input.classification) return sharingOf(input, HUB_SHARING_DEFAULTS);
  const answer = await askPeer<{ partner: { sharingDefaults: SharingDefaults | null } | null }>(ctx, 'partners', DEFAULTS, { code: ctx.viewer.org });
  return sharingOf(input, answer.partner?.sharingDefaults ?? HUB_SHARING_DEFAULTS);
}
