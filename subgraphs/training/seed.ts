// Seed data for the training subgraph. Reference data, loaded on every start: the modules of
// data/modules.ts, the sessions of data/sessions.ts the Office's record holds, with their modules,
// and the reported totals of data/reported-totals.ts. Illustrative data, loaded only when seeding is
// on: the sessions of data/sessions.ts marked illustrative (never held or planned).
// Idempotent: ids derive from natural keys and rows already present are left alone.
import type { DataSource, EntityManager } from 'typeorm';
import { Classification, ownership } from '../kernel/policy/ownership';
import { insertMissing, stableId } from '../kernel/db/seeding';
import { MODULES } from './data/modules';
import { REPORTED_TOTALS } from './data/reported-totals';
import { SESSIONS, type SessionRecord } from './data/sessions';
import { TrainingModule } from './entities/training-module.entity';
import { ReportedTrainingTotal } from './entities/reported-training-total.entity';
import { SessionModule } from './entities/session-module.entity';
import { TrainingSession } from './entities/training-session.entity';

const REFERENCE = ownership({ ownerOrg: 'UN-JO', classification: Classification.CLEAR });

const moduleId = (code: string) => stableId('training-module', code);
const sessionId = (key: string) => stableId('training-session', key);

function checkModules(sessions: readonly SessionRecord[]): void {
  const moduleCodes = new Set(MODULES.map((m) => m.code));
  for (const session of sessions) {
    const unknown = session.modules.filter((code) => !moduleCodes.has(code));
    if (unknown.length) throw new Error(`training seed: session ${session.key} cites unknown modules ${unknown.join(', ')}`);
  }
}

async function insertSessions(manager: EntityManager, sessions: readonly SessionRecord[]): Promise<void> {
  await insertMissing(
    manager,
    TrainingSession,
    // The Office's record states who organised each session: every organiser it names is credited.
    sessions.map(({ key, modules: _modules, ownership: owned, ...session }) => ({
      id: sessionId(key),
      ...session,
      confirmedOrganiserOrgs: session.organiserOrgs,
      ...ownership(owned),
    })),
  );
  await insertMissing(
    manager,
    SessionModule,
    sessions.flatMap((session) =>
      session.modules.map((code) => ({ sessionId: sessionId(session.key), moduleId: moduleId(code), ...ownership(session.ownership) })),
    ),
  );
}

export async function seedReference(db: DataSource): Promise<void> {
  const recorded = SESSIONS.filter((session) => !session.illustrative);
  checkModules(recorded);
  await db.transaction(async (manager) => {
    await insertMissing(
      manager,
      TrainingModule,
      MODULES.map((m) => ({ id: moduleId(m.code), ...m, ...REFERENCE })),
    );
    await insertSessions(manager, recorded);
    await insertMissing(
      manager,
      ReportedTrainingTotal,
      REPORTED_TOTALS.map((t) => ({ id: stableId('reported-training-total', REFERENCE.ownerOrg, t.periodFrom, t.periodTo), ...t, ...REFERENCE })),
    );
  });
}

/** Runs after seedReference: the illustrative sessions cite its modules. */
export async function seedIllustrative(db: DataSource): Promise<void> {
  const illustrative = SESSIONS.filter((session) => session.illustrative);
  checkModules(illustrative);
  await db.transaction((manager) => insertSessions(manager, illustrative));
}
