// The partners subgraph: organisations, member states over time, focal points, engagements,
// early-warning mechanisms, national committees, national focal points and the country reference
// data. `node dist/subgraphs/partners` runs it.
import 'reflect-metadata';
import type { SubgraphModule } from '../kernel/service/subgraph-service';
import { runSubgraph } from '../kernel/service/subgraph-service';
import { Country } from './entities/country.entity';
import { EarlyWarningMechanism } from './entities/early-warning-mechanism.entity';
import { Engagement } from './entities/engagement.entity';
import { FocalPoint } from './entities/focal-point.entity';
import { Membership } from './entities/membership.entity';
import { NationalCommittee } from './entities/national-committee.entity';
import { NationalFocalPoint } from './entities/national-focal-point.entity';
import { Partner } from './entities/partner.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { buildPartnersSchema } from './schema';
import { seedIllustrative, seedReference } from './seed';

export const partnersSubgraph: SubgraphModule = {
  name: 'partners',
  entities: [Country, Partner, Membership, FocalPoint, Engagement, EarlyWarningMechanism, NationalCommittee, NationalFocalPoint],
  migrations,
  createLoaders,
  buildSchema: buildPartnersSchema,
  seedReference,
  seedIllustrative,
};

if (require.main === module) void runSubgraph(partnersSubgraph);
