// The authenticated way to import: the same importer as `npm run import`, for a file sent in the
// mutation itself (up to the request body limit), as the viewer's organisation and under the
// access policy, so a row can attach only to a situation the viewer may see.
import { Readable } from 'node:stream';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import { restrictToVisible } from '../../kernel/read/policed-query';
import type { SubgraphContext } from '../../kernel/service/context';
import { Classification } from '../../kernel/policy/ownership';
import { checkPartnerCodes } from '../../kernel/write/reference-codes';
import { assertCanCreate, InputProblems } from '../../kernel/write/writing';
import { importIncidents, type RowOutcome } from '../import/incident-importer';
import { ListSize } from '../../kernel/schema/list-size';
import { newRecordSharing } from '../../kernel/policy/sharing-defaults';
import { followInPeer } from '../../kernel/policy/record-floor';

export enum ImportFormat {
  HXL = 'HXL',
  JSONL = 'JSONL',
}
registerEnumType(ImportFormat, { name: 'ImportFormat', description: 'HXL: CSV with an HXL hashtag row. JSONL: one JSON object per line.' });

const MAX_REPORTED_ROWS = 1000;

@InputType()
class ImportIncidentsInput {
  @Field(() => ImportFormat)
  format: ImportFormat;

  @Field({ description: 'The file itself. For larger files use `npm run import` on the server.' })
  content: string;

  @Field(() => Classification, {
    nullable: true,
    description:
      "Applied to every row; omitted: new incidents get your organisation's sharing defaults (as reportIncident), stored ones keep theirs.",
  })
  classification?: Classification;

  @Field(() => [String], { nullable: true, description: 'Organisations an AMBER incident is shared with; same rule as classification.' })
  sharedWith?: string[];
}

@ObjectType()
class ImportProblem {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'The HXL column, for CSV files.' })
  column: string | null;

  @Field()
  message: string;
}

@ObjectType()
class ImportRowOutcome {
  @Field(() => Int, { description: 'Line of the file where the row ends.' })
  line: number;

  @Field(() => String, { nullable: true })
  externalId: string | null;

  @Field({ description: 'created, updated, unchanged or rejected.' })
  status: string;

  @Field(() => String, { nullable: true, description: "The incident's id in the hub." })
  id: string | null;

  // A rejected row names one or two problems as a rule, and the whole report is built in memory
  // whatever a client selects of it: its size costs the hub no extra work, so it is counted small.
  @ListSize(3)
  @Field(() => [ImportProblem])
  errors: ImportProblem[];

  @ListSize(2)
  @Field(() => [ImportProblem], {
    description: 'What a stored row kept as written but the hub could not read, e.g. an event type the typology has no code for.',
  })
  warnings: ImportProblem[];
}

@ObjectType({ description: 'What an import did, row by row.' })
class IncidentImportReport {
  @Field(() => Int) rows: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;

  @Field(() => [String], { description: 'Columns or keys the import did not read.' })
  ignored: string[];

  @Field({ description: 'Who the incidents it created are shared with, and whether that came from the input or your sharing defaults.' })
  sharing: string;

  @ListSize(MAX_REPORTED_ROWS)
  @Field(() => [ImportRowOutcome], { description: `Each row's outcome, in file order (the first ${MAX_REPORTED_ROWS}).` })
  outcomes: ImportRowOutcome[];
}

@Resolver()
export class ImportMutationResolver {
  @Mutation(() => IncidentImportReport, {
    description: "Imports incidents as the viewer's organisation (editors and admins); re-importing the same file changes nothing.",
  })
  async importIncidents(
    @Arg('input', () => ImportIncidentsInput) input: ImportIncidentsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IncidentImportReport> {
    const org = assertCanCreate(ctx.viewer);
    const problems = new InputProblems();
    await checkPartnerCodes(ctx, problems, { sharedWith: input.sharedWith });
    problems.throwIfAny();
    // With no classification given, new incidents are shared as the organisation's new records
    // are (its sharing defaults, from the partners subgraph), asked before anything is written.
    const defaults = input.classification ? undefined : await newRecordSharing(ctx, { sharedWith: input.sharedWith });
    const outcomes: RowOutcome[] = [];
    const summary = await importIncidents(ctx.db, Readable.from([input.content]), {
      org,
      format: input.format === ImportFormat.JSONL ? 'jsonl' : 'hxl',
      classification: input.classification,
      sharedWith: input.sharedWith,
      sharingDefaults: defaults && { classification: defaults.classification, sharedWith: defaults.sharedWith },
      situationScope: (query, alias) => restrictToVisible(query, ctx.viewer, alias),
      incidentScope: (query, alias) => restrictToVisible(query, ctx.viewer, alias),
      audit: { actorSub: ctx.viewer.sub, operationName: ctx.operationName },
      // Alerts citing an incident whose readers or situation the import changed follow it, batch by batch once each commits.
      onReadershipChanged: (ids) => followInPeer(ctx, 'alerts', ids, 'Incident'),
      onRow: (outcome) => {
        if (outcomes.length < MAX_REPORTED_ROWS) outcomes.push(outcome);
      },
    });
    return {
      ...summary,
      outcomes: outcomes.map((o) => ({
        line: o.line,
        externalId: o.externalId,
        status: o.status,
        id: o.id ?? null,
        errors: (o.errors ?? []).map((e) => ({ field: e.field, column: e.column ?? null, message: e.message })),
        warnings: (o.warnings ?? []).map((e) => ({ field: e.field, column: e.column ?? null, message: e.message })),
      })),
    };
  }
}
