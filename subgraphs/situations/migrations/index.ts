// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606346554 } from './1795606346554-Init';
import { AuditTrail1795607206820 } from './1795607206820-AuditTrail';
import { Idempotency1795607792612 } from './1795607792612-Idempotency';
import { Confidentiality1795610000000 } from './1795610000000-Confidentiality';
import { LatestAssessment1796173625344 } from './1796173625344-LatestAssessment';
import { AuditLayout1796200000000 } from './1796200000000-AuditLayout';
import { CrimeLists1796231609177 } from './1796231609177-CrimeLists';
import { ExerciseSituations1796233000000 } from './1796233000000-ExerciseSituations';
import { ProtectedGroups1796320000000 } from './1796320000000-ProtectedGroups';
import { RegionsAndSourceBases1796330000000 } from './1796330000000-RegionsAndSourceBases';
import { FrameworkWording1796340000000 } from './1796340000000-FrameworkWording';
import { EventTypeCodes1796350000000 } from './1796350000000-EventTypeCodes';
import { ExerciseScenarios1796396000000 } from './1796396000000-ExerciseScenarios';

export const migrations = [
  Init1795606346554,
  AuditTrail1795607206820,
  Idempotency1795607792612,
  Confidentiality1795610000000,
  LatestAssessment1796173625344,
  AuditLayout1796200000000,
  CrimeLists1796231609177,
  ExerciseSituations1796233000000,
  ProtectedGroups1796320000000,
  RegionsAndSourceBases1796330000000,
  FrameworkWording1796340000000,
  EventTypeCodes1796350000000,
  ExerciseScenarios1796396000000,
];
