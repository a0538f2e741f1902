// Reporting and correcting incidents, with a new source recorded in the same transaction when the
// report names one; every row written is audited in that transaction (kernel/write/writing.ts).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { ownership } from '../../kernel/policy/ownership';
import { applyChanges, changedSharing } from '../../kernel/write/record-inputs';
import { checkPartnerCodes, knownPartners, noteUnknownPartners } from '../../kernel/write/reference-codes';
import { newRecordSharing } from '../../kernel/policy/sharing-defaults';
import { uuid } from '../../kernel/write/validation';
import {
  assertCanCreate,
  createOnce,
  idempotentRequest,
  InputProblems,
  insertAudited,
  lockForUpdate,
  runMutation,
  updateVersioned,
  visibleRecord,
} from '../../kernel/write/writing';
import { Incident } from '../entities/incident.entity';
import { checkNoWriteDown } from '../../kernel/policy/no-write-down';
import { citedRecord, floorsOf, followInPeer, raiseFloors, sharingChanged } from '../../kernel/policy/record-floor';
import {
  checkIncident,
  checkIncidentCitations,
  checkNewSource,
  CLEARABLE_INCIDENT_FIELDS,
  correctedEventType,
  incidentContentOf,
  INCIDENT_FIELDS,
  sourceFor,
  type IncidentContent,
  type NewSource,
} from '../rules/incident.rules';
import { CorrectIncidentInput, ReportIncidentInput } from './incident.inputs';

const KIND = 'incident';
const CITING: readonly (keyof IncidentContent)[] = ['situationId', 'countryIso3', 'sourceId', 'classification', 'sharedWith', 'sharedWithUsers'];

@Resolver()
export class IncidentMutationResolver {
  @Mutation(() => Incident, {
    description:
      'Reports an incident owned by your organisation (editors and admins), citing a source you may read (sourceId) or recording a new one (source). Retrying with the same idempotencyKey returns the first report.',
  })
  async reportIncident(@Arg('input', () => ReportIncidentInput) input: ReportIncidentInput, @Ctx() ctx: SubgraphContext): Promise<Incident> {
    const org = assertCanCreate(ctx.viewer);
    const viewer = ctx.viewer;
    let content: IncidentContent;
    let newSource: NewSource | null = null;
    return createOnce(ctx, idempotentRequest(viewer, 'reportIncident', 'Incident', input), {
      prepare: async () => {
        const problems = new InputProblems();
        const sharing = await newRecordSharing(ctx, input);
        const given = Object.fromEntries(INCIDENT_FIELDS.map((field) => [field, (input as unknown as Record<string, unknown>)[field] ?? null]));
        content = checkIncident(problems, { ...(given as unknown as IncidentContent), ...sharing });
        if (input.source) {
          if (input.sourceId) problems.add('source', 'give sourceId or source, not both');
          newSource = checkNewSource(problems, {
            name: input.source.name,
            type: input.source.type,
            region: input.source.region,
            baseCountryIso3: input.source.baseCountryIso3 ?? null,
            url: input.source.url ?? null,
          });
        }
        if (problems.empty) await checkIncidentCitations(ctx.db.manager, viewer, problems, content, org);
        await checkPartnerCodes(ctx, problems, { sharedWith: input.sharedWith });
        problems.throwIfAny();
      },
      create: async (tx, id) => {
        const problems = new InputProblems();
        const cited = await checkIncidentCitations(tx.manager, viewer, problems, content, org, { lock: 'pessimistic_read' });
        let sourceId = content.sourceId;
        if (newSource) {
          const { source, created } = await sourceFor(tx, org, newSource, content);
          if (!created) {
            checkNoWriteDown(problems, { ownerOrg: org, ...content }, [citedRecord('Source', source)]);
            cited.push(citedRecord('Source', source));
          }
          sourceId = source.id;
        }
        problems.throwIfAny();
        // Its hub id is its external id too, so an export of it imports back onto it (README: "Bulk import and export").
        const incident = await insertAudited(tx, Incident, 'Incident', {
          id,
          ...content,
          sourceId,
          externalId: id,
          ...ownership({ ownerOrg: org, ...content }),
        });
        await raiseFloors(tx.manager, [{ recordId: id, cited }]);
        return incident;
      },
      load: (manager, id) => visibleRecord(manager, viewer, Incident, KIND, id),
    });
  }

  @Mutation(() => Incident, {
    description: 'Corrects an incident report (editors and admins of its owner); fields left out stay as they are, null clears an optional one.',
  })
  async correctIncident(@Arg('input', () => CorrectIncidentInput) input: CorrectIncidentInput, @Ctx() ctx: SubgraphContext): Promise<Incident> {
    const partners = await knownPartners(ctx, input.sharedWith);
    let moved = false;
    const corrected = await runMutation(ctx, async (tx) => {
      const incident = await lockForUpdate(tx, Incident, KIND, uuid(input.id, 'id'), input.version);
      const problems = new InputProblems();
      const current = incidentContentOf(incident);
      const changed = correctedEventType(current, input, applyChanges(problems, current, input, INCIDENT_FIELDS, CLEARABLE_INCIDENT_FIELDS));
      const content = checkIncident(problems, { ...changed, ...changedSharing(problems, current, input) });
      noteUnknownPartners(problems, input.sharedWith, partners, 'sharedWith', incident.sharedWith);
      // What it cites is checked again only when the correction touches it, so that a situation
      // restricted since cannot stop a correction of, say, the fatality counts.
      // What it cites is looked up again only when the correction touches it; what the incident was
      // derived from before stays its floor, and every version is held to it, even when the
      // correction drops the citation or its source has been restricted since.
      const touched = CITING.some((field) => JSON.stringify(current[field]) !== JSON.stringify(content[field]));
      const cited =
        problems.empty && touched
          ? await checkIncidentCitations(tx.manager, tx.ctx.viewer, problems, content, incident.ownerOrg, {
              lock: 'pessimistic_read',
              recordId: incident.id,
            })
          : [];
      if (problems.empty && !touched)
        checkNoWriteDown(problems, { ownerOrg: incident.ownerOrg, ...content }, await floorsOf(tx.manager, incident.id));
      problems.throwIfAny();
      const updated = await updateVersioned(tx, Incident, 'Incident', incident, content);
      await raiseFloors(tx.manager, [{ recordId: incident.id, cited }]);
      // Alerts citing it follow a change of who may read it, and anything it now derives from.
      moved = sharingChanged(incident, updated) || cited.length > 0;
      return updated;
    });
    // Alerts cite incidents from another subgraph: it is told after the commit, and reads the
    // incident's readership and floors from here itself, under the viewer's identity.
    if (moved) await followInPeer(ctx, 'alerts', [corrected.id], 'Incident');
    return corrected;
  }
}
