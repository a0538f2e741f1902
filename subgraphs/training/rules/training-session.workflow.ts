// A training session's workflow in one place: which step may follow which status. The mutations
// ask here; the kernel's workflow helper checks a step against the table.
import { workflow, type TransitionTable } from '../../kernel/write/workflow';
import { TrainingStatus } from '../entities/training-session.entity';

export enum SessionStep {
  UPDATE = 'UPDATE',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
}

const STEP_NAMES: Record<SessionStep, string> = {
  [SessionStep.UPDATE]: 'updated',
  [SessionStep.COMPLETE]: 'completed',
  [SessionStep.CANCEL]: 'cancelled',
};

/**
 * Status → allowed step → the status it leads to. A planned session is completed or cancelled; a
 * completed one can still have its record corrected; a cancelled one is final.
 */
const TRANSITIONS: TransitionTable<TrainingStatus, SessionStep> = {
  [TrainingStatus.PLANNED]: {
    [SessionStep.UPDATE]: TrainingStatus.PLANNED,
    [SessionStep.COMPLETE]: TrainingStatus.COMPLETED,
    [SessionStep.CANCEL]: TrainingStatus.CANCELLED,
  },
  [TrainingStatus.COMPLETED]: { [SessionStep.UPDATE]: TrainingStatus.COMPLETED },
  [TrainingStatus.CANCELLED]: {},
};

/** The status `step` takes the session to; a step its status does not allow is CONFLICT (kernel/write/workflow.ts). */
export const nextSessionStatus = workflow<TrainingStatus, SessionStep>('training session', STEP_NAMES, TRANSITIONS);
