// The authenticated way to export through GraphQL: what the viewer's organisation owns, under the
// access policy (rules/export.rules.ts, shared with the streamed download, export.download.ts), in
// the formats `npm run export` writes and the importer reads back (the same exporter, import/
// incident-exporter.ts), every sensitive incident and source read noted in the audit trail.
import { Writable } from 'node:stream';
import { EXPORT_INCIDENTS_PATH } from '../../../platform/downloads';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../platform/errors';
import { Cost } from '../../kernel/schema/list-size';
import { Incident } from '../entities/incident.entity';
import { exportIncidents } from '../import/incident-exporter';
import type { SituationsContext } from '../loaders';
import { exportScopeFor } from '../rules/export.rules';
import { IncidentFilter } from './incident.filter';
import { ImportFormat } from './import.mutation';

/** An export's text is built in the response; past this many incidents the streamed download is the way. */
export const MAX_EXPORTED_INCIDENTS = 20_000;

@ObjectType({ description: "Your organisation's incidents as a file, in the shape importIncidents and `npm run import` read back unchanged." })
class IncidentExport {
  @Field(() => ImportFormat)
  format: ImportFormat;

  @Field(() => Int, { description: 'How many incidents the file holds.' })
  incidents: number;

  @Field({ description: 'The file itself: a CSV with a header row and an HXL hashtag row, or one JSON object per line.' })
  content: string;
}

@Resolver()
export class ExportQueryResolver {
  @Cost(100)
  @Query(() => IncidentExport, {
    nullable: true,
    description: `The incidents your organisation owns (that you may read), oldest first, as a file to keep or to import elsewhere; at most ${MAX_EXPORTED_INCIDENTS} (narrow the filter, or for any number download the same file, streamed, from the gateway's \`GET ${EXPORT_INCIDENTS_PATH}?format=HXL|JSONL&filter=<JSON of IncidentFilter>\` with the same bearer token).`,
  })
  async exportIncidents(
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<IncidentExport | null> {
    const exported = exportScopeFor(ctx, filter);
    const count = await exported.scope(ctx.db.getRepository(Incident).createQueryBuilder('counted'), 'counted').getCount();
    if (count > MAX_EXPORTED_INCIDENTS)
      throw badInput(
        `${count} incidents match; an export through the API holds at most ${MAX_EXPORTED_INCIDENTS}. Narrow the filter (from, to, countries), or download the file from the gateway's ${EXPORT_INCIDENTS_PATH}, which streams any number.`,
        'filter',
      );
    const chunks: string[] = [];
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const summary = await exportIncidents(ctx.db, output, {
      format: format === ImportFormat.JSONL ? 'jsonl' : 'hxl',
      ...exported,
    });
    return { format, incidents: summary.incidents, content: chunks.join('') };
  }
}
