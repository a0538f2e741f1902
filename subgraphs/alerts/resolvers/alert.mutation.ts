// The alert workflow's mutations: draft, edit, issue, escalate, close, correct, acknowledge. Each
// is one transaction (kernel/write/writing.ts) that appends the step to the status history and audits
// every row it writes; what other subgraphs own is checked before the transaction opens.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../kernel/events/outbox';
import { AlertEventTopic, eventPayload, recordAlertEvent } from '../events/alert-events';
import { Arg, Ctx, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertCanWrite } from '../../kernel/policy/access-policy';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import type { SubgraphContext } from '../../kernel/service/context';
import { badInput, conflict, forbidden } from '../../../platform/errors';
import { ownership } from '../../kernel/policy/ownership';
import { uuid } from '../../kernel/write/validation';
import {
  assertCanCreate,
  assertVersion,
  createOnce,
  idempotentRequest,
  InputProblems,
  insertAudited,
  lockForUpdate,
  requireSignedIn,
  runMutation,
  TRANSACTION_TIME,
  updateVersioned,
  visibleRecord,
  type MutationScope,
} from '../../kernel/write/writing';
import { checkNoWriteDown } from '../../kernel/policy/no-write-down';
import {
  citedRecord,
  floorsOf,
  FOLLOWED_PER_CALL,
  moveFloors,
  raiseFloors,
  sharingChanged,
  type CitedRecord,
  type Citing,
} from '../../kernel/policy/record-floor';
import { citationSelection, type CitedAnswer } from '../../kernel/policy/citations';
import { askPeer } from '../../kernel/service/peer';
import { checkCountryCodes, checkPartnerCodes } from '../../kernel/write/reference-codes';
import { applyChanges, checkCitations, checkContent, contentOf, recommendationCodes, type AlertContent } from '../rules/alert.rules';
import { Acknowledgement } from '../entities/acknowledgement.entity';
import { writeAcknowledgementsDue } from '../rules/acknowledgement.deadlines';
import { Alert, AlertStatus } from '../entities/alert.entity';
import { AlertStatusChange } from '../entities/alert-status-change.entity';
import { ACKNOWLEDGEABLE, acknowledgementOwnership, AlertStep, nextStatus, sharedWithOnIssue } from '../rules/alert.workflow';
import {
  AcknowledgeAlertInput,
  CloseAlertInput,
  CorrectAlertInput,
  DraftAlertInput,
  EditAlertInput,
  EscalateAlertInput,
  EscalationTarget,
  IssueAlertInput,
} from './alert.inputs';

const KIND = 'alert';

/** Where an alert cites each kind of record the situations subgraph owns. */
const CITING: Record<string, Citing> = {
  Situation: { entity: Alert, column: 'situation_id' },
  RiskAssessment: { entity: Alert, column: 'cited_assessment_ids', array: true },
  Incident: { entity: Alert, column: 'cited_incident_ids', array: true },
};

/** The alert as the viewer may change it, checked before any other service is asked. */
async function writableAlert(ctx: SubgraphContext, rawId: string): Promise<Alert> {
  requireSignedIn(ctx.viewer);
  const alert = await visibleRecord(ctx.db.manager, ctx.viewer, Alert, KIND, uuid(rawId, 'id'));
  assertCanWrite(ctx.viewer, alert.ownerOrg);
  return alert;
}

/** A writable alert at the version the caller read, in a status that allows `step`. */
async function alertReadyFor(ctx: SubgraphContext, rawId: string, version: number, step: AlertStep): Promise<Alert> {
  const alert = await writableAlert(ctx, rawId);
  assertVersion(alert, version, KIND);
  nextStatus(alert, step);
  return alert;
}

interface Checked {
  content: AlertContent;
  /** What the alert cites now, to keep among its floors. */
  cited: CitedRecord[];
}

/**
 * Checks content against every rule; the other subgraph is asked only when the rest is sound.
 * `floors` are what the alert was derived from before: it stays within them (no write-down) even
 * when the new content cites nothing.
 */
async function checkedContent(
  ctx: SubgraphContext,
  problems: InputProblems,
  content: AlertContent,
  ownerOrg: string,
  floors: CitedRecord[],
  before?: AlertContent,
): Promise<Checked> {
  const checked = checkContent(problems, content);
  const addressees = recommendationCodes(checked.recommendations);
  const storedAddressees = before ? recommendationCodes(before.recommendations) : { countries: [], partners: [] };
  await checkPartnerCodes(
    ctx,
    problems,
    { recipientOrgs: checked.recipientOrgs, sharedWith: checked.sharedWith, recommendations: addressees.partners },
    before ? [...before.recipientOrgs, ...before.sharedWith, ...storedAddressees.partners] : [],
  );
  await checkCountryCodes(
    ctx,
    problems,
    'recommendations',
    addressees.countries.filter((code) => !storedAddressees.countries.includes(code)),
  );
  let cited: CitedRecord[] = [];
  if (problems.empty) {
    cited = await checkCitations(ctx, problems, checked, before);
    checkNoWriteDown(problems, { ownerOrg, ...checked }, [...floors, ...cited], checked.recipientOrgs);
  }
  problems.throwIfAny();
  return { content: checked, cited };
}

async function appendStatusChange(
  tx: MutationScope,
  alert: Alert,
  from: AlertStatus | null,
  to: AlertStatus,
  note: string | null,
): Promise<AlertStatusChange> {
  const viewer = tx.ctx.viewer as { sub: string; org: string };
  await recordAlertEvent(tx, alert, from, to);
  return insertAudited(tx, AlertStatusChange, 'AlertStatusChange', {
    id: randomUUID(),
    alertId: alert.id,
    fromStatus: from,
    toStatus: to,
    changedBy: viewer.sub,
    changedByOrg: viewer.org,
    changedAt: TRANSACTION_TIME,
    note,
    ...ownership({
      ownerOrg: alert.ownerOrg,
      createdByOrg: viewer.org,
      classification: alert.classification,
      sharedWith: alert.sharedWith,
      sharedWithUsers: alert.sharedWithUsers,
    }),
  });
}

/** The status history is read by whoever may read the alert, so it follows the alert's sharing. */
async function followSharing(tx: MutationScope, before: Alert, after: Alert): Promise<void> {
  if (!sharingChanged(before, after)) return;
  const rows = await tx.manager.findBy(AlertStatusChange, { alertId: after.id });
  await tx.manager
    .createQueryBuilder()
    .update(AlertStatusChange)
    .set({ classification: after.classification, sharedWith: after.sharedWith, sharedWithUsers: after.sharedWithUsers })
    .where('alert_id = :id', { id: after.id })
    .execute();
  for (const row of rows) await tx.ctx.audit.change(tx.manager, AuditAction.UPDATE, 'AlertStatusChange', row.id, after);
}

/**
 * Every earlier version of an alert is read by no one its latest version leaves out: an
 * organisation or a user a correction drops no longer reads what it was told before, the
 * correction's note, or that a correction exists. The correction becomes a floor of each earlier
 * version (kernel/policy/record-floor.ts), so the policy reads them together, user by user.
 */
async function floorEarlierVersions(tx: MutationScope, corrected: Alert, correction: Alert): Promise<void> {
  const entries: { recordId: string; cited: CitedRecord[] }[] = [];
  let version: Alert | null = corrected;
  while (version) {
    entries.push({ recordId: version.id, cited: [citedRecord('Alert', correction)] });
    version = version.supersedesId ? await tx.manager.findOneByOrFail(Alert, { id: version.supersedesId }) : null;
  }
  await raiseFloors(tx.manager, entries);
}

/** One workflow step on a locked alert: the new status, its history entry, any other changes. */
async function takeStep(
  tx: MutationScope,
  input: { id: string; version: number; note?: string | null },
  step: AlertStep,
  changes: Pick<QueryDeepPartialEntity<Alert>, 'issuedAt' | 'sharedWith'> = {},
): Promise<Alert> {
  const alert = await lockForUpdate(tx, Alert, KIND, uuid(input.id, 'id'), input.version);
  const to = nextStatus(alert, step);
  const updated = await updateVersioned(tx, Alert, 'Alert', alert, { ...changes, status: to });
  await followSharing(tx, alert, updated);
  await appendStatusChange(tx, updated, alert.status, to, input.note ?? null);
  return updated;
}

@Resolver()
export class AlertMutationResolver {
  @Mutation(() => Alert, {
    description:
      'Writes a new alert as a DRAFT owned by your organisation (editors and admins). Retrying with the same idempotencyKey returns the first draft; reusing a key for a different alert is BAD_USER_INPUT.',
  })
  async draftAlert(@Arg('input', () => DraftAlertInput) input: DraftAlertInput, @Ctx() ctx: SubgraphContext): Promise<Alert> {
    const org = assertCanCreate(ctx.viewer);
    let checked: Checked;
    return createOnce(ctx, idempotentRequest(ctx.viewer, 'draftAlert', 'Alert', input), {
      prepare: async () => {
        checked = await checkedContent(ctx, new InputProblems(), contentOf({ ...input, situationId: input.situationId ?? null }), org, []);
      },
      create: async (tx, id) => {
        const { content } = checked;
        const alert = await insertAudited(tx, Alert, 'Alert', {
          id,
          ...content,
          status: AlertStatus.DRAFT,
          illustrative: false,
          ...ownership({
            ownerOrg: org,
            classification: content.classification,
            sharedWith: content.sharedWith,
            sharedWithUsers: content.sharedWithUsers,
          }),
        });
        await appendStatusChange(tx, alert, null, AlertStatus.DRAFT, null);
        await raiseFloors(tx.manager, [{ recordId: id, cited: checked.cited }]);
        return alert;
      },
      load: (manager, id) => visibleRecord(manager, ctx.viewer, Alert, KIND, id),
    });
  }

  @Mutation(() => Alert, {
    description: 'Changes a DRAFT; fields left out stay as they are. An issued alert is corrected with correctAlert instead.',
  })
  async editAlert(@Arg('input', () => EditAlertInput) input: EditAlertInput, @Ctx() ctx: SubgraphContext): Promise<Alert> {
    const current = await alertReadyFor(ctx, input.id, input.version, AlertStep.EDIT);
    const problems = new InputProblems();
    const floors = await floorsOf(ctx.db.manager, current.id);
    const { content, cited } = await checkedContent(
      ctx,
      problems,
      applyChanges(problems, contentOf(current), input),
      current.ownerOrg,
      floors,
      contentOf(current),
    );
    return runMutation(ctx, async (tx) => {
      const alert = await lockForUpdate(tx, Alert, KIND, current.id, input.version);
      nextStatus(alert, AlertStep.EDIT);
      const updated = await updateVersioned(tx, Alert, 'Alert', alert, content);
      await followSharing(tx, alert, updated);
      await raiseFloors(tx.manager, [{ recordId: current.id, cited }]);
      return updated;
    });
  }

  @Mutation(() => Alert, {
    description:
      'Sends a DRAFT to its recipients (ISSUED). An AMBER or AMBER_STRICT alert is then shared with its recipient organisations, so that they can read and acknowledge it.',
  })
  async issueAlert(@Arg('input', () => IssueAlertInput) input: IssueAlertInput, @Ctx() ctx: SubgraphContext): Promise<Alert> {
    const current = await alertReadyFor(ctx, input.id, input.version, AlertStep.ISSUE);
    const sharedWith = sharedWithOnIssue(current);
    // The cited situation may have been restricted since the draft was written: check it again now.
    const { cited } = await checkedContent(
      ctx,
      new InputProblems(),
      { ...contentOf(current), sharedWith },
      current.ownerOrg,
      await floorsOf(ctx.db.manager, current.id),
    );
    return runMutation(ctx, async (tx) => {
      const issued = await takeStep(tx, input, AlertStep.ISSUE, { issuedAt: TRANSACTION_TIME, sharedWith });
      await raiseFloors(tx.manager, [{ recordId: current.id, cited }]);
      await writeAcknowledgementsDue(tx.manager, issued);
      return issued;
    });
  }

  @Mutation(() => Alert, {
    description:
      'Alerts the Secretary-General to an issued alert (to: SECRETARY_GENERAL) and, through him, the Security Council to one already brought to the Secretary-General (to: SECURITY_COUNCIL); the Security Council is never alerted directly.',
  })
  async escalateAlert(@Arg('input', () => EscalateAlertInput) input: EscalateAlertInput, @Ctx() ctx: SubgraphContext): Promise<Alert> {
    const step = input.to === EscalationTarget.SECRETARY_GENERAL ? AlertStep.ESCALATE_TO_SECRETARY_GENERAL : AlertStep.ESCALATE_TO_SECURITY_COUNCIL;
    await alertReadyFor(ctx, input.id, input.version, step);
    return runMutation(ctx, (tx) => takeStep(tx, input, step));
  }

  @Mutation(() => Alert, { description: 'Closes an alert: no further action expected. Closing a draft abandons it.' })
  async closeAlert(@Arg('input', () => CloseAlertInput) input: CloseAlertInput, @Ctx() ctx: SubgraphContext): Promise<Alert> {
    await alertReadyFor(ctx, input.id, input.version, AlertStep.CLOSE);
    return runMutation(ctx, (tx) => takeStep(tx, input, AlertStep.CLOSE));
  }

  @Mutation(() => Alert, {
    description:
      "Corrects an issued alert without editing it: a new alert with the changes given, in the old one's workflow status, supersedes it, and the old one becomes SUPERSEDED. Returns the new version. Retrying with the same idempotencyKey returns the first correction.",
  })
  async correctAlert(@Arg('input', () => CorrectAlertInput) input: CorrectAlertInput, @Ctx() ctx: SubgraphContext): Promise<Alert> {
    // Authorised before the key is looked up, so a replay never hands the correction to someone else.
    const current = await writableAlert(ctx, input.id);
    const viewer = ctx.viewer as { sub: string; org: string };
    let checked: Checked;
    let floors: CitedRecord[];
    return createOnce(ctx, idempotentRequest(ctx.viewer, 'correctAlert', 'Alert', input), {
      prepare: async () => {
        assertVersion(current, input.version, KIND);
        nextStatus(current, AlertStep.CORRECT);
        const problems = new InputProblems();
        const changed = applyChanges(problems, contentOf(current), input);
        floors = await floorsOf(ctx.db.manager, current.id);
        checked = await checkedContent(
          ctx,
          problems,
          { ...changed, sharedWith: sharedWithOnIssue({ ...changed, ownerOrg: current.ownerOrg }) },
          current.ownerOrg,
          floors,
        );
      },
      create: async (tx, id) => {
        const { content } = checked;
        const old = await lockForUpdate(tx, Alert, KIND, current.id, input.version);
        const superseded = nextStatus(old, AlertStep.CORRECT);
        const correction = await insertAudited(tx, Alert, 'Alert', {
          id,
          ...content,
          status: old.status,
          issuedAt: TRANSACTION_TIME,
          supersedesId: old.id,
          illustrative: old.illustrative,
          ...ownership({
            ownerOrg: old.ownerOrg,
            createdByOrg: viewer.org,
            classification: content.classification,
            sharedWith: content.sharedWith,
            sharedWithUsers: content.sharedWithUsers,
          }),
        });
        // The correction derives from the version it corrects, and so from all that version derived from.
        await raiseFloors(tx.manager, [{ recordId: id, cited: [...floors, ...checked.cited] }]);
        await appendStatusChange(tx, correction, null, correction.status, input.note);
        const replaced = await updateVersioned(tx, Alert, 'Alert', old, { status: superseded });
        await floorEarlierVersions(tx, replaced, correction);
        await appendStatusChange(tx, replaced, old.status, superseded, input.note);
        await writeAcknowledgementsDue(tx.manager, correction, old);
        return correction;
      },
      load: (manager, id) => visibleRecord(manager, ctx.viewer, Alert, KIND, id),
    });
  }

  @Directive('@inaccessible')
  @Mutation(() => Int, {
    description: `Internal, called by the situations subgraph after the owner of situations, assessments or incidents (type Situation, RiskAssessment or Incident; at most ${FOLLOWED_PER_CALL} ids) changed who may read them or what they derive from: alerts derived from them follow their readership, as the situations subgraph reports it for the caller. Returns how many floors moved.`,
  })
  async followCitedRecords(
    @Arg('type', () => String) type: string,
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    requireSignedIn(ctx.viewer);
    const citing = CITING[type];
    if (!citing) throw badInput(`type must be one of ${Object.keys(CITING).join(', ')}`, 'type');
    if (ids.length > FOLLOWED_PER_CALL) throw badInput(`at most ${FOLLOWED_PER_CALL} ids at a time`, 'ids');
    const representations = [...new Set(ids.map((id) => uuid(id, 'ids')))].map((id) => ({ __typename: type, id }));
    if (representations.length === 0) return 0;
    const answer = await askPeer<{ _entities: CitedAnswer[] }>(
      ctx,
      'situations',
      `query CitedRecords($cited: [_Any!]!) { _entities(representations: $cited) { ${citationSelection([{ field: 'id', type, noun: type, ids: [], withFloors: type !== 'Situation' }])} } }`,
      { cited: representations },
    );
    // Only the owner's change moves floors; anyone else's call changes nothing.
    const sources = answer._entities.filter(
      (source): source is NonNullable<CitedAnswer> & { id: string } => !!source && source.ownerOrg === ctx.viewer.org,
    );
    if (sources.length === 0) return 0;
    return runMutation(ctx, async (tx) => {
      let moved = 0;
      for (const source of sources) {
        moved += await moveFloors(tx.manager, citedRecord(type, { ...source, sharedWithUsers: source.sharedWithUsers ?? [] }), [citing]);
        // What the cited record derives from now (a situation a corrected incident newly cites) is the citing alerts' floor too.
        const inherited = (source.derivedFrom ?? []).map((floor) =>
          citedRecord(floor.type, { ...floor, sharedWithUsers: floor.sharedWithUsers ?? [] }),
        );
        if (citing.array && inherited.length > 0) {
          const rows: { id: string }[] = await tx.manager.query(
            `SELECT c.id FROM ${tx.manager.connection.getMetadata(Alert).tablePath} c WHERE CAST($1 AS uuid) = ANY(c.${citing.column})`,
            [source.id],
          );
          await raiseFloors(
            tx.manager,
            rows.map((row) => ({ recordId: row.id, cited: inherited })),
          );
        }
      }
      return moved;
    });
  }

  @Mutation(() => Acknowledgement, {
    description:
      "Records that your organisation received an alert addressed to it (any member of a recipient organisation). The acknowledgement is your organisation's own record; acknowledging again returns the first one.",
  })
  async acknowledgeAlert(
    @Arg('input', () => AcknowledgeAlertInput) input: AcknowledgeAlertInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Acknowledgement> {
    requireSignedIn(ctx.viewer);
    const viewer = ctx.viewer;
    const alertId = uuid(input.alertId, 'alertId');
    return runMutation(ctx, async (tx) => {
      // FOR SHARE: the alert cannot be superseded or closed under an acknowledgement being written.
      const alert = await visibleRecord(tx.manager, viewer, Alert, KIND, alertId, 'pessimistic_read');
      if (!alert.recipientOrgs.includes(viewer.org)) throw forbidden(`Only the organisations alert ${alert.id} is addressed to may acknowledge it`);
      if (!ACKNOWLEDGEABLE.has(alert.status))
        throw conflict(
          `alert ${alert.id} is ${alert.status}; only an issued alert is acknowledged${alert.status === AlertStatus.SUPERSEDED ? ' (acknowledge the version that supersedes it)' : ''}`,
        );
      // One per organisation and alert (a unique index): a repeat, even a concurrent one, inserts nothing.
      const inserted = await tx.manager
        .createQueryBuilder()
        .insert()
        .into(Acknowledgement)
        .values({
          id: randomUUID(),
          alertId,
          org: viewer.org,
          acknowledgedBy: viewer.sub,
          acknowledgedAt: TRANSACTION_TIME,
          note: input.note ?? null,
          ...ownership(acknowledgementOwnership(alert, viewer.org)),
        })
        .orIgnore()
        .returning('id')
        .execute();
      const acknowledgement = await tx.manager.findOneByOrFail(Acknowledgement, { alertId, org: viewer.org });
      if ((inserted.raw as unknown[]).length === 1) {
        await ctx.audit.change(tx.manager, AuditAction.CREATE, 'Acknowledgement', acknowledgement.id, acknowledgement);
        await recordEvent(tx.manager, {
          id: randomUUID(),
          topic: AlertEventTopic.ACKNOWLEDGED,
          subjectId: alert.id,
          org: viewer.org,
          payload: eventPayload(alert),
        });
      }
      return acknowledgement;
    });
  }
}
