// A Member State's national focal point on the Responsibility to Protect: the office of a State
// that holds the role, not a partner's contact person (that is FocalPoint).
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

@ObjectType({
  description:
    "A national focal point on the Responsibility to Protect: the office of a Member State that holds the role, e.g. Paraguay's Ombudsman's office in the Latin American Network.",
})
@Entity({ name: 'national_focal_point' })
@Index(['countryIso3'])
export class NationalFocalPoint extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the Member State that holds the focal point.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field({ description: 'The office of the State that holds it, e.g. "Ombudsman\'s office (Defensoría del Pueblo)".' })
  @Column({ type: 'varchar', length: 300 })
  office: string;

  @Field(() => LocalDate, { nullable: true, description: "Since when the office holds it; null when the hub's records do not give the day." })
  @Column({ type: 'date', nullable: true })
  since: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The last day the office held it, once its term has ended (endNationalFocalPointTerm); null while it holds it.',
  })
  @Column({ type: 'date', nullable: true })
  until: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Hub code of the network of States it is a focal point in, e.g. the Latin American Network; null for a State outside any. That network or the Office (UN-JO; it alone for a State outside any network) records the focal point, and the one that recorded it owns it (ownerOrg) and alone corrects it.',
  })
  @Column({ type: 'varchar', length: 16, name: 'network_code', nullable: true })
  networkCode: string | null;

  @Field(() => String, { nullable: true, description: 'Where the facts about this focal point come from.' })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
