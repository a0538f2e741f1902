// What a source shows beside its stored fields: the region it is based in, from its base country.
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { regionOfCountry } from '../../kernel/reference/regions';
import { Source } from '../entities/source.entity';

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'UN M49 region of the country the source is based in (baseCountryIso3); null when its base is not recorded (unknown).',
  })
  baseRegion(@Root() source: Source): string | null {
    return source.baseCountryIso3 ? (regionOfCountry(source.baseCountryIso3) ?? null) : null;
  }
}
