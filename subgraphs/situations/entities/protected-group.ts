// Who is at risk: the protected groups a situation, assessment or incident concerns, each named as
// the Genocide Convention (article II) names them, by kind, and by the group's own name.
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ProtectedGroupKind {
  NATIONAL = 'NATIONAL',
  ETHNICAL = 'ETHNICAL',
  RACIAL = 'RACIAL',
  RELIGIOUS = 'RELIGIOUS',
}
registerEnumType(ProtectedGroupKind, {
  name: 'ProtectedGroupKind',
  description: 'The kinds of group the Genocide Convention protects: a national, ethnical, racial or religious group.',
});

export const PROTECTED_GROUP_KINDS: readonly ProtectedGroupKind[] = Object.values(ProtectedGroupKind);

/** How long a group's name may be and how many groups one record names. */
export const PROTECTED_GROUP_LIMITS = { name: 200, groups: 20 } as const;

@ObjectType({ description: 'A protected group the record concerns: its kind under the Genocide Convention and its own name.' })
export class ProtectedGroup {
  @Field(() => ProtectedGroupKind, { description: 'National, ethnical, racial or religious, as the Genocide Convention puts it.' })
  kind: ProtectedGroupKind;

  @Field({ description: 'The name of the group, as the author gives it.' })
  name: string;
}
