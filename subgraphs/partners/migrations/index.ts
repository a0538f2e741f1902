// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606343722 } from './1795606343722-Init';
import { AuditTrail1795607204223 } from './1795607204223-AuditTrail';
import { Idempotency1795607798530 } from './1795607798530-Idempotency';
import { SharingDefaults1795609095412 } from './1795609095412-SharingDefaults';
import { Confidentiality1795610000001 } from './1795610000001-Confidentiality';
import { AuditLayout1796200000000 } from './1796200000000-AuditLayout';
import { PartnersModel1796360000000 } from './1796360000000-PartnersModel';
import { FocalPointTerms1796380000000 } from './1796380000000-FocalPointTerms';
import { OfficeName1796394000000 } from './1796394000000-OfficeName';
import { PartnerLaunch1796395000000 } from './1796395000000-PartnerLaunch';

export const migrations = [
  Init1795606343722,
  AuditTrail1795607204223,
  Idempotency1795607798530,
  SharingDefaults1795609095412,
  Confidentiality1795610000001,
  AuditLayout1796200000000,
  PartnersModel1796360000000,
  FocalPointTerms1796380000000,
  OfficeName1796394000000,
  PartnerLaunch1796395000000,
];
