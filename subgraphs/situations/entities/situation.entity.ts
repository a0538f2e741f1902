// A country situation under monitoring: what assessments, incidents and alerts attach to.
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';
import { Crime, INCITEMENT_DESCRIPTION } from '../../kernel/schema/vocabulary';

export enum SituationStatus {
  MONITORING = 'MONITORING',
  ESCALATING = 'ESCALATING',
  DE_ESCALATING = 'DE_ESCALATING',
  CLOSED = 'CLOSED',
}
registerEnumType(SituationStatus, { name: 'SituationStatus' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A country situation monitored against the Framework of Analysis.' })
@Entity({ name: 'situation' })
@Index(['countryIso3'])
export class Situation extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country the situation is in.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field(() => SituationStatus)
  @Column({ type: 'enum', enum: SituationStatus, enumName: 'situation_status', default: SituationStatus.MONITORING })
  status: SituationStatus;

  @Field(() => [Crime], { description: 'The crimes the situation is monitored for.' })
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, default: () => "'{}'" })
  crimes: Crime[];

  @Field(() => [Crime], { description: INCITEMENT_DESCRIPTION })
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, default: () => "'{}'" })
  incitement: Crime[];

  @Field(() => LocalDate)
  @Column({ type: 'date', name: 'opened_on' })
  openedOn: string;

  @Field({ description: 'True for the illustrative seed data: not a real assessment of a real country.' })
  @Column({ type: 'boolean', default: false })
  illustrative: boolean;
}
