// The fixed set of dashboard queries the bench measures. A query whose root fields all live in one
// subgraph names that subgraph as its owner: it is also sent there directly, to price the gateway.

export interface BenchQuery {
  /** Short name used in the report. */
  name: string;
  /** The GraphQL operation name, also what the audit trail records for the bench's reads. */
  operationName: string;
  query: string;
  /** The subgraph that answers the whole query on its own, or null when the gateway must join several. */
  owner: string | null;
}

export const MAIN_DASHBOARD: BenchQuery = {
  name: 'main dashboard (situations first:50)',
  operationName: 'BenchDashboard',
  owner: null,
  query: `query BenchDashboard {
  situations(first: 50) {
    totalCount
    nodes {
      id title currentLevel
      country { name subRegion }
      assessments { assessedOn overallLevel }
      alerts { title level status acknowledgements { org } }
      sourceDiversity { type region share }
    }
  }
}`,
};

export const QUERIES: readonly BenchQuery[] = [
  MAIN_DASHBOARD,
  {
    name: 'situationCounts by LEVEL, REGION',
    operationName: 'BenchSituationCounts',
    owner: 'situations',
    query: 'query BenchSituationCounts { situationCounts(groupBy: [LEVEL, REGION]) { level region situations } }',
  },
  {
    name: 'alertCounts by LEVEL, MONTH',
    operationName: 'BenchAlertCounts',
    owner: 'alerts',
    query: 'query BenchAlertCounts { alertCounts(groupBy: [LEVEL, MONTH]) { level month alerts } }',
  },
  {
    // A dashboard draws a recent window: months times countries over all history grows with the
    // data's age, which would measure the response size rather than the cost of answering.
    name: 'incidentCounts by MONTH, COUNTRY (2025)',
    operationName: 'BenchIncidentCounts',
    owner: 'situations',
    query:
      'query BenchIncidentCounts { incidentCounts(groupBy: [MONTH, COUNTRY], filter: { from: "2025-01-01", to: "2025-12-31" }) { month country incidents fatalities } }',
  },
  {
    name: 'trainingTotalsBy REGION',
    operationName: 'BenchTrainingTotals',
    owner: 'training',
    query:
      'query BenchTrainingTotals { trainingTotalsBy(groupBy: REGION) { group sessions countries participantsTotal participantsFemale participantsMale } }',
  },
];
