// What a workflow's next-status function answers for a step: the status it leads to, or the code
// and message of its refusal; and the table of allowed steps it amounts to, for the workflow tests.
type Next<Status, Step> = (record: { id: string; status: Status }, step: Step) => Status;

export type Outcome<Status> = Status | { code: unknown; message: string };

export function outcomeOf<Status, Step>(next: Next<Status, Step>, id: string, status: Status, step: Step): Outcome<Status> {
  try {
    return next({ id, status }, step);
  } catch (error) {
    const e = error as { extensions?: { code?: unknown }; message: string };
    return { code: e.extensions?.code, message: e.message };
  }
}

/** Status → allowed step → where it leads, as `next` answers it for every status and step. */
export function allowedTable<Status extends string, Step extends string>(
  next: Next<Status, Step>,
  statuses: Status[],
  steps: Step[],
): Record<string, Record<string, Status>> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      Object.fromEntries(
        steps.flatMap((step) => {
          const result = outcomeOf(next, 'x', status, step);
          return typeof result === 'string' ? [[step, result]] : [];
        }),
      ),
    ]),
  );
}
