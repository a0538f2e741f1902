// A training session's workflow in one place: which step may follow which status. The mutations
// ask here; nothing else decides whether a transition is allowed.
import { conflict } from '../../../platform/errors';
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
const TRANSITIONS: Record<TrainingStatus, Partial<Record<SessionStep, TrainingStatus>>> = {
  [TrainingStatus.PLANNED]: { [SessionStep.UPDATE]: TrainingStatus.PLANNED, [SessionStep.COMPLETE]: TrainingStatus.COMPLETED, [SessionStep.CANCEL]: TrainingStatus.CANCELLED },
  [TrainingStatus.COMPLETED]: { [SessionStep.UPDATE]: TrainingStatus.COMPLETED },
  [TrainingStatus.CANCELLED]: {},
};

/**
 * The status `step` takes the session to. A step its status does not allow is CONFLICT, as a stale
 * version is: the request is well formed but the session is not where the caller thinks it is.
 */
export function nextSessionStatus(session: { id: string; status: TrainingStatus }, step: SessionStep): TrainingStatus {
  const next = TRANSITIONS[session.status][step];
  if (next) return next;
  const allowed = Object.keys(TRANSITIONS[session.status]).map((s) => STEP_NAMES[s as SessionStep]);
  throw conflict(
    `training session ${session.id} is ${session.status} and cannot be ${STEP_NAMES[step]}; ${allowed.length ? `it can be ${allowed.join(', ')}` : 'no further step is possible'}`,
  );
}
