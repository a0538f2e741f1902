// A CEWARN field report: what IGAD's field monitors report from a country, owned by IGAD and
// classified like every hub record (OwnedRecord: owner, TLP classification, sharedWith), so the
// kernel's policy decides who reads it.
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDate, OwnedRecord } from '@hub/kernel';

@ObjectType('CewarnFieldReport', { description: "A field report of IGAD's CEWARN on a country." })
@Entity({ name: 'field_report' })
@Index(['countryIso3', 'reportedOn'])
@Check('CHK_field_report_country', `country_iso3 ~ '^[A-Z]{3}$'`)
export class FieldReport extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country reported on.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  // The situation the report concerns, if any. Not in the schema: a situation is the situations
  // subgraph's to show (README "Who sees what"), so the report is reached from Situation.cewarnReports.
  @Index()
  @Column({ type: 'uuid', name: 'situation_id', nullable: true })
  situationId: string | null;

  @Field(() => LocalDate, { description: 'The day the field monitor reported.' })
  @Column({ type: 'date', name: 'reported_on' })
  reportedOn: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field({ description: 'A short summary of what was observed (at most 2000 characters).' })
  @Column({ type: 'varchar', length: 2000 })
  summary: string;
}
