// Which modules a training session teaches. Not exposed in the schema: it is read only through
// TrainingSession.modules, and carries the session's own ownership so no row is unowned.
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { TrainingModule } from './training-module.entity';
import { TrainingSession } from './training-session.entity';

@Entity({ name: 'session_module' })
@Index(['moduleId'])
export class SessionModule extends OwnedRecord {
  @PrimaryColumn({ type: 'uuid', name: 'session_id' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid', name: 'module_id' })
  moduleId: string;

  @ManyToOne(() => TrainingSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session: TrainingSession;

  // A module still taught by a session cannot be deleted: the session's record would lose it silently.
  @ManyToOne(() => TrainingModule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'module_id' })
  module: TrainingModule;
}
