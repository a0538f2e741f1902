// Country reference data (ISO 3166-1, UN M49), the key every subgraph uses to place its records.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

@Directive('@key(fields: "iso3")')
@ObjectType({ description: 'A country or territory, keyed by its ISO 3166-1 alpha-3 code.' })
@Entity({ name: 'country' })
export class Country extends OwnedRecord {
  @Field(() => ID, { description: 'ISO 3166-1 alpha-3 code, e.g. "NGA"; Kosovo uses the user-assigned "XKX".' })
  @PrimaryColumn({ type: 'char', length: 3 })
  iso3: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 numeric code (as used by ACLED\'s "iso" column), e.g. "566".' })
  @Column({ type: 'char', length: 3, name: 'iso_numeric', nullable: true })
  isoNumeric: string | null;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Field({ description: 'UN M49 region, e.g. "Africa".' })
  @Column({ type: 'varchar', length: 40 })
  region: string;

  @Field({ description: 'UN M49 region code, e.g. "002".' })
  @Column({ type: 'char', length: 3, name: 'region_code' })
  regionCode: string;

  @Field({ description: 'UN M49 sub-region (intermediate region where M49 has one), e.g. "Eastern Africa".' })
  @Column({ type: 'varchar', length: 60, name: 'sub_region' })
  subRegion: string;

  @Field({ description: 'UN M49 code of the sub-region, e.g. "014".' })
  @Column({ type: 'char', length: 3, name: 'sub_region_code' })
  subRegionCode: string;
}
