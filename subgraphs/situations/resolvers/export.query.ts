// The authenticated way to export: what the viewer's organisation owns, under the access policy,
// in the formats `npm run export` writes and the importer reads back (the same exporter, import/
// incident-exporter.ts), every sensitive incident and source read noted in the audit trail.
import { Writable } from 'node:stream';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, unauthenticated } from '../../../platform/errors';
import { isAuthenticated } from '../../../platform/identity';
import { restrictToVisible } from '../../kernel/read/policed-query';
import { Cost } from '../../kernel/schema/list-size';
import { Incident } from '../entities/incident.entity';
import { exportIncidents } from '../import/incident-exporter';
import type { SituationsContext } from '../loaders';
import { applyIncidentFilter, IncidentFilter } from './incident.filter';
import { ImportFormat } from './import.mutation';

/** An export's text is built in the response; past this many incidents the command line is the way. */
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
    description: `The incidents your organisation owns (that you may read), oldest first, as a file to keep or to import elsewhere; at most ${MAX_EXPORTED_INCIDENTS} (narrow the filter for more, or use \`npm run export\` on the server).`,
  })
  async exportIncidents(
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<IncidentExport | null> {
    const { viewer } = ctx;
    if (!isAuthenticated(viewer) || !viewer.org) throw unauthenticated("Sign in to export your organisation's incidents");
    const org = viewer.org;
    // Owned by the viewer's organisation, readable by the viewer (a RED incident names its readers),
    // and matching the filter: the filter's query is the incidents query's own, taken as a subquery.
    const matching = ctx.db.getRepository(Incident).createQueryBuilder('i').select('i.id');
    const possible = applyIncidentFilter(ctx, matching, filter);
    const scope = <Q extends ReturnType<typeof matching.clone>>(query: Q, alias: string): Q => {
      restrictToVisible(query, viewer, alias).andWhere(`${alias}.ownerOrg = :exportOrg`, { exportOrg: org });
      if (!possible) return query.andWhere('FALSE') as Q;
      if (filter) query.andWhere(`${alias}.id IN (${matching.getQuery()})`).setParameters({ ...query.getParameters(), ...matching.getParameters() });
      return query;
    };
    const count = await scope(ctx.db.getRepository(Incident).createQueryBuilder('counted'), 'counted').getCount();
    if (count > MAX_EXPORTED_INCIDENTS)
      throw badInput(
        `${count} incidents match; an export through the API holds at most ${MAX_EXPORTED_INCIDENTS}. Narrow the filter (from, to, countries) or use \`npm run export\` on the server.`,
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
      scope,
      sourceScope: (query, alias) => restrictToVisible(query, viewer, alias),
      onPage: (incidents) => ctx.audit.reads('Incident', incidents, (incident) => incident.id),
      onSources: (sources) => ctx.audit.reads('Source', sources, (source) => source.id),
    });
    return { format, incidents: summary.incidents, content: chunks.join('') };
  }
}
