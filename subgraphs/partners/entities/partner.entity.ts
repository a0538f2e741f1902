// A partner organisation of the hub (the Office itself is one, code UN-JO).
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Classification, OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

// The first three values predate issue 16 and keep their names (clients and stored rows use them);
// the others name the kinds of body the Office also works with.
export enum PartnerKind {
  UN_OFFICE = 'UN_OFFICE',
  REGIONAL = 'REGIONAL',
  SUB_REGIONAL = 'SUB_REGIONAL',
  NETWORK_OF_STATES = 'NETWORK_OF_STATES',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  RESEARCH_INSTITUTION = 'RESEARCH_INSTITUTION',
  UN_INTER_AGENCY = 'UN_INTER_AGENCY',
}
registerEnumType(PartnerKind, {
  name: 'PartnerKind',
  description: 'What kind of body a partner is.',
  valuesConfig: {
    UN_OFFICE: {
      description: 'An office of the United Nations Secretariat, such as the Office on Genocide Prevention and the Responsibility to Protect.',
    },
    REGIONAL: { description: 'A regional organisation (the African Union, the OSCE, the European Union, the OAS, ...).' },
    SUB_REGIONAL: { description: 'A sub-regional organisation (ECOWAS, the ICGLR, IGAD, SADC, ...).' },
    NETWORK_OF_STATES: { description: 'A network of States, such as the Latin American Network for Genocide and Mass Atrocity Prevention.' },
    CIVIL_SOCIETY: { description: 'A civil-society organisation or non-governmental organisation.' },
    RESEARCH_INSTITUTION: { description: 'A research or training institution, such as the Auschwitz Institute.' },
    UN_INTER_AGENCY: { description: 'A body of several United Nations entities, such as the UN inter-agency Framework Team.' },
  },
});

/** What the hub calls a partner's members when it names none of its own: "Member States". */
export const DEFAULT_MEMBER_TERM = 'Member States';

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

  @Field({
    description:
      'What the organisation calls its members, as the hub shows them: "Member States" for most, "participating States" for the OSCE and the Latin American Network.',
  })
  @Column({ type: 'varchar', length: 60, name: 'member_term', default: DEFAULT_MEMBER_TERM })
  memberTerm: string;

  @Field(() => String, { nullable: true, description: 'What the hub records about the organisation beyond its members, and where that comes from.' })
  @Column({ type: 'text', nullable: true })
  about: string | null;

  // A network of States the record knows by its launch and its number of States, not by their names
  // (the Latin American Network): the hub keeps what it was told, and membersOn says so.
  @Field(() => LocalDate, {
    nullable: true,
    description: "First day of the partner's launch (its founding meeting), when the hub records it: 2012-03-28 for the Latin American Network.",
  })
  @Column({ type: 'date', name: 'launched_on', nullable: true })
  launchedOn: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Last day of that launch meeting (inclusive): 2012-03-30 for the Latin American Network; null when it was one day or is not recorded.',
  })
  @Column({ type: 'date', name: 'launch_ended_on', nullable: true })
  launchEndedOn: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many members the record reports the partner had at its launch, for a partner whose members the hub does not list (18 participating States for the Latin American Network); null otherwise. Not a count of Partner.memberships.',
  })
  @Column({ type: 'integer', name: 'reported_member_count', nullable: true })
  reportedMemberCount: number | null;

  // The sharing the organisation's new records get when a create leaves classification out. Not a
  // field of its own: who an organisation shares with by default is its own business (Partner.sharingDefaults).
  @Column({ type: 'enum', enum: Classification, enumName: 'classification', name: 'default_classification', default: Classification.GREEN })
  defaultClassification: Classification;

  @Column({ type: 'varchar', array: true, name: 'default_shared_with', default: () => "'{}'" })
  defaultSharedWith: string[];
}
