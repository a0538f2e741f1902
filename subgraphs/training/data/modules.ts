// The training modules the seed links sessions to. Titles follow the Office's own vocabulary;
// the descriptions are the hub's summaries, not quotations from a published curriculum.
export interface ModuleRecord {
  code: string;
  title: string;
  description: string;
}

export const MODULES: readonly ModuleRecord[] = [
  {
    code: 'FOA-INTRO',
    title: 'Introduction to the Framework of Analysis for Atrocity Crimes',
    description:
      "The Office's framework for assessing the risk of atrocity crimes: the 2014 framework's fourteen risk factors and their indicators, and the eight categories of the earlier (2009) framework.",
  },
  {
    code: 'EW-INDICATORS',
    title: 'Early-warning indicators and reporting',
    description:
      'Recognising the indicators of each risk factor in incident and situation reporting, and channelling what is seen to those who can act.',
  },
  {
    code: 'HATE-SPEECH',
    title: 'Hate speech and incitement to violence',
    description:
      'Identifying hate speech and incitement that could lead to atrocity crimes, and the responses open to states, media and communities.',
  },
  {
    code: 'NC-MANDATE',
    title: 'Mandates of national and regional committees',
    description:
      'The role of national committees for the prevention of genocide and of the ICGLR Regional Committee under the ICGLR Protocol: mandate, composition, working methods and reporting lines.',
  },
  {
    code: 'INTERFAITH',
    title: 'Inter-faith dialogue for atrocity prevention',
    description: 'The part religious leaders and faith-based actors play in preventing incitement and in mediating between communities.',
  },
];
