// Risk factors and indicators of the UN "Framework of Analysis for Atrocity Crimes: A tool for prevention"
// (United Nations, 2014) and the categories of the Office's 2009 genocide analysis framework, as loadable data.
// Each factor and indicator says how far its wording was checked (WordingStatus): the hub holds the
// 2014 text only in part (domain.md, "Corrections and additions"). A correction to rows already in a
// database is a migration that UPDATEs them, made together with the change here (README "The Framework").

export type CrimeScope = 'COMMON' | 'GENOCIDE' | 'CRIMES_AGAINST_HUMANITY' | 'WAR_CRIMES';
export type WordingStatus = 'VERIFIED' | 'PARAPHRASED' | 'RECONSTRUCTED';

export interface IndicatorRecord {
  code: string;
  text: string;
  /** Overrides the factor's indicatorWording for this indicator. */
  wording?: WordingStatus;
  wordingNote?: string;
}

export interface RiskFactorRecord {
  code: string;
  number: number;
  title: string;
  description: string;
  scope: CrimeScope;
  /** How far the factor's title and description were checked against the source. */
  wording: WordingStatus;
  /** How far its indicators were checked, unless an indicator says otherwise. */
  indicatorWording: WordingStatus;
  wordingNote?: string;
  indicators: IndicatorRecord[];
}

export interface FrameworkRecord {
  version: string;
  title: string;
  year: number;
  description: string;
  source: string;
  sourceNote?: string;
  /** The indicator codes are the hub's numbering, not the source's. */
  hubNumbering: boolean;
  riskFactors: RiskFactorRecord[];
}

/** The wording status an indicator of `factor` carries. */
export const indicatorWording = (factor: RiskFactorRecord, indicator: IndicatorRecord): WordingStatus => indicator.wording ?? factor.indicatorWording;

// domain.md, "Corrections and additions": risk factors 7, 8, 9 and 13 were checked against partial
// copies of the 2014 text; the other factors' indicators are paraphrased or reconstructed.
export const FRAMEWORK_2014_NOTE =
  "The hub holds the 2014 text only in part: risk factors 7, 8, 9 and 13 were checked against partial copies of the official text; the other factors' titles follow the official list, but their descriptions and indicators are paraphrased or reconstructed (see each one's wordingStatus) and must not be quoted as the official wording.";

export const FRAMEWORK_2014: FrameworkRecord = {
  version: '2014',
  title: 'Framework of Analysis for Atrocity Crimes: A tool for prevention',
  year: 2014,
  description:
    'Fourteen risk factors, eight common to all atrocity crimes and six specific to genocide, crimes against humanity or war crimes, each with indicators. It has no numeric scale: the more factors and indicators present, the greater the risk.',
  source: 'United Nations, Framework of Analysis for Atrocity Crimes: A Tool for Prevention, 2014',
  sourceNote: FRAMEWORK_2014_NOTE,
  hubNumbering: false,
  riskFactors: [
    {
      code: 'RF1',
      number: 1,
      title: 'Situations of armed conflict or other forms of instability',
      description: 'Situations that place a State under stress and generate an environment conducive to atrocity crimes.',
      scope: 'COMMON',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      wordingNote: 'Title as the official list names it; the description and the indicators were not checked against the 2014 text.',
      indicators: [
        { code: '1.1', text: 'International or non-international armed conflict.' },
        {
          code: '1.2',
          text: 'Security crisis caused by, among other factors, defection from peace agreements, armed conflict in neighboring countries, threats of external interventions or acts of terrorism.',
        },
        { code: '1.3', text: 'Humanitarian crisis or emergency, including those caused by natural disasters or epidemics.' },
        { code: '1.4', text: 'Political instability caused by abrupt or irregular regime change or transfer of power.' },
        { code: '1.5', text: 'Political instability caused by disputes over power or growing nationalist, armed or radical opposition movements.' },
        { code: '1.6', text: 'Political tension caused by autocratic regimes or severe political repression.' },
        { code: '1.7', text: 'Economic instability caused by scarcity of resources or disputes over their use or exploitation.' },
        { code: '1.8', text: 'Economic instability caused by severe crisis in the national economy.' },
        { code: '1.9', text: 'Economic instability caused by acute poverty, mass unemployment or deep horizontal inequalities.' },
        { code: '1.10', text: 'Social instability caused by resistance to or mass protests against State authority or policies.' },
        { code: '1.11', text: 'Social instability caused by exclusion or tensions based on identity issues, their perception or extremist forms.' },
      ],
    },
    {
      code: 'RF2',
      number: 2,
      title: 'Record of serious violations of international human rights and humanitarian law',
      description:
        'Past or current serious violations of international human rights and humanitarian law, particularly if assuming an early pattern of conduct, including those amounting to atrocity crimes, that have not been prevented, punished or adequately addressed and so create a risk of further violations.',
      scope: 'COMMON',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      wordingNote: 'Title as the official list names it; the description and the indicators were not checked against the 2014 text.',
      indicators: [
        {
          code: '2.1',
          text: 'Past or present serious restrictions to or violations of international human rights and humanitarian law, particularly if assuming an early pattern of conduct and if targeting protected groups, populations or individuals.',
        },
        { code: '2.2', text: 'Past acts of genocide, crimes against humanity, war crimes or their incitement.' },
        {
          code: '2.3',
          text: 'Policy or practice of impunity for or tolerance of serious violations of international human rights and humanitarian law, of atrocity crimes, or of their incitement.',
        },
        {
          code: '2.4',
          text: 'Inaction, reluctance or refusal to use all possible means to stop planned, predictable or ongoing serious violations of international human rights and humanitarian law or likely atrocity crimes, or their incitement.',
        },
        {
          code: '2.5',
          text: 'Continuation of support to groups accused of involvement in serious violations of international human rights and humanitarian law, including atrocity crimes, or failure to condemn their actions.',
        },
        {
          code: '2.6',
          text: 'Justification, biased accounts or denial of serious violations of international human rights and humanitarian law or atrocity crimes.',
        },
        { code: '2.7', text: 'Politicization or absence of reconciliation or transitional justice processes following conflict.' },
        { code: '2.8', text: 'Widespread mistrust in State institutions or among different groups as a result of impunity.' },
      ],
    },
    {
      code: 'RF3',
      number: 3,
      title: 'Weakness of State structures',
      description: 'Circumstances that negatively affect the capacity of a State to prevent or halt atrocity crimes.',
      scope: 'COMMON',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      wordingNote: 'Title as the official list names it; the description and the indicators were not checked against the 2014 text.',
      indicators: [
        {
          code: '3.1',
          text: 'National legal framework that does not offer ample and effective protection, including through ratification and domestication of relevant international human rights and humanitarian law treaties.',
        },
        {
          code: '3.2',
          text: 'National institutions, particularly judicial, law enforcement and human rights institutions that lack sufficient resources, adequate representation or training.',
        },
        { code: '3.3', text: 'Lack of an independent and impartial judiciary.' },
        { code: '3.4', text: 'Lack of effective civilian control of security forces.' },
        { code: '3.5', text: 'High levels of corruption or poor governance.' },
        {
          code: '3.6',
          text: 'Absence or inadequate external or internal mechanisms of oversight and accountability, including those where victims can seek recourse for their claims.',
        },
        {
          code: '3.7',
          text: 'Lack of awareness of and training on international human rights and humanitarian law to military forces, irregular forces and non-State armed groups, or other relevant actors.',
        },
        { code: '3.8', text: 'Lack of capacity to ensure means and methods of warfare comply with international humanitarian law standards.' },
        { code: '3.9', text: 'Lack of resources for reform or institution-building, including through regional or international support.' },
        { code: '3.10', text: 'Insufficient resources to implement overall measures aimed at protecting populations.' },
      ],
    },
    {
      code: 'RF4',
      number: 4,
      title: 'Motives or incentives',
      description:
        'Reasons, aims or drivers that justify the use of violence against protected groups, populations or individuals, including by actors outside of State borders.',
      scope: 'COMMON',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      wordingNote: 'Title as the official list names it; the description and the indicators were not checked against the 2014 text.',
      indicators: [
        { code: '4.1', text: 'Political motives, particularly those aimed at the attainment or consolidation of power.' },
        {
          code: '4.2',
          text: 'Economic interests, including those based on the safeguard and well-being of elites or identity groups, or control over the distribution of resources.',
        },
        { code: '4.3', text: 'Strategic or military interests, including those based on protection or seizure of territory and resources.' },
        { code: '4.4', text: 'Other interests, including those aimed at rendering an area homogeneous in its identity.' },
        {
          code: '4.5',
          text: 'Real or perceived threats posed by protected groups, populations or individuals, against interests or objectives of perpetrators, including perceptions of disloyalty to a cause.',
        },
        {
          code: '4.6',
          text: 'Membership of or strong allegiance to ideologies based on the superiority of a certain identity or on extremist versions of identity.',
        },
        { code: '4.7', text: 'Politicization of past grievances, tensions or impunity.' },
        {
          code: '4.8',
          text: 'Social trauma caused by past incidents of violence not adequately addressed and that produced feelings of loss, displacement, injustice and a possible desire for revenge.',
        },
      ],
    },
    {
      code: 'RF5',
      number: 5,
      title: 'Capacity to commit atrocity crimes',
      description: 'Conditions that indicate the ability of relevant actors to commit atrocity crimes.',
      scope: 'COMMON',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      wordingNote: 'Title as the official list names it; the description and the indicators were not checked against the 2014 text.',
      indicators: [
        {
          code: '5.1',
          text: 'Availability of personnel and of arms and ammunition, or of the financial resources, public or private, for their procurement.',
        },
        { code: '5.2', text: 'Capacity to transport and deploy personnel and to transport and distribute arms and ammunition.' },
        {
          code: '5.3',
          text: 'Capacity to encourage or recruit large numbers of supporters from populations or groups, and availability of the means to mobilize them.',
        },
        { code: '5.4', text: 'Strong culture of obedience to authority and group conformity.' },
        { code: '5.5', text: 'Presence of or links with other armed forces or with non-State armed groups.' },
        {
          code: '5.6',
          text: 'Presence of commercial actors or companies that can serve as enablers by providing goods, services, or other forms of practical or technical support that help sustain perpetrators.',
        },
        { code: '5.7', text: 'Financial, political or other support of influential or wealthy national actors.' },
        {
          code: '5.8',
          text: 'Armed, financial, logistic, training or other support of external actors, including States, international or regional organizations, private companies, or others.',
        },
      ],
    },
    {
      code: 'RF6',
      number: 6,
      title: 'Absence of mitigating factors',
      description:
        'Absence of elements that, if present, could contribute to preventing or to lessening the impact of serious acts of violence against protected groups, populations or individuals.',
      scope: 'COMMON',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      wordingNote:
        'Title as the official list names it; the description and the indicators were not checked against the 2014 text. The end of 6.1 is from memory.',
      // 6.1: the end of the sentence is from memory, not checked against the 2014 text.
      indicators: [
        {
          code: '6.1',
          text: 'Limited or lack of empowerment processes, institutions or mechanisms that support protected groups, populations or individuals.',
          wording: 'RECONSTRUCTED',
          wordingNote: 'The end of the sentence is from memory, not checked against the 2014 text.',
        },
        {
          code: '6.2',
          text: 'Lack of a strong, organized and representative national civil society and of a free, diverse and independent national media.',
        },
        { code: '6.3', text: 'Lack of interest and focus of international civil society actors or of access to international media.' },
        {
          code: '6.4',
          text: 'Lack of or limited presence of the United Nations, INGOs or other international or regional actors in the country and with access to populations.',
        },
        {
          code: '6.5',
          text: 'Lack of membership and effective participation of the State in international or regional organizations that establish mandatory membership obligations.',
        },
        { code: '6.6', text: 'Lack of exposure, openness or establishment of political or economic relations with other States or organizations.' },
        { code: '6.7', text: 'Limited cooperation of the State with international and regional human rights mechanisms.' },
        {
          code: '6.8',
          text: 'Lack of incentives or willingness of parties to a conflict to engage in dialogue, make concessions and receive support from the international community.',
        },
        {
          code: '6.9',
          text: 'Lack of interest, reluctance or failure of United Nations Member States or international or regional organizations to support a State to exercise its responsibility to protect populations from atrocity crimes, or to take action when the State manifestly fails that responsibility.',
        },
        {
          code: '6.10',
          text: 'Lack of support by neighboring States to protect populations at risk and in need of refuge, including by closure of borders, forced repatriation or aid restrictions.',
        },
        { code: '6.11', text: 'Lack of an early warning mechanism relevant to the prevention of atrocity crimes.' },
      ],
    },
    {
      code: 'RF7',
      number: 7,
      title: 'Enabling circumstances or preparatory action',
      description:
        'Events or measures, whether gradual or sudden, which provide an environment conducive to the commission of atrocity crimes, or which suggest a trajectory towards their perpetration.',
      scope: 'COMMON',
      wording: 'VERIFIED',
      indicatorWording: 'VERIFIED',
      wordingNote: 'Checked against a partial copy of the 2014 text.',
      indicators: [
        { code: '7.1', text: 'Imposition of emergency laws or extraordinary security measures that erode fundamental rights.' },
        {
          code: '7.2',
          text: 'Suspension of or interference with vital State institutions, or measures that result in changes in their composition or balance of power, particularly if this results in the exclusion or lack of representation of protected groups.',
        },
        {
          code: '7.3',
          text: 'Strengthening of the security apparatus, its reorganization or mobilization against protected groups, populations or individuals.',
        },
        { code: '7.4', text: 'Acquisition of large quantities of arms and ammunition or of other objects that could be used to inflict harm.' },
        { code: '7.5', text: 'Creation of, or increased support to, militia or paramilitary groups.' },
        { code: '7.6', text: 'Imposition of strict control on the use of communication channels, or banning access to them.' },
        {
          code: '7.7',
          text: 'Expulsion or refusal to allow the presence of NGOs, international organizations, media or other relevant actors, or imposition of severe restrictions on their services and movements.',
        },
        {
          code: '7.8',
          text: 'Increased violations of the right to life, physical integrity, liberty or security of members of protected groups, populations or individuals, or recent adoption of measures or legislation that affect or deliberately discriminate against them.',
        },
        {
          code: '7.9',
          text: 'Increased serious acts of violence against women and children, or creation of conditions that facilitate acts of sexual violence against those groups, including as a tool of terror.',
        },
        {
          code: '7.10',
          text: 'Imposition of life-threatening living conditions or the deportation, seizure, collection, segregation, evacuation, or forced displacement or transfer of protected groups, populations or individuals to camps, rural areas, ghettos or other assigned locations.',
        },
        {
          code: '7.11',
          text: 'Destruction or plundering of essential goods or installations for protected groups, populations or individuals, or of property related to cultural and religious identity.',
        },
        { code: '7.12', text: 'Marking of people or their property based on affiliation to a group.' },
        { code: '7.13', text: 'Increased politicization of identity, past events or motives to engage in violence.' },
        {
          code: '7.14',
          text: 'Increased inflammatory rhetoric, propaganda campaigns or hate speech targeting protected groups, populations or individuals.',
        },
      ],
    },
    {
      code: 'RF8',
      number: 8,
      title: 'Triggering factors',
      description:
        'Events or circumstances that, even if seemingly unrelated to atrocity crimes, may seriously exacerbate existing conditions or may spark their onset.',
      scope: 'COMMON',
      wording: 'VERIFIED',
      indicatorWording: 'VERIFIED',
      wordingNote: 'Checked against a partial copy of the 2014 text.',
      indicators: [
        { code: '8.1', text: 'Sudden deployment of security forces or commencement of armed hostilities.' },
        { code: '8.2', text: 'Spillover of armed conflicts or serious tensions in neighboring countries.' },
        { code: '8.3', text: "Measures taken by the international community perceived as threatening to a States' sovereignty." },
        { code: '8.4', text: 'Abrupt or irregular regime changes, transfers of power, or changes in political power of groups.' },
        {
          code: '8.5',
          text: 'Attacks against the life, physical integrity, liberty or security of leaders, prominent individuals or members of opposing groups. Other serious acts of violence, such as terrorist attacks.',
        },
        {
          code: '8.6',
          text: 'Religious events or real or perceived acts of religious intolerance or disrespect, including outside national borders.',
        },
        { code: '8.7', text: 'Acts of incitement or hate propaganda targeting particular groups or individuals.' },
        { code: '8.8', text: 'Census, elections, pivotal activities related to those processes, or measures that destabilize them.' },
        {
          code: '8.9',
          text: 'Sudden changes that affect the economy or the workforce, including as a result of financial crises, natural disasters or epidemics.',
        },
        {
          code: '8.10',
          text: 'Discovery of natural resources or launching of exploitation projects that have a serious impact on the livelihoods and sustainability of groups or civilian populations.',
        },
        {
          code: '8.11',
          text: 'Commemoration events of past crimes or of traumatic or historical episodes that can exacerbate tensions between groups, including the glorification of perpetrators of atrocities.',
        },
        { code: '8.12', text: 'Acts related to accountability processes, particularly when perceived as unfair.' },
      ],
    },
    {
      code: 'RF9',
      number: 9,
      title: 'Intergroup tensions or patterns of discrimination against protected groups',
      description:
        'Past or present conduct that reveals serious prejudice against protected groups and that creates stress in the relationship among groups or with the State, generating an environment conducive to atrocity crimes.',
      scope: 'GENOCIDE',
      wording: 'VERIFIED',
      indicatorWording: 'VERIFIED',
      wordingNote: 'Checked against a partial copy of the 2014 text.',
      indicators: [
        {
          code: '9.1',
          text: 'Past or present serious discriminatory, segregational, restrictive or exclusionary practices, policies or legislation against protected groups.',
        },
        { code: '9.2', text: 'Denial of the existence of protected groups or of recognition of elements of their identity.' },
        { code: '9.3', text: 'History of atrocity crimes committed with impunity against protected groups.' },
        {
          code: '9.4',
          text: 'Past or present serious tensions or conflicts between protected groups or with the State, with regards to access to rights and resources, socioeconomic disparities, participation in decision making processes, security, expressions of group identity or to perceptions about the targeted group.',
        },
        {
          code: '9.5',
          text: 'Past or present serious tensions or conflicts involving other types of groups (political, social, cultural, geographical, etc.) that could develop along national, ethnical, racial or religious lines.',
        },
        { code: '9.6', text: 'Lack of national mechanisms or initiatives to deal with identity-based tensions or conflict.' },
      ],
    },
    {
      code: 'RF10',
      number: 10,
      title: 'Signs of an intent to destroy in whole or in part a protected group',
      description:
        'Facts or circumstances that suggest an intent, by action or omission, to destroy all or part of a protected group based on its national, ethnical, racial or religious identity, or the perception of this identity.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'RECONSTRUCTED',
      wordingNote:
        'Title as the official list names it; the indicators are from memory, not checked against the 2014 text, and the official list may be longer.',
      // From memory, not checked against the 2014 text; the official list may be longer.
      indicators: [
        {
          code: '10.1',
          text: 'Official documents, political manifests, media records, or any other documentation through which a direct intent, or incitement, to destroy a protected group in whole or in part is revealed, or could be inferred in a way that the implicit message could reasonably lead to the same result.',
        },
        {
          code: '10.2',
          text: 'Targeted physical elimination, rapid or gradual, of members of a protected group, including only selected parts of it, which could bring about the destruction of the group.',
        },
        {
          code: '10.3',
          text: 'Widespread or systematic discriminatory or targeted practices or violence against the lives, freedom or physical and moral integrity of a protected group, even if not yet reaching the level of elimination.',
        },
        {
          code: '10.4',
          text: 'Development of policies or measures that seriously affect the reproductive rights of women, or that contemplate the separation or forcible transfer of children belonging to protected groups.',
        },
        {
          code: '10.5',
          text: 'Resort to methods or practices of violence that are particularly harmful against or that dehumanize a protected group, that reveal an intention to cause humiliation, fear or terror to fragment the group, or that reveal an intention to change its identity.',
        },
        { code: '10.6', text: 'Expressions of public euphoria at having control over a protected group and its existence.' },
        {
          code: '10.7',
          text: 'Attacks against or destruction of homes, farms, businesses or other livelihoods of a protected group and/or of their cultural or religious symbols and property.',
        },
      ],
    },
    {
      code: 'RF11',
      number: 11,
      title: 'Signs of a widespread or systematic attack against any civilian population',
      description:
        'Signs of violent conduct, including an early pattern of conduct, suggesting a widespread or systematic attack against any civilian population.',
      scope: 'CRIMES_AGAINST_HUMANITY',
      wording: 'PARAPHRASED',
      indicatorWording: 'RECONSTRUCTED',
      wordingNote:
        'Title as the official list names it; the indicators are from memory, not checked against the 2014 text, and the official list is likely longer.',
      // From memory, not checked against the 2014 text; the official list is likely longer.
      indicators: [
        {
          code: '11.1',
          text: 'Signs of patterns of violence against civilian populations, or against members of an identifiable group, their property, livelihoods and cultural or religious symbols.',
        },
        {
          code: '11.2',
          text: 'Increase in the number of civilian populations or groups, or geographical areas, targeted, or in the number, types, scale or gravity of violent acts committed against civilian populations.',
        },
        {
          code: '11.3',
          text: 'Increase in the level of organization or coordination of violent acts and weapons used against civilian populations.',
        },
        { code: '11.4', text: 'Use of the media or other means to provoke or incite to violent acts.' },
        {
          code: '11.5',
          text: 'Signs of involvement of State institutions or high-level political or military authorities in violent acts committed against civilian populations.',
        },
      ],
    },
    {
      code: 'RF12',
      number: 12,
      title: 'Signs of a plan or policy to attack any civilian population',
      description:
        'Facts or evidence suggestive of a State or organizational policy, even if not explicitly stipulated or formally adopted, to commit serious acts of violence directed against any civilian population.',
      scope: 'CRIMES_AGAINST_HUMANITY',
      wording: 'PARAPHRASED',
      indicatorWording: 'RECONSTRUCTED',
      wordingNote:
        'Title as the official list names it; the indicators are from memory, not checked against the 2014 text (12.4 is paraphrased), and the official list is longer.',
      // From memory, not checked against the 2014 text; 12.4 is paraphrased and the official list is longer.
      indicators: [
        {
          code: '12.1',
          text: 'Official documents, political manifests, media records, or any other documentation through which the existence of a State or organizational plan or policy to target civilian populations or protected groups is directly revealed, or could be inferred.',
        },
        { code: '12.2', text: 'Adoption of discriminatory security procedures against different groups of the civilian population.' },
        {
          code: '12.3',
          text: 'Adoption of measures that result in the alteration of the ethnic, religious, racial or political composition of the overall population, including in defined geographical areas.',
        },
        {
          code: '12.4',
          text: 'Establishment of parallel or ad hoc structures, or of new armed or security units, that could be used to commit violent acts against civilian populations.',
        },
        { code: '12.5', text: 'Preparation and use of significant State or private resources, whether financial, military, logistic or other.' },
      ],
    },
    {
      code: 'RF13',
      number: 13,
      title: 'Serious threats to those protected under international humanitarian law',
      description:
        'Conflict-related conduct that seriously threatens the life and physical integrity of those protected under international humanitarian law.',
      scope: 'WAR_CRIMES',
      wording: 'VERIFIED',
      indicatorWording: 'VERIFIED',
      wordingNote:
        '13.1 to 13.9 checked against a partial copy of the 2014 text; the end of 13.10 is from memory, and the official list continues beyond it.',
      // 13.1-13.9 checked against a public copy; the end of 13.10 is from memory and the official list continues beyond it.
      indicators: [
        { code: '13.1', text: 'Fragmentation of parties to the conflict or disintegration or absence of chains of command within them.' },
        { code: '13.2', text: 'Mistrust between opposing parties based on past or present breaches of commitments or agreements.' },
        { code: '13.3', text: 'Increased radicalization or extremism of opposing parties within a conflict.' },
        {
          code: '13.4',
          text: 'Promotion of ethnicity or religion as a determinant of national allegiance or allegiance to a party of the conflict.',
        },
        {
          code: '13.5',
          text: 'Conduct that dehumanizes the enemy or particular groups within the population, or that exhibits disrespect for their religious, ethnic or, in general, cultural traditions, morals, values, objects or institutions.',
        },
        {
          code: '13.6',
          text: 'Adoption of measures that severely curtail the rights of those protected under international humanitarian law, including those aligned or perceived as aligned with opposing parties but not taking an active part in hostilities.',
        },
        {
          code: '13.7',
          text: 'Evidence of plans or discourse that reveal a threat of or incitement to violence against those protected under international humanitarian law, including as a means to spread terror, intimidate, demoralize, show military strength, provoke displacement, or as preliminary to further violence.',
        },
        {
          code: '13.8',
          text: 'Evidence of conduct interfering with or impeding delivery or access to supplies, facilities, equipment, objects, or medical or humanitarian support indispensable to the survival of those protected under international humanitarian law.',
        },
        {
          code: '13.9',
          text: 'Evidence of preparation of personnel and logistics enabling the transportation, movement or confinement of large numbers of people, or the conducting of medical experiments.',
        },
        {
          code: '13.10',
          text: 'Evidence of conduct related to the planning, development, production, storage, acquisition, availability or transfer of weapons whose use is prohibited under international humanitarian law.',
          wording: 'RECONSTRUCTED',
          wordingNote: 'The end of the sentence is from memory, not checked against the 2014 text.',
        },
      ],
    },
    {
      code: 'RF14',
      number: 14,
      title: 'Serious threats to humanitarian or peacekeeping operations',
      description:
        'Conflict-related conduct that threatens the protection provided by international humanitarian law to humanitarian assistance or peacekeeping personnel not taking direct part in hostilities.',
      scope: 'WAR_CRIMES',
      wording: 'PARAPHRASED',
      indicatorWording: 'RECONSTRUCTED',
      wordingNote:
        "Title as the official list names it; the indicators paraphrase from memory the framework's themes, not its wording or numbering: replace them from the 2014 text.",
      indicators: [
        {
          code: '14.1',
          text: 'Perception of humanitarian or peacekeeping operations as not neutral or impartial, or as associated with a party to the conflict.',
        },
        {
          code: '14.2',
          text: 'Restrictions on, or withdrawal of consent to, the presence, movement or access of humanitarian or peacekeeping operations.',
        },
        {
          code: '14.3',
          text: 'Evidence of plans or discourse that reveal a threat of or incitement to violence against humanitarian or peacekeeping personnel.',
        },
        {
          code: '14.4',
          text: 'Attacks or threats against personnel, installations, material, units or vehicles involved in a humanitarian assistance or peacekeeping mission.',
        },
        { code: '14.5', text: 'Interference with, obstruction, diversion or looting of humanitarian assistance.' },
        {
          code: '14.6',
          text: 'Improper use of the flag, insignia or uniform of the United Nations or of the distinctive emblems of the Geneva Conventions.',
        },
      ],
    },
  ],
};

// 2009 category titles follow the framework as summarized in UN doc A/69/266, paras. 51-52 (domain.md,
// "Corrections and additions": category 4 without "political", the trigger items listed separately);
// the indicators paraphrase its questions, and their numbering is the hub's own.
export const FRAMEWORK_2009_NOTE =
  "Category titles as United Nations document A/69/266 lists them; the indicators paraphrase the framework's questions. The indicator numbering (1.1 ... 8.6) is the hub's own, not the Office's: cite an indicator by its text outside the hub.";

export const FRAMEWORK_2009: FrameworkRecord = {
  version: '2009',
  title: 'Analysis Framework of the Office of the Special Adviser on the Prevention of Genocide',
  year: 2009,
  description:
    'Eight categories of factors for determining the risk of genocide, used by the Office until the 2014 Framework of Analysis for Atrocity Crimes replaced it.',
  source: 'Office of the Special Adviser on the Prevention of Genocide, Analysis Framework (2009), as summarized in United Nations document A/69/266',
  sourceNote: FRAMEWORK_2009_NOTE,
  hubNumbering: true,
  riskFactors: [
    {
      code: 'C1',
      number: 1,
      title: 'Inter-group relations, including record of discrimination and/or other human rights violations committed against a group',
      description:
        'The relations between national, ethnical, racial or religious groups, and how a group has been treated in the past and is treated now.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        {
          code: '1.1',
          text: 'National, ethnical, racial or religious groups whose relations with each other or with the State are marked by tension or conflict.',
        },
        { code: '1.2', text: 'Discriminatory laws, policies or practices, or other serious human rights violations, directed at a group.' },
        { code: '1.3', text: 'Past violence or massacres against a group, particularly if committed with impunity.' },
        { code: '1.4', text: 'Unequal access of groups to power, representation, resources or public services.' },
      ],
    },
    {
      code: 'C2',
      number: 2,
      title: 'Circumstances that affect the capacity to prevent genocide',
      description: 'Whether national and international actors are able to protect a group and to prevent or halt violence against it.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '2.1', text: 'Weak, partial or non-independent judiciary, police and national human rights institutions.' },
        { code: '2.2', text: 'Weak or restricted civil society and media able to report on and respond to threats against a group.' },
        { code: '2.3', text: 'Limited presence or access of the United Nations, regional organizations or other international actors.' },
        { code: '2.4', text: 'Impunity for past crimes, or absence of accountability and reconciliation processes.' },
      ],
    },
    {
      code: 'C3',
      number: 3,
      title: 'Presence of illegal arms and armed elements',
      description: 'Whether arms and armed groups are available that could be used against a group.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '3.1', text: 'Illegal arms, particularly small arms and light weapons, circulating or flowing into the country or region.' },
        { code: '3.2', text: 'Militias, paramilitary or other armed groups outside effective State control, or acting with State support.' },
        { code: '3.3', text: 'Links between armed elements and political leaders, parties to a conflict or actors across borders.' },
      ],
    },
    {
      code: 'C4',
      number: 4,
      title: 'Motivation of key actors and acts that encourage division',
      description: 'Whether leaders have reasons to target a group, and whether they act in ways that deepen divisions between groups.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '4.1', text: 'Exclusionary ideology, or political aims of leaders tied to the identity or exclusion of a group.' },
        { code: '4.2', text: 'Hate speech, propaganda or dehumanizing language against a group, including in the media.' },
        {
          code: '4.3',
          text: 'Policies or acts that sharpen divisions between groups, such as identity-based rules on citizenship, land or political participation.',
        },
      ],
    },
    {
      code: 'C5',
      number: 5,
      title: 'Circumstances that facilitate perpetration of genocide (dynamic factors)',
      description: 'Developments that make the commission of genocide easier or suggest that it is being prepared.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '5.1', text: 'Sudden or gradual strengthening of military or security forces, or a build-up of arms.' },
        { code: '5.2', text: 'Emergency legislation, or suspension of constitutional or legal protections.' },
        { code: '5.3', text: 'Restrictions on movement, communications, the media or access for outside observers and humanitarian actors.' },
        { code: '5.4', text: 'Identification, marking, segregation, displacement or confinement of members of a group.' },
      ],
    },
    {
      code: 'C6',
      number: 6,
      title: 'Genocidal acts',
      description: 'Whether any of the acts listed in article II of the Genocide Convention is being committed against a group.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '6.1', text: 'Killing members of the group.' },
        { code: '6.2', text: 'Causing serious bodily or mental harm to members of the group.' },
        {
          code: '6.3',
          text: 'Deliberately inflicting on the group conditions of life calculated to bring about its physical destruction in whole or in part.',
        },
        { code: '6.4', text: 'Imposing measures intended to prevent births within the group.' },
        { code: '6.5', text: 'Forcibly transferring children of the group to another group.' },
      ],
    },
    {
      code: 'C7',
      number: 7,
      title: 'Evidence of intent "to destroy in whole or in part"',
      description:
        'Whether statements or conduct show, or allow the inference of, an intent to destroy a national, ethnical, racial or religious group in whole or in part.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '7.1', text: 'Statements, orders, plans or documents expressing or implying an intent to destroy the group.' },
        { code: '7.2', text: 'Scale, systematic nature and pattern of acts against the group, including the targeting of its leaders.' },
        {
          code: '7.3',
          text: "Targeting of people solely for their membership of the group, or destruction of the group's cultural and religious property and symbols.",
        },
      ],
    },
    {
      code: 'C8',
      number: 8,
      title: 'Triggering factors',
      description: 'Events that may spark or accelerate violence against a group where the other factors are present.',
      scope: 'GENOCIDE',
      wording: 'PARAPHRASED',
      indicatorWording: 'PARAPHRASED',
      indicators: [
        { code: '8.1', text: 'Upcoming elections.' },
        { code: '8.2', text: 'A change of Government outside an electoral or constitutionally sanctioned process.' },
        // 8.3 once read "Internal deployment of the military to act against civilians, or the commencement
        // of armed hostilities"; the UN lists the two apart, so hostilities is 8.6 (codes never move), listed fourth.
        { code: '8.3', text: 'Internal deployment of the military to act against civilians.' },
        { code: '8.6', text: 'Commencement of armed hostilities.' },
        { code: '8.4', text: 'Natural disasters.' },
        { code: '8.5', text: 'An increase in opposition capacity perceived as a threat, which may prompt pre-emptive action.' },
      ],
    },
  ],
};

export const FRAMEWORKS: readonly FrameworkRecord[] = [FRAMEWORK_2014, FRAMEWORK_2009];
