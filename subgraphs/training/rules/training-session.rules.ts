// The rules a training session's content must meet before it is stored, and the links to the
// modules it teaches, which carry the session's own sharing and are audited as the session is.
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from 'typeorm';
import { restrictToVisible } from '../../kernel/read/policed-query';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import type { Viewer } from '../../../platform/identity';
import { ownership } from '../../kernel/policy/ownership';
import { countryCode, dateRange } from '../../kernel/write/validation';
import { type InputProblems, type MutationScope } from '../../kernel/write/writing';
import { checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { TrainingModule } from '../entities/training-module.entity';
import { SessionModule } from '../entities/session-module.entity';
import type { SessionDatePrecision, TrainingAudience, TrainingSession } from '../entities/training-session.entity';

/** Everything an author writes in a session: what planTrainingSession takes and updateTrainingSession changes. */
export interface SessionContent extends Sharing {
  title: string;
  startDate: string;
  startDatePrecision: SessionDatePrecision;
  endDate: string | null;
  city: string | null;
  countryIso3: string | null;
  organiserOrgs: string[];
  organiserNames: string[];
  audience: TrainingAudience;
  audienceDescription: string | null;
  source: string | null;
}

export const SESSION_FIELDS: readonly (keyof SessionContent)[] = [
  'title',
  'startDate',
  'startDatePrecision',
  'endDate',
  'city',
  'countryIso3',
  'organiserOrgs',
  'organiserNames',
  'audience',
  'audienceDescription',
  'source',
];

export const CLEARABLE_SESSION_FIELDS: readonly (keyof SessionContent)[] = ['endDate', 'city', 'countryIso3', 'audienceDescription', 'source'];

export function sessionContentOf(session: TrainingSession): SessionContent {
  const fields = [...SESSION_FIELDS, 'classification', 'sharedWith', 'sharedWithUsers'] as const;
  return Object.fromEntries(fields.map((field) => [field, session[field]])) as unknown as SessionContent;
}

/** Normalises `content` (the owner is always among the organisers) and notes what is wrong with it. */
export function checkSession(problems: InputProblems, content: SessionContent, ownerOrg: string): SessionContent {
  const countryIso3 =
    content.countryIso3 === null ? null : (problems.check(() => countryCode(content.countryIso3!, 'countryIso3')) ?? content.countryIso3);
  problems.check(() => dateRange(content.startDate, content.endDate, 'endDate'));
  checkSharing(problems, content);
  return { ...content, countryIso3, organiserOrgs: [...new Set([ownerOrg, ...content.organiserOrgs])] };
}

/** The modules `codes` name, in that order, as the viewer may read them; unknown codes are noted. */
export async function modulesFor(manager: EntityManager, viewer: Viewer, problems: InputProblems, codes: string[]): Promise<TrainingModule[]> {
  if (codes.length === 0) return [];
  const found = await restrictToVisible(
    manager.getRepository(TrainingModule).createQueryBuilder('m').where('m.code IN (:...codes)', { codes }),
    viewer,
    'm',
  ).getMany();
  const byCode = new Map(found.map((m) => [m.code, m]));
  const unknown = codes.filter((code) => !byCode.has(code));
  if (unknown.length > 0) problems.add('moduleCodes', `moduleCodes: unknown ${unknown.length === 1 ? 'module' : 'modules'} ${unknown.join(', ')}`);
  return codes.flatMap((code) => byCode.get(code) ?? []);
}

const linkId = (link: { sessionId: string; moduleId: string }) => `${link.sessionId}/${link.moduleId}`;

/**
 * Makes the session's module links those of `modules` (undefined: keep the ones it has) and gives
 * every link the session's sharing, so a module list is read by exactly whoever reads the session.
 */
export async function syncModules(tx: MutationScope, session: TrainingSession, modules?: TrainingModule[]): Promise<void> {
  const existing = await tx.manager.findBy(SessionModule, { sessionId: session.id });
  const wanted = new Set((modules ?? []).map((m) => m.id));
  const sharing = ownership(session);
  for (const link of existing) {
    if (modules && !wanted.has(link.moduleId)) {
      await tx.manager.delete(SessionModule, { sessionId: link.sessionId, moduleId: link.moduleId });
      await tx.ctx.audit.change(tx.manager, AuditAction.DELETE, 'SessionModule', linkId(link), link);
    } else if (
      link.classification !== sharing.classification ||
      !isDeepStrictEqual(link.sharedWith, sharing.sharedWith) ||
      !isDeepStrictEqual(link.sharedWithUsers, sharing.sharedWithUsers)
    ) {
      await tx.manager.update(
        SessionModule,
        { sessionId: link.sessionId, moduleId: link.moduleId },
        { classification: sharing.classification, sharedWith: sharing.sharedWith, sharedWithUsers: sharing.sharedWithUsers },
      );
      await tx.ctx.audit.change(tx.manager, AuditAction.UPDATE, 'SessionModule', linkId(link), {
        ownerOrg: session.ownerOrg,
        classification: sharing.classification,
      });
    }
  }
  const linked = new Set(existing.map((l) => l.moduleId));
  for (const module of modules ?? []) {
    if (linked.has(module.id)) continue;
    const link = { sessionId: session.id, moduleId: module.id, ...sharing };
    await tx.manager.insert(SessionModule, link);
    await tx.ctx.audit.change(tx.manager, AuditAction.CREATE, 'SessionModule', linkId(link), link);
  }
}
