// The input naming a protected group, shared by openSituation, updateSituation, addRiskAssessment,
// reportIncident and correctIncident. rules/protected-group.rules.ts checks the names (trimmed,
// not blank, bounded) and the list as a whole, with the words the importer uses too.
import { Field, InputType } from 'type-graphql';
import { ProtectedGroupKind, PROTECTED_GROUP_LIMITS } from '../entities/protected-group';

@InputType({ description: 'A protected group the record concerns: its kind under the Genocide Convention and its own name.' })
export class ProtectedGroupInput {
  @Field(() => ProtectedGroupKind, { description: 'National, ethnical, racial or religious.' })
  kind: ProtectedGroupKind;

  @Field({ description: `The group's own name; trimmed, 1 to ${PROTECTED_GROUP_LIMITS.name} characters.` })
  name: string;
}
