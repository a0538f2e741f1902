// Ownership and classification carried by every stored record, in every subgraph. Enforcing
// who may read and write lives in the access policy; this module only models the data.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Traffic Light Protocol 2.0 levels, as the hub applies them (see README "Who sees what"). */
export enum Classification {
  CLEAR = 'CLEAR',
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  AMBER_STRICT = 'AMBER_STRICT',
  RED = 'RED',
}

registerEnumType(Classification, {
  name: 'Classification',
  description:
    "Traffic Light Protocol 2.0 level of a record. Against the UN's information sensitivity levels (ST/SGB/2007/6), as the hub maps them: RED is strictly confidential, AMBER_STRICT and AMBER are confidential, GREEN and CLEAR are unclassified (GREEN within the hub's community, CLEAR public).",
  valuesConfig: {
    CLEAR: { description: 'Anyone may read it, also without a token. UN sensitivity: unclassified, public.' },
    GREEN: {
      description:
        "The community: any authenticated member of the hub (the hub's organisations, not the public). UN sensitivity: unclassified, not for public disclosure.",
    },
    AMBER: { description: 'The owner organisation and the organisations listed in sharedWith. UN sensitivity: confidential.' },
    AMBER_STRICT: {
      description: 'As AMBER; recipients may not derive anything classified lower or shared wider. UN sensitivity: confidential.',
    },
    RED: { description: 'The owner organisation and the individual users it names. UN sensitivity: strictly confidential.' },
  },
});

@ObjectType({ description: 'Ownership and classification fields every record carries.' })
export abstract class OwnedRecord {
  @Field({ description: 'Code of the organisation that owns the record and decides who may read it.' })
  @Column({ type: 'varchar', length: 16, name: 'owner_org' })
  ownerOrg: string;

  @Field({ description: 'Code of the organisation that created the record (may differ from the owner).' })
  @Column({ type: 'varchar', length: 16, name: 'created_by_org' })
  createdByOrg: string;

  @Field(() => Classification)
  @Column({ type: 'enum', enum: Classification, enumName: 'classification', default: Classification.GREEN })
  classification: Classification;

  @Field(() => [String], { description: 'Organisations (codes) the owner shares an AMBER or AMBER_STRICT record with.' })
  @Column({ type: 'varchar', array: true, name: 'shared_with', default: () => "'{}'" })
  sharedWith: string[];

  // RED's named recipients: user ids (JWT `sub`). Not exposed in the schema: who is named is itself sensitive.
  @Column({ type: 'varchar', array: true, name: 'shared_with_users', default: () => "'{}'" })
  sharedWithUsers: string[];

  @Field()
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back when updating (optimistic concurrency).' })
  @VersionColumn({ type: 'int' })
  version: number;
}

/** Ownership fields a seed or a create path supplies. */
export interface Ownership {
  ownerOrg: string;
  createdByOrg?: string;
  classification: Classification;
  sharedWith?: string[];
  sharedWithUsers?: string[];
}

export function ownership(o: Ownership): Pick<OwnedRecord, 'ownerOrg' | 'createdByOrg' | 'classification' | 'sharedWith' | 'sharedWithUsers'> {
  return {
    ownerOrg: o.ownerOrg,
    createdByOrg: o.createdByOrg ?? o.ownerOrg,
    classification: o.classification,
    sharedWith: o.sharedWith ?? [],
    sharedWithUsers: o.sharedWithUsers ?? [],
  };
}
