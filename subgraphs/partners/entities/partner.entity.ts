// A partner organisation of the hub (the Joint Office itself is one, code UN-JO).
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Classification, OwnedRecord } from '../../kernel/policy/ownership';

export enum PartnerKind {
  UN_OFFICE = 'UN_OFFICE',
  REGIONAL = 'REGIONAL',
  SUB_REGIONAL = 'SUB_REGIONAL',
}
registerEnumType(PartnerKind, { name: 'PartnerKind' });

@Directive('@key(fields: "code")')
@ObjectType({ description: 'An organisation that shares early-warning information through the hub.' })
@Entity({ name: 'partner' })
export class Partner extends OwnedRecord {
  @Field(() => ID, { description: 'Hub code, e.g. "ECOWAS", "UN-JO".' })
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => PartnerKind)
  @Column({ type: 'enum', enum: PartnerKind, enumName: 'partner_kind' })
  kind: PartnerKind;

  @Field(() => String, { nullable: true })
  @Column({ type: 'char', length: 3, name: 'headquarters_iso3', nullable: true })
  headquartersIso3: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 120, name: 'headquarters_city', nullable: true })
  headquartersCity: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  // The sharing the organisation's new records get when a create leaves classification out. Not a
  // field of its own: who an organisation shares with by default is its own business (Partner.sharingDefaults).
  @Column({ type: 'enum', enum: Classification, enumName: 'classification', name: 'default_classification', default: Classification.GREEN })
  defaultClassification: Classification;

  @Column({ type: 'varchar', array: true, name: 'default_shared_with', default: () => "'{}'" })
  defaultSharedWith: string[];
}
