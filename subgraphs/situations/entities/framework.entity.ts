// The Framework of Analysis as data: frameworks, their risk factors and indicators, so that a
// revised framework is loaded, not coded, and assessments under the 2009 framework still load.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

export enum CrimeScope {
  ALL = 'ALL',
  GENOCIDE = 'GENOCIDE',
  CRIMES_AGAINST_HUMANITY = 'CRIMES_AGAINST_HUMANITY',
  WAR_CRIMES = 'WAR_CRIMES',
}
registerEnumType(CrimeScope, { name: 'CrimeScope', description: 'Which crimes a risk factor is specific to (ALL: common to all).' });

@ObjectType({ description: 'A version of the Framework of Analysis for Atrocity Crimes.' })
@Entity({ name: 'framework' })
export class Framework extends OwnedRecord {
  @Field(() => ID, { description: 'The framework version, e.g. "2014", "2009"; assessments cite it as frameworkVersion.' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  year: number;

  @Field()
  @Column({ type: 'text' })
  description: string;
}

@ObjectType({ description: 'A risk factor (2014) or category of factors (2009) of a framework.' })
@Entity({ name: 'risk_factor' })
@Index(['frameworkVersion', 'code'], { unique: true })
export class RiskFactor extends OwnedRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 20, name: 'framework_version' })
  frameworkVersion: string;

  @Field({ description: 'e.g. "RF1" (2014) or "C1" (2009).' })
  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  number: number;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => CrimeScope)
  @Column({ type: 'enum', enum: CrimeScope, enumName: 'crime_scope' })
  scope: CrimeScope;
}

@ObjectType({ description: 'A numbered indicator of a risk factor, e.g. 1.1.' })
@Entity({ name: 'indicator' })
@Index(['riskFactorId', 'code'], { unique: true })
export class Indicator extends OwnedRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'risk_factor_id' })
  riskFactorId: string;

  @Field()
  @Column({ type: 'varchar', length: 20, name: 'framework_version' })
  frameworkVersion: string;

  @Field({ description: 'e.g. "1.1".' })
  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Field(() => Int, { description: 'Position within the risk factor, for ordering.' })
  @Column({ type: 'int' })
  position: number;

  @Field()
  @Column({ type: 'text' })
  text: string;
}
