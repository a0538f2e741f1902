// `npm run start:service -- <name>`: runs one subgraph of the manifest (schema/subgraphs.json) built
// on our kernel, as `npm start` and docker-compose do, configured from the environment (PORT, else
// the manifest's port). `npm run start:gateway` runs the gateway.
// Tracing starts first, before the modules it instruments load.
import '../platform/tracing-start';
import 'reflect-metadata';
import { moduleEntries, subgraphEntries } from '../platform/manifest';
import { runSubgraph } from '../subgraphs/kernel/service/subgraph-service';
import { loadSubgraphModule } from './subgraphs';

function main(name: string | undefined): void {
  const startable = moduleEntries();
  const entry = startable.find((e) => e.name === name);
  if (!entry) {
    const listed = subgraphEntries().find((e) => e.name === name);
    console.error(
      listed
        ? `${name} is a service built elsewhere (sdl ${listed.sdl}): start it its own way; it answers at ${listed.url}`
        : `usage: npm run start:service -- <${startable.map((e) => e.name).join('|')}>`,
    );
    process.exit(2);
  }
  void runSubgraph(loadSubgraphModule(entry));
}

if (require.main === module) {
  try {
    main(process.argv[2]);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
