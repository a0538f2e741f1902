// A training session held or planned by the Office and its partners: when, where, for whom,
// by whom, and how many took part (by sex when the record gives it).
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

export enum TrainingAudience {
  GOVERNMENT_OFFICIALS = 'GOVERNMENT_OFFICIALS',
  NATIONAL_COMMITTEE = 'NATIONAL_COMMITTEE',
  REGIONAL_COMMITTEE = 'REGIONAL_COMMITTEE',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  RELIGIOUS_LEADERS = 'RELIGIOUS_LEADERS',
  SECURITY_SECTOR = 'SECURITY_SECTOR',
  REGIONAL_ORGANISATION_STAFF = 'REGIONAL_ORGANISATION_STAFF',
  UN_STAFF = 'UN_STAFF',
  MIXED = 'MIXED',
}
registerEnumType(TrainingAudience, {
  name: 'TrainingAudience',
  description: 'Who a training session was for; audienceDescription says more where the record does.',
  valuesConfig: {
    NATIONAL_COMMITTEE: { description: 'A national committee for the prevention of genocide (under the ICGLR Protocol or similar).' },
    REGIONAL_COMMITTEE: { description: 'The ICGLR Regional Committee for the Prevention and Punishment of Genocide, or a similar regional body.' },
  },
});

export enum SessionDatePrecision {
  DAY = 'DAY',
  MONTH = 'MONTH',
  APPROXIMATE = 'APPROXIMATE',
}
registerEnumType(SessionDatePrecision, {
  name: 'SessionDatePrecision',
  description: 'How exactly the record gives a date.',
  valuesConfig: {
    DAY: { description: 'The day is recorded.' },
    MONTH: { description: 'Only the month is recorded: the date is the 1st of that month.' },
    APPROXIMATE: { description: 'The exact date is not recorded: the date is the nearest the record allows, and source says how it was chosen.' },
  },
});

export enum TrainingStatus {
  PLANNED = 'PLANNED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TrainingStatus, { name: 'TrainingStatus' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A training session (seminar, workshop, course) on atrocity prevention.' })
@Entity({ name: 'training_session' })
@Index(['countryIso3', 'startDate'])
@Index(['startDate'])
@Check('CHK_training_session_dates', 'end_date IS NULL OR end_date >= start_date')
@Check(
  'CHK_training_session_participants',
  'participants_total IS NULL OR participants_total >= COALESCE(participants_female, 0) + COALESCE(participants_male, 0) + COALESCE(participants_unspecified, 0)',
)
export class TrainingSession extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => LocalDate, {
    description: 'First day. Where the record gives only the month, the 1st of that month; startDatePrecision says how exact it is.',
  })
  @Column({ type: 'date', name: 'start_date' })
  startDate: string;

  @Field(() => SessionDatePrecision, { description: 'How exactly startDate is known: the day, the month only, or approximately.' })
  @Column({
    type: 'enum',
    enum: SessionDatePrecision,
    enumName: 'session_date_precision',
    name: 'start_date_precision',
    default: SessionDatePrecision.DAY,
  })
  startDatePrecision: SessionDatePrecision;

  @Field(() => LocalDate, { nullable: true, description: 'Last day; null for a one-day session or when the record does not give it.' })
  @Column({ type: 'date', name: 'end_date', nullable: true })
  endDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country it was held in; null when the record does not say.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3', nullable: true })
  countryIso3: string | null;

  @Field(() => [String], { description: 'Codes of the hub partners that organised the session, e.g. ["UN-JO", "ICGLR"].' })
  @Column({ type: 'varchar', array: true, name: 'organiser_orgs', default: () => "'{}'" })
  organiserOrgs: string[];

  @Field(() => [String], {
    description:
      "The co-organisers (organiserOrgs other than the owner) that confirmed they organised it, with confirmTrainingCoOrganiser. Only these, and the owner, are credited with it in an organisation's training totals and Partner.trainingSessions.",
  })
  @Column({ type: 'varchar', array: true, name: 'confirmed_organiser_orgs', default: () => "'{}'" })
  confirmedOrganiserOrgs: string[];

  @Field(() => [String], {
    description: 'Co-organisers that are not hub partners, by name, e.g. "Auschwitz Institute for Peace and Reconciliation".',
  })
  @Column({ type: 'varchar', array: true, name: 'organiser_names', default: () => "'{}'" })
  organiserNames: string[];

  @Field(() => TrainingAudience)
  @Column({ type: 'enum', enum: TrainingAudience, enumName: 'training_audience' })
  audience: TrainingAudience;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'audience_description', nullable: true })
  audienceDescription: string | null;

  @Field(() => TrainingStatus)
  @Column({ type: 'enum', enum: TrainingStatus, enumName: 'training_status', default: TrainingStatus.PLANNED })
  status: TrainingStatus;

  @Field(() => Int, { nullable: true, description: 'Women among the participants, when the record breaks participants down by sex.' })
  @Column({ type: 'int', name: 'participants_female', nullable: true })
  participantsFemale: number | null;

  @Field(() => Int, { nullable: true, description: 'Men among the participants, when the record breaks participants down by sex.' })
  @Column({ type: 'int', name: 'participants_male', nullable: true })
  participantsMale: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants in a sex breakdown whose sex was not recorded.' })
  @Column({ type: 'int', name: 'participants_unspecified', nullable: true })
  participantsUnspecified: number | null;

  @Field(() => Int, { nullable: true, description: 'All participants, when recorded; never less than the breakdown adds up to.' })
  @Column({ type: 'int', name: 'participants_total', nullable: true })
  participantsTotal: number | null;

  @Field(() => String, { nullable: true, description: 'Where the facts about this session come from, and which of them are assumptions.' })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true, description: 'Why the session was cancelled, for a CANCELLED session.' })
  @Column({ type: 'text', name: 'cancellation_reason', nullable: true })
  cancellationReason: string | null;

  @Field({ description: 'True for illustrative seed data: a session that was never held or planned.' })
  @Column({ type: 'boolean', default: false })
  illustrative: boolean;
}
