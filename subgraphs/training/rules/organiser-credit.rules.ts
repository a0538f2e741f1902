// Who is credited with a training session. The owner names its co-organisers, but naming one must
// not add to that organisation's totals by itself: a co-organiser is credited only once it has
// confirmed (confirmTrainingCoOrganiser). The owner's own organisation always is.
import type { TrainingSession } from '../entities/training-session.entity';

/** The organisations credited with `session`: its owner, if an organiser, and the co-organisers that confirmed. */
export function creditedOrganisers(session: Pick<TrainingSession, 'ownerOrg' | 'organiserOrgs' | 'confirmedOrganiserOrgs'>): string[] {
  return session.organiserOrgs.filter((code) => code === session.ownerOrg || session.confirmedOrganiserOrgs.includes(code));
}

/** The same rule in SQL: the session `alias` is credited to the organisation `code` (an SQL expression of type varchar). */
export function creditedTo(alias: string, code: string): string {
  return `(${code} = ANY(${alias}.organiser_orgs) AND (${code} = ${alias}.owner_org OR ${code} = ANY(${alias}.confirmed_organiser_orgs)))`;
}
