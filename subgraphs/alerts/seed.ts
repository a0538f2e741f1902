// Seed data for the alerts subgraph: no reference data; illustrative data, loaded only when seeding
// is on: the alerts of data/alerts.ts with their status histories, acknowledgements and deadlines, citing the
// illustrative situations, and their assessments and incidents, by their shared ids.
// Idempotent: ids derive from natural keys and rows already present are left alone.
import type { DataSource } from 'typeorm';
import { ownership, type Ownership } from '../kernel/policy/ownership';
import { illustrativeAssessmentId, illustrativeIncidentId, illustrativeSituationId } from '../kernel/reference/illustrative-situations';
import { insertMissing, stableId } from '../kernel/db/seeding';
import { ILLUSTRATIVE_ALERTS, exerciseNote, type IllustrativeAlert } from './data/alerts';
import { ILLUSTRATIVE_EVIDENCE } from './data/recommendations';
import { Acknowledgement } from './entities/acknowledgement.entity';
import { AcknowledgementDue } from './entities/acknowledgement-due.entity';
import { ackDeadlines } from './rules/acknowledgement.deadlines';
import { Alert, AlertStatus } from './entities/alert.entity';
import { AlertStatusChange } from './entities/alert-status-change.entity';
import { acknowledgementOwnership } from './rules/alert.workflow';

const alertId = (key: string) => stableId('illustrative-alert', key);

function alertOwnership(alert: IllustrativeAlert): Ownership {
  return { ownerOrg: alert.ownerOrg, classification: alert.classification, sharedWith: alert.sharedWith, sharedWithUsers: alert.sharedWithUsers };
}

/** What the alert recommends and cites (data/recommendations.ts): only its own situation's assessments and incidents. */
function evidenceOf(alert: IllustrativeAlert): Pick<Alert, 'recommendations' | 'citedAssessmentIds' | 'citedIncidentIds'> {
  const evidence = ILLUSTRATIVE_EVIDENCE[alert.key];
  return {
    recommendations: (evidence?.recommendations ?? []).map((r) => ({ ...r, addresseeCode: r.addresseeCode ?? null })),
    citedAssessmentIds: (evidence?.assessments ?? []).map((on) => illustrativeAssessmentId(alert.situation, on)),
    citedIncidentIds: (evidence?.incidents ?? []).map(([place, n]) => illustrativeIncidentId(alert.situation, place, n)),
  };
}

// The seed is hand-written: catch a history or acknowledgement that the workflow could not produce.
function checkConsistent(alert: IllustrativeAlert): void {
  const fail = (problem: string) => {
    throw new Error(`seed alert ${alert.key}: ${problem}`);
  };
  if (alert.history[0]?.to !== AlertStatus.DRAFT) fail('its history must start with DRAFT');
  alert.history.forEach((step, i) => {
    if (i > 0 && step.at < alert.history[i - 1].at) fail(`status ${step.to} is dated before the step it follows`);
  });
  for (const ack of alert.acknowledgements) {
    if (!alert.recipientOrgs.includes(ack.org)) fail(`${ack.org} acknowledges it but is not among its recipients`);
  }
  if (alert.supersedes && !ILLUSTRATIVE_ALERTS.some((other) => other.key === alert.supersedes))
    fail(`it supersedes unknown alert ${alert.supersedes}`);
}

/** Alerts are the Office's own work product: none of them is reference data. */
export async function seedReference(): Promise<void> {}

export async function seedIllustrative(db: DataSource): Promise<void> {
  ILLUSTRATIVE_ALERTS.forEach(checkConsistent);
  for (const key of Object.keys(ILLUSTRATIVE_EVIDENCE))
    if (!ILLUSTRATIVE_ALERTS.some((a) => a.key === key)) throw new Error(`seed evidence for unknown alert ${key}`);
  await db.transaction(async (manager) => {
    await insertMissing(
      manager,
      Alert,
      ILLUSTRATIVE_ALERTS.map((a) => {
        const issued = a.history.find((step) => step.to === AlertStatus.ISSUED);
        return {
          id: alertId(a.key),
          type: a.type,
          level: a.level,
          status: a.history[a.history.length - 1].to,
          title: a.title,
          body: a.body,
          recipients: a.recipients,
          recipientOrgs: a.recipientOrgs,
          crimes: a.crimes,
          incitement: a.incitement ?? [],
          citedRiskFactors: a.citedRiskFactors,
          frameworkVersion: '2014',
          situationId: illustrativeSituationId(a.situation),
          ...evidenceOf(a),
          countryIso3: a.countryIso3,
          issuedAt: issued ? new Date(issued.at) : null,
          supersedesId: a.supersedes ? alertId(a.supersedes) : null,
          illustrative: true,
          createdAt: new Date(a.history[0].at),
          updatedAt: new Date(a.history[a.history.length - 1].at),
          ...ownership(alertOwnership(a)),
        };
      }),
    );
    await insertMissing(
      manager,
      AlertStatusChange,
      ILLUSTRATIVE_ALERTS.flatMap((a) =>
        a.history.map((step, i) => ({
          id: stableId('illustrative-alert-status', a.key, i),
          alertId: alertId(a.key),
          fromStatus: i === 0 ? null : a.history[i - 1].to,
          toStatus: step.to,
          changedBy: step.by,
          changedByOrg: a.ownerOrg,
          changedAt: new Date(step.at),
          note: exerciseNote(step.note),
          createdAt: new Date(step.at),
          updatedAt: new Date(step.at),
          ...ownership(alertOwnership(a)),
        })),
      ),
    );
    await insertMissing(
      manager,
      Acknowledgement,
      ILLUSTRATIVE_ALERTS.flatMap((a) =>
        a.acknowledgements.map((ack) => ({
          id: stableId('illustrative-acknowledgement', a.key, ack.org),
          alertId: alertId(a.key),
          org: ack.org,
          acknowledgedBy: ack.by,
          acknowledgedAt: new Date(ack.at),
          note: exerciseNote(ack.note),
          createdAt: new Date(ack.at),
          updatedAt: new Date(ack.at),
          ...ownership(acknowledgementOwnership(a, ack.org)),
        })),
      ),
    );
    // As the deadlines migration does for alerts issued before the hub kept deadlines: a deadline
    // already past is settled without a reminder, so a fresh hub does not start by reminding
    // partners of the illustrative alerts.
    const deadlines = ackDeadlines();
    const now = new Date();
    await insertMissing(
      manager,
      AcknowledgementDue,
      ILLUSTRATIVE_ALERTS.flatMap((a) => {
        const issued = a.history.find((step) => step.to === AlertStatus.ISSUED);
        if (!issued) return [];
        const addressedAt = new Date(issued.at);
        const dueAt = new Date(addressedAt.getTime() + deadlines[a.level]);
        return [...new Set(a.recipientOrgs)].map((org) => ({
          alertId: alertId(a.key),
          org,
          addressedAt,
          dueAt,
          remindedAt: dueAt <= now ? now : null,
        }));
      }),
    );
  });
}
