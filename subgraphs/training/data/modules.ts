// The training modules of the seed. First the four the Office's record names as its modules (shared/domain.md,
// "Corrections and additions": their titles are the record's words, the descriptions the hub's summaries);
// then the hub's own modules, which the seed links recorded sessions to by their subject: titles in the Office's
// vocabulary, descriptions the hub's summaries, not quotations from a published curriculum.
export interface ModuleRecord {
  code: string;
  title: string;
  description: string;
  namedInRecord: boolean;
}

const OFFICE_MODULE = "One of the Office's modules as its record names them; the description is the hub's summary.";

export const MODULES: readonly ModuleRecord[] = [
  {
    code: 'PREVENTION-FRAMEWORK',
    title: 'Establishing a framework for prevention',
    description: `Setting up the institutions and working methods through which a State or region prevents atrocity crimes. ${OFFICE_MODULE}`,
    namedInRecord: true,
  },
  {
    code: 'EARLY-WARNING-SYSTEM',
    title: 'Strategies and methodologies for an effective early-warning system',
    description: `How to collect, analyse and channel information on the risk of atrocity crimes to those who can act. ${OFFICE_MODULE}`,
    namedInRecord: true,
  },
  {
    code: 'EWER-ACTION-PLAN',
    title: 'Developing a regional or national action plan for early warning and early response',
    description: `Turning early warning into a plan of early response, at regional or national level. ${OFFICE_MODULE}`,
    namedInRecord: true,
  },
  {
    code: 'GENOCIDE-CAUSES',
    title: 'The causes and dynamics of genocide',
    description: `Why and how genocide and related crimes happen, and the risk factors that point to them. ${OFFICE_MODULE}`,
    namedInRecord: true,
  },
  {
    code: 'FOA-INTRO',
    title: 'Introduction to the Framework of Analysis for Atrocity Crimes',
    description:
      "The Office's framework for assessing the risk of atrocity crimes: the 2014 framework's fourteen risk factors and their indicators, and the eight categories of the earlier (2009) framework.",
    namedInRecord: false,
  },
  {
    code: 'EW-INDICATORS',
    title: 'Early-warning indicators and reporting',
    description:
      'Recognising the indicators of each risk factor in incident and situation reporting, and channelling what is seen to those who can act.',
    namedInRecord: false,
  },
  {
    code: 'HATE-SPEECH',
    title: 'Hate speech and incitement to violence',
    description:
      'Identifying hate speech and incitement that could lead to atrocity crimes, and the responses open to states, media and communities.',
    namedInRecord: false,
  },
  {
    code: 'NC-MANDATE',
    title: 'Mandates of national and regional committees',
    description:
      'The role of national committees for the prevention of genocide and of the ICGLR Regional Committee under the ICGLR Protocol: mandate, composition, working methods and reporting lines.',
    namedInRecord: false,
  },
  {
    code: 'INTERFAITH',
    title: 'Inter-faith dialogue for atrocity prevention',
    description: 'The part religious leaders and faith-based actors play in preventing incitement and in mediating between communities.',
    namedInRecord: false,
  },
];
