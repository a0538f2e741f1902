// A recorded engagement of the Office with a partner: a meeting, mission, seminar or briefing.
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

export enum EngagementKind {
  MEETING = 'MEETING',
  MISSION = 'MISSION',
  SEMINAR = 'SEMINAR',
  BRIEFING = 'BRIEFING',
  SESSION = 'SESSION',
  QUIET_DIPLOMACY = 'QUIET_DIPLOMACY',
}
registerEnumType(EngagementKind, {
  name: 'EngagementKind',
  description: 'What kind of engagement it was.',
  valuesConfig: {
    QUIET_DIPLOMACY: {
      description:
        'Quiet diplomacy: contacts the Office keeps confidential to be effective. Always RED: recorded RED when classification is left out, and refused at any other level.',
    },
  },
});

@ObjectType({ description: 'An engagement between the Office and a partner.' })
@Entity({ name: 'engagement' })
@Index(['partnerCode', 'startDate'])
export class Engagement extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 16, name: 'partner_code' })
  partnerCode: string;

  @Field(() => EngagementKind)
  @Column({ type: 'enum', enum: EngagementKind, enumName: 'engagement_kind' })
  kind: EngagementKind;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => LocalDate)
  @Column({ type: 'date', name: 'start_date' })
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', name: 'end_date', nullable: true })
  endDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'char', length: 3, name: 'country_iso3', nullable: true })
  countryIso3: string | null;

  @Field(() => String, { nullable: true, description: 'Where the record of this engagement comes from.' })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
