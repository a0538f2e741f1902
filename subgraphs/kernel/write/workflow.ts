// A record's workflow as a table: status → allowed step → the status it leads to. Each subgraph
// writes its table (alerts/rules/alert.workflow.ts, training/rules/training-session.workflow.ts);
// this helper is the one place a step is checked against it and a refused step is reported.
import { conflict } from '../../../platform/errors';

export type TransitionTable<Status extends string, Step extends string> = Record<Status, Partial<Record<Step, Status>>>;

/**
 * The function that answers the status `step` takes a record of `kind` to. A step its status
 * does not allow is CONFLICT, as a stale version is: the request is well formed but the record is
 * no longer (or not yet) where the caller thinks it is; the message says what is allowed now.
 */
export function workflow<Status extends string, Step extends string>(
  kind: string,
  stepNames: Record<Step, string>,
  transitions: TransitionTable<Status, Step>,
): (record: { id: string; status: Status }, step: Step) => Status {
  return (record, step) => {
    const next = transitions[record.status][step];
    if (next) return next;
    const allowed = (Object.keys(transitions[record.status]) as Step[]).map((s) => stepNames[s]);
    throw conflict(
      `${kind} ${record.id} is ${record.status} and cannot be ${stepNames[step]}; ${allowed.length ? `it can be ${allowed.join(', ')}` : 'no further step is possible'}`,
    );
  };
}
