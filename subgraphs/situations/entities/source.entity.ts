// Where incident information comes from; its type, the region it covers and the country it is
// based in let the Office see whether it depends too much on a few sources, or on sources based
// outside the region of a situation (the 2008 roundtable's "traditional western sources").
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

export enum SourceType {
  PARTNER_MECHANISM = 'PARTNER_MECHANISM',
  UN = 'UN',
  GOVERNMENT = 'GOVERNMENT',
  NGO = 'NGO',
  MEDIA = 'MEDIA',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  ACADEMIC = 'ACADEMIC',
  DATASET = 'DATASET',
  OTHER = 'OTHER',
}
registerEnumType(SourceType, { name: 'SourceType' });

@ObjectType({ description: 'A source of incident information.' })
@Entity({ name: 'source' })
@Index(['ownerOrg', 'name'], { unique: true })
export class Source extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Field(() => SourceType)
  @Column({ type: 'enum', enum: SourceType, enumName: 'source_type' })
  type: SourceType;

  @Field({ description: 'UN M49 region the source covers (reports on), or "Global"; where it is based is baseCountryIso3.' })
  @Column({ type: 'varchar', length: 60 })
  region: string;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-3 code of the country the source is based in, apart from what it covers; null when not recorded (unknown).',
  })
  @Column({ type: 'char', length: 3, name: 'base_country_iso3', nullable: true })
  baseCountryIso3: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;
}
