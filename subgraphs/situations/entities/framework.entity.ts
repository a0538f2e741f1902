// The Framework of Analysis as data: frameworks, their risk factors and indicators, so that a
// revised framework is loaded, not coded, and assessments under the 2009 framework still load.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

export enum CrimeScope {
  COMMON = 'COMMON',
  GENOCIDE = 'GENOCIDE',
  CRIMES_AGAINST_HUMANITY = 'CRIMES_AGAINST_HUMANITY',
  WAR_CRIMES = 'WAR_CRIMES',
}
registerEnumType(CrimeScope, {
  name: 'CrimeScope',
  description: 'Which atrocity crimes a risk factor concerns: common to all of them, or specific to one.',
  valuesConfig: {
    COMMON: { description: 'Common to all atrocity crimes (risk factors 1 to 8 of the 2014 Framework).' },
    GENOCIDE: { description: 'Specific to genocide.' },
    CRIMES_AGAINST_HUMANITY: { description: 'Specific to crimes against humanity.' },
    WAR_CRIMES: { description: 'Specific to war crimes.' },
  },
});

// Whether a factor's or indicator's wording may be cited as the framework's own: the hub holds the
// 2014 text only in part, and what it could not check must not pass for the official wording.
export enum WordingStatus {
  VERIFIED = 'VERIFIED',
  PARAPHRASED = 'PARAPHRASED',
  RECONSTRUCTED = 'RECONSTRUCTED',
}
registerEnumType(WordingStatus, {
  name: 'WordingStatus',
  description: "How far the hub's wording of a risk factor or indicator follows the framework's source document.",
  valuesConfig: {
    VERIFIED: { description: "Checked against the source document's text: may be cited as the framework's wording." },
    PARAPHRASED: {
      description: "Follows the source's meaning, but the wording was not checked against it: do not quote it as the official text.",
    },
    RECONSTRUCTED: {
      description:
        'Written from memory or secondary accounts of the source: the wording, the numbering or the completeness of the list may differ from the official text.',
    },
  },
});

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

  @Field({
    description:
      'The document the framework version comes from, e.g. "United Nations, Framework of Analysis for Atrocity Crimes: A Tool for Prevention, 2014", or the scheme a partner loaded.',
  })
  @Column({ type: 'text' })
  source: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the hub holds of the source and how far it was checked, when the hub holds it only in part.',
  })
  @Column({ type: 'text', name: 'source_note', nullable: true })
  sourceNote: string | null;

  @Field({
    description:
      "True when the indicator codes are the hub's own numbering, not the source's (the 2009 framework's 1.1 ... 8.6): cite the indicator's text, not its code, outside the hub.",
  })
  @Column({ type: 'boolean', name: 'hub_numbering', default: false })
  hubNumbering: boolean;
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

  @Field(() => WordingStatus, { description: "How far the factor's title and description follow the framework's source document." })
  @Column({ type: 'enum', enum: WordingStatus, enumName: 'wording_status', name: 'wording_status', default: WordingStatus.RECONSTRUCTED })
  wordingStatus: WordingStatus;

  @Field(() => String, {
    nullable: true,
    description: "What is known about the factor's wording and its list of indicators, e.g. that the official list is longer.",
  })
  @Column({ type: 'text', name: 'wording_note', nullable: true })
  wordingNote: string | null;
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

  @Field(() => WordingStatus, { description: "How far the indicator's text follows the framework's source document." })
  @Column({ type: 'enum', enum: WordingStatus, enumName: 'wording_status', name: 'wording_status', default: WordingStatus.RECONSTRUCTED })
  wordingStatus: WordingStatus;

  @Field(() => String, { nullable: true, description: "What is known about the indicator's wording, e.g. which part was not checked." })
  @Column({ type: 'text', name: 'wording_note', nullable: true })
  wordingNote: string | null;
}
