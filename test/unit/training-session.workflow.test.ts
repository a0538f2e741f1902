// The training session workflow's transition table, asked through the kernel's workflow helper
// (kernel/write/workflow.ts): every step each status allows, where it leads, and how the others
// are refused.
import 'reflect-metadata';
import { allowedTable, outcomeOf } from './workflow-outcomes';
import { TrainingStatus } from '../../subgraphs/training/entities/training-session.entity';
import { nextSessionStatus, SessionStep } from '../../subgraphs/training/rules/training-session.workflow';

const S = TrainingStatus;
const EXPECTED: Record<TrainingStatus, Partial<Record<SessionStep, TrainingStatus>>> = {
  [S.PLANNED]: { [SessionStep.UPDATE]: S.PLANNED, [SessionStep.COMPLETE]: S.COMPLETED, [SessionStep.CANCEL]: S.CANCELLED },
  [S.COMPLETED]: { [SessionStep.UPDATE]: S.COMPLETED },
  [S.CANCELLED]: {},
};

const outcome = (status: TrainingStatus, step: SessionStep) => outcomeOf(nextSessionStatus, 't1', status, step);

describe('the training session transition table', () => {
  it('allows exactly the workflow: a planned session is updated, completed or cancelled; a completed one only corrected; a cancelled one is final', () => {
    expect(allowedTable(nextSessionStatus, Object.values(TrainingStatus), Object.values(SessionStep))).toEqual(EXPECTED);
  });

  it('refuses every other step with CONFLICT saying what is allowed now', () => {
    expect(outcome(S.COMPLETED, SessionStep.CANCEL)).toEqual({
      code: 'CONFLICT',
      message: 'training session t1 is COMPLETED and cannot be cancelled; it can be updated',
    });
    expect(outcome(S.COMPLETED, SessionStep.COMPLETE)).toEqual({
      code: 'CONFLICT',
      message: 'training session t1 is COMPLETED and cannot be completed; it can be updated',
    });
    expect(outcome(S.CANCELLED, SessionStep.UPDATE)).toEqual({
      code: 'CONFLICT',
      message: 'training session t1 is CANCELLED and cannot be updated; no further step is possible',
    });
    expect(outcome(S.CANCELLED, SessionStep.COMPLETE)).toEqual({
      code: 'CONFLICT',
      message: 'training session t1 is CANCELLED and cannot be completed; no further step is possible',
    });
  });
});
