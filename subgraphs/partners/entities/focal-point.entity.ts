// A partner's named contact for early warning or training; contact details are the partner's to share.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

@ObjectType({ description: "A partner organisation's focal point for the Office." })
@Entity({ name: 'focal_point' })
@Index(['partnerCode'])
export class FocalPoint extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 16, name: 'partner_code' })
  partnerCode: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'Role, e.g. "ECOWARN early-warning focal point".' })
  @Column({ type: 'varchar', length: 200 })
  role: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Country the focal point covers, when national.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3', nullable: true })
  countryIso3: string | null;
}
