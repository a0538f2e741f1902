// The alert workflow in one place: which step may follow which status, and who may read what a
// step creates. The mutations ask here; the kernel's workflow helper checks a step against the table.
import { Classification, type Ownership } from '../../kernel/policy/ownership';
import { workflow, type TransitionTable } from '../../kernel/write/workflow';
import { AlertStatus } from '../entities/alert.entity';

export enum AlertStep {
  EDIT = 'EDIT',
  ISSUE = 'ISSUE',
  ESCALATE_TO_SECRETARY_GENERAL = 'ESCALATE_TO_SECRETARY_GENERAL',
  ESCALATE_TO_SECURITY_COUNCIL = 'ESCALATE_TO_SECURITY_COUNCIL',
  CLOSE = 'CLOSE',
  CORRECT = 'CORRECT',
}

// The steps as refusals name them, in the Office's words: it alerts the Secretary-General and, through
// him, the Security Council (the step names in code keep the API's ESCALATE_* for compatibility).
const STEP_NAMES: Record<AlertStep, string> = {
  [AlertStep.EDIT]: 'edited',
  [AlertStep.ISSUE]: 'issued',
  [AlertStep.ESCALATE_TO_SECRETARY_GENERAL]: 'brought to the Secretary-General',
  [AlertStep.ESCALATE_TO_SECURITY_COUNCIL]: 'brought, through the Secretary-General, to the Security Council',
  [AlertStep.CLOSE]: 'closed',
  [AlertStep.CORRECT]: 'corrected',
};

/**
 * Status → allowed step → the status it leads to. Only a draft is edited: an issued alert is
 * corrected by a new version that supersedes it. The Security Council is reached through the
 * Secretary-General, never directly. CLOSED and SUPERSEDED are final.
 */
const TRANSITIONS: TransitionTable<AlertStatus, AlertStep> = {
  [AlertStatus.DRAFT]: { [AlertStep.EDIT]: AlertStatus.DRAFT, [AlertStep.ISSUE]: AlertStatus.ISSUED, [AlertStep.CLOSE]: AlertStatus.CLOSED },
  [AlertStatus.ISSUED]: {
    [AlertStep.ESCALATE_TO_SECRETARY_GENERAL]: AlertStatus.ESCALATED_TO_SECRETARY_GENERAL,
    [AlertStep.CLOSE]: AlertStatus.CLOSED,
    [AlertStep.CORRECT]: AlertStatus.SUPERSEDED,
  },
  [AlertStatus.ESCALATED_TO_SECRETARY_GENERAL]: {
    [AlertStep.ESCALATE_TO_SECURITY_COUNCIL]: AlertStatus.ESCALATED_TO_SECURITY_COUNCIL,
    [AlertStep.CLOSE]: AlertStatus.CLOSED,
    [AlertStep.CORRECT]: AlertStatus.SUPERSEDED,
  },
  [AlertStatus.ESCALATED_TO_SECURITY_COUNCIL]: { [AlertStep.CLOSE]: AlertStatus.CLOSED, [AlertStep.CORRECT]: AlertStatus.SUPERSEDED },
  [AlertStatus.CLOSED]: {},
  [AlertStatus.SUPERSEDED]: {},
};

/** The status `step` takes the alert to; a step its status does not allow is CONFLICT (kernel/write/workflow.ts). */
export const nextStatus = workflow<AlertStatus, AlertStep>('alert', STEP_NAMES, TRANSITIONS);

/** Statuses in which recipients acknowledge an alert: it has been sent and not replaced. */
export const ACKNOWLEDGEABLE: ReadonlySet<AlertStatus> = new Set([
  AlertStatus.ISSUED,
  AlertStatus.ESCALATED_TO_SECRETARY_GENERAL,
  AlertStatus.ESCALATED_TO_SECURITY_COUNCIL,
  AlertStatus.CLOSED,
]);

/**
 * Issuing sends an AMBER or AMBER_STRICT alert to its recipient organisations, so they are added
 * to sharedWith then (a draft stays inside its organisation until it is issued). CLEAR and GREEN
 * already reach them; a RED alert reaches only the users it names.
 */
export function sharedWithOnIssue(alert: {
  ownerOrg: string;
  classification: Classification;
  sharedWith: string[];
  recipientOrgs: string[];
}): string[] {
  if (alert.classification !== Classification.AMBER && alert.classification !== Classification.AMBER_STRICT) return alert.sharedWith;
  return [...new Set([...alert.sharedWith, ...alert.recipientOrgs])].filter((org) => org !== alert.ownerOrg);
}

/**
 * An acknowledgement reveals that the alert exists and reached the recipient, so it is classified
 * no lower and shared no wider than the alert; the alert's owner is among its readers. The
 * recipient owns it: it is the recipient's statement.
 */
export function acknowledgementOwnership(
  alert: { ownerOrg: string; classification: Classification; sharedWith?: string[]; sharedWithUsers?: string[] },
  org: string,
): Ownership {
  const amber = alert.classification === Classification.AMBER || alert.classification === Classification.AMBER_STRICT;
  return {
    ownerOrg: org,
    classification: alert.classification === Classification.CLEAR ? Classification.GREEN : alert.classification,
    sharedWith: amber ? [...new Set([alert.ownerOrg, ...(alert.sharedWith ?? [])])].filter((code) => code !== org) : [],
    sharedWithUsers: alert.sharedWithUsers,
  };
}
