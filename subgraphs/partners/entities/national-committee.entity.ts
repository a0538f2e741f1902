// A national committee for the prevention of genocide set up by a member state of the ICGLR under
// its Protocol; each reports to the ICGLR's Regional Committee.
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

export enum NationalCommitteeStatus {
  ESTABLISHED = 'ESTABLISHED',
  BEING_ESTABLISHED = 'BEING_ESTABLISHED',
  NOT_ESTABLISHED = 'NOT_ESTABLISHED',
}
registerEnumType(NationalCommitteeStatus, {
  name: 'NationalCommitteeStatus',
  description: 'How far a member state has come in setting up its national committee.',
  valuesConfig: {
    ESTABLISHED: { description: 'The committee exists and works.' },
    BEING_ESTABLISHED: { description: 'The State has decided to set it up, and it is not yet at work.' },
    NOT_ESTABLISHED: { description: 'The State has not set one up.' },
  },
});

@ObjectType({
  description:
    "A national committee for the prevention of genocide, war crimes, crimes against humanity and all forms of discrimination, set up by a member state under the ICGLR Protocol; it reports to the ICGLR's Regional Committee.",
})
@Entity({ name: 'national_committee' })
@Index(['partnerCode', 'countryIso3'], { unique: true })
export class NationalCommittee extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({
    description:
      'The hub code of the organisation whose protocol the committee is set up under, e.g. "ICGLR". That organisation or the Office (UN-JO) records the committee, and the one that recorded it owns it (ownerOrg) and alone corrects it.',
  })
  @Column({ type: 'varchar', length: 16, name: 'partner_code' })
  partnerCode: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the State whose committee it is.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field({ description: 'The name the Office\'s record gives it, e.g. "Kenya National Committee".' })
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Field(() => NationalCommitteeStatus)
  @Column({ type: 'enum', enum: NationalCommitteeStatus, enumName: 'national_committee_status' })
  status: NationalCommitteeStatus;

  @Field(() => LocalDate, { nullable: true, description: "The day it was established; null when the hub's records do not give it." })
  @Column({ type: 'date', name: 'established_on', nullable: true })
  establishedOn: string | null;

  @Field({ description: 'The regional body it reports to.' })
  @Column({ type: 'varchar', length: 300, name: 'reports_to' })
  reportsTo: string;

  @Field(() => String, { nullable: true, description: 'Where the facts about this committee come from.' })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
