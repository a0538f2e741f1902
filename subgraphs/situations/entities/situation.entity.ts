// A situation under monitoring, in one country or across several (a cross-border or regional
// situation): what assessments, incidents and alerts attach to.
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';
import { Crime, INCITEMENT_DESCRIPTION } from '../../kernel/schema/vocabulary';
import { ListSize } from '../../kernel/schema/list-size';
import { ProtectedGroup, PROTECTED_GROUP_LIMITS } from './protected-group';

export enum SituationStatus {
  MONITORING = 'MONITORING',
  ESCALATING = 'ESCALATING',
  DE_ESCALATING = 'DE_ESCALATING',
  CLOSED = 'CLOSED',
}
registerEnumType(SituationStatus, { name: 'SituationStatus' });

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A situation monitored against the Framework of Analysis: in one country, or across several for a cross-border or regional situation and its regional implications.',
})
@Entity({ name: 'situation' })
@Index(['countryIso3'])
// A GIN index over country_codes, so that "situations concerning any of these countries" (&&) is
// an index scan. TypeORM cannot declare a GIN index: the migration creates it, and synchronize:
// false keeps the schema builder from dropping it.
@Index('situation_country_codes_gin', { synchronize: false })
export class Situation extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({
    description:
      'ISO 3166-1 alpha-3 code of the primary country of the situation: the first of countryCodes (for a situation in one country, its only one). Kept for clients written before situations could concern several countries.',
  })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field(() => [String], {
    description:
      'ISO 3166-1 alpha-3 codes of every country the situation concerns, the primary country (countryIso3) first. Queries by country, region and partner membership find the situation through any of them.',
  })
  @Column({ type: 'char', length: 3, array: true, name: 'country_codes' })
  countryCodes: string[];

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

  @ListSize(PROTECTED_GROUP_LIMITS.groups)
  @Field(() => [ProtectedGroup], { description: 'The protected groups the situation concerns (who is at risk).' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  groups: ProtectedGroup[];
}
