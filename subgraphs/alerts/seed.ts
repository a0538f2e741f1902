// Seed data for the alerts subgraph: no reference data; illustrative data, loaded only when seeding
// is on: the alerts of data/alerts.ts with their status histories and acknowledgements, citing the
// illustrative situations by their shared ids.
// Idempotent: ids derive from natural keys and rows already present are left alone.
import type { DataSource } from 'typeorm';
import { ownership, type Ownership } from '../kernel/policy/ownership';
import { illustrativeSituationId } from '../kernel/reference/illustrative-situations';
import { insertMissing, stableId } from '../kernel/db/seeding';
import { ILLUSTRATIVE_ALERTS, type IllustrativeAlert } from './data/alerts';
import { Acknowledgement } from './entities/acknowledgement.entity';
import { Alert, AlertStatus } from './entities/alert.entity';
import { AlertStatusChange } from './entities/alert-status-change.entity';
import { acknowledgementOwnership } from './rules/alert.workflow';

const alertId = (key: string) => stableId('illustrative-alert', key);

function alertOwnership(alert: IllustrativeAlert): Ownership {
  return { ownerOrg: alert.ownerOrg, classification: alert.classification, sharedWith: alert.sharedWith, sharedWithUsers: alert.sharedWithUsers };
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
          note: step.note ?? null,
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
          note: ack.note ?? null,
          createdAt: new Date(ack.at),
          updatedAt: new Date(ack.at),
          ...ownership(acknowledgementOwnership(a, ack.org)),
        })),
      ),
    );
  });
}
