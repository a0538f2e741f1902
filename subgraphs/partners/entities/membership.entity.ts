// A period during which a country belonged to a partner organisation (members join, leave and
// are suspended), so "members on date D" can be answered for any D.
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

export enum MembershipStatus {
  MEMBER = 'MEMBER',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  valuesConfig: { SUSPENDED: { description: 'Membership or participation suspended or frozen for the period.' } },
});

@ObjectType({ description: 'A period of membership: valid from validFrom (inclusive) to validTo (exclusive).' })
@Entity({ name: 'membership' })
@Index(['partnerCode', 'countryIso3'])
@Index(['countryIso3'])
export class Membership extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 16, name: 'partner_code' })
  partnerCode: string;

  @Field()
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field(() => MembershipStatus)
  @Column({ type: 'enum', enum: MembershipStatus, enumName: 'membership_status' })
  status: MembershipStatus;

  @Field(() => LocalDate, { nullable: true, description: "First day of the period; null when it began before the hub's records." })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      "When validFrom is null: the period began on or after this date, on a day the hub's records do not give (South Sudan's admission to the ICGLR, after 17 May 2012). Null when nothing is known of its start.",
  })
  @Column({ type: 'date', name: 'start_not_before', nullable: true })
  startNotBefore: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'First day the period no longer holds; null while it is current.' })
  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

  @Field(() => String, { nullable: true, description: 'Source or explanation of the dates.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
