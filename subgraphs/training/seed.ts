// Seed data for the training subgraph: the modules of data/modules.ts, the recorded and illustrative
// sessions of data/sessions.ts with their modules, and the reported totals of data/reported-totals.ts.
// Idempotent: ids derive from natural keys and rows already present are left alone.
import type { DataSource } from 'typeorm';
import { Classification, ownership } from '../kernel/ownership';
import { insertMissing, stableId } from '../kernel/seeding';
import { MODULES } from './data/modules';
import { REPORTED_TOTALS } from './data/reported-totals';
import { SESSIONS } from './data/sessions';
import { Module } from './entities/module.entity';
import { ReportedTrainingTotal } from './entities/reported-training-total.entity';
import { SessionModule } from './entities/session-module.entity';
import { TrainingSession } from './entities/training-session.entity';

const REFERENCE = ownership({ ownerOrg: 'UN-JO', classification: Classification.CLEAR });

const moduleId = (code: string) => stableId('training-module', code);
const sessionId = (key: string) => stableId('training-session', key);

export async function seedTraining(db: DataSource): Promise<void> {
  const moduleCodes = new Set(MODULES.map((m) => m.code));
  for (const session of SESSIONS) {
    const unknown = session.modules.filter((code) => !moduleCodes.has(code));
    if (unknown.length) throw new Error(`training seed: session ${session.key} cites unknown modules ${unknown.join(', ')}`);
  }

  await db.transaction(async (manager) => {
    await insertMissing(manager, Module, MODULES.map((m) => ({ id: moduleId(m.code), ...m, ...REFERENCE })));
    await insertMissing(
      manager,
      TrainingSession,
      SESSIONS.map(({ key, modules: _modules, ownership: owned, ...session }) => ({ id: sessionId(key), ...session, ...ownership(owned) })),
    );
    await insertMissing(
      manager,
      SessionModule,
      SESSIONS.flatMap((session) =>
        session.modules.map((code) => ({ sessionId: sessionId(session.key), moduleId: moduleId(code), ...ownership(session.ownership) })),
      ),
    );
    await insertMissing(
      manager,
      ReportedTrainingTotal,
      REPORTED_TOTALS.map((t) => ({ id: stableId('reported-training-total', REFERENCE.ownerOrg, t.periodFrom, t.periodTo), ...t, ...REFERENCE })),
    );
  });
}
