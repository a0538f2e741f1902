// The alert workflow's transition table, asked through the kernel's workflow helper
// (kernel/write/workflow.ts): every step each status allows, where it leads, and how the others
// are refused.
import 'reflect-metadata';
import { allowedTable, outcomeOf } from './workflow-outcomes';
import { AlertStatus } from '../../subgraphs/alerts/entities/alert.entity';
import { AlertStep, nextStatus } from '../../subgraphs/alerts/rules/alert.workflow';

const S = AlertStatus;
const EXPECTED: Record<AlertStatus, Partial<Record<AlertStep, AlertStatus>>> = {
  [S.DRAFT]: { [AlertStep.EDIT]: S.DRAFT, [AlertStep.ISSUE]: S.ISSUED, [AlertStep.CLOSE]: S.CLOSED },
  [S.ISSUED]: {
    [AlertStep.ESCALATE_TO_SECRETARY_GENERAL]: S.ESCALATED_TO_SECRETARY_GENERAL,
    [AlertStep.CLOSE]: S.CLOSED,
    [AlertStep.CORRECT]: S.SUPERSEDED,
  },
  [S.ESCALATED_TO_SECRETARY_GENERAL]: {
    [AlertStep.ESCALATE_TO_SECURITY_COUNCIL]: S.ESCALATED_TO_SECURITY_COUNCIL,
    [AlertStep.CLOSE]: S.CLOSED,
    [AlertStep.CORRECT]: S.SUPERSEDED,
  },
  [S.ESCALATED_TO_SECURITY_COUNCIL]: { [AlertStep.CLOSE]: S.CLOSED, [AlertStep.CORRECT]: S.SUPERSEDED },
  [S.CLOSED]: {},
  [S.SUPERSEDED]: {},
};

const outcome = (status: AlertStatus, step: AlertStep) => outcomeOf(nextStatus, 'a1', status, step);

describe('the alert transition table', () => {
  it('allows exactly the workflow: edit only drafts, the Security Council only through the Secretary-General, nothing after CLOSED or SUPERSEDED', () => {
    expect(allowedTable(nextStatus, Object.values(AlertStatus), Object.values(AlertStep))).toEqual(EXPECTED);
  });

  it('refuses every other step with CONFLICT saying what is allowed now', () => {
    expect(outcome(S.ISSUED, AlertStep.ESCALATE_TO_SECURITY_COUNCIL)).toEqual({
      code: 'CONFLICT',
      message:
        'alert a1 is ISSUED and cannot be brought, through the Secretary-General, to the Security Council; it can be brought to the Secretary-General, closed, corrected',
    });
    expect(outcome(S.DRAFT, AlertStep.CORRECT)).toEqual({
      code: 'CONFLICT',
      message: 'alert a1 is DRAFT and cannot be corrected; it can be edited, issued, closed',
    });
    expect(outcome(S.CLOSED, AlertStep.EDIT)).toEqual({
      code: 'CONFLICT',
      message: 'alert a1 is CLOSED and cannot be edited; no further step is possible',
    });
    expect(outcome(S.SUPERSEDED, AlertStep.CORRECT)).toEqual({
      code: 'CONFLICT',
      message: 'alert a1 is SUPERSEDED and cannot be corrected; no further step is possible',
    });
    for (const status of Object.values(AlertStatus)) {
      for (const step of Object.values(AlertStep)) {
        if (EXPECTED[status][step]) continue;
        expect(outcome(status, step)).toEqual(expect.objectContaining({ code: 'CONFLICT' }));
      }
    }
  });
});
