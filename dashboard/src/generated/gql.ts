/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "subscription DashboardAlertEvents {\n  alertEvents(filter: {types: [ISSUED, ESCALATED, CORRECTED, CLOSED]}) {\n    seq\n    type\n  }\n}": typeof types.DashboardAlertEventsDocument,
    "query DashboardAlertsOverTime {\n  alertCounts(groupBy: [MONTH, LEVEL, STATUS]) {\n    month\n    level\n    status\n    alerts\n  }\n}": typeof types.DashboardAlertsOverTimeDocument,
    "query DashboardIncidentsByMonth {\n  incidentCounts(groupBy: [MONTH]) {\n    month\n    incidents\n    fatalities\n    displaced\n  }\n}": typeof types.DashboardIncidentsByMonthDocument,
    "query DashboardSituationPicker {\n  situations(first: 100) {\n    nodes {\n      id\n      title\n    }\n  }\n}": typeof types.DashboardSituationPickerDocument,
    "query DashboardSituationTrend($id: ID!) {\n  situation(id: $id) {\n    id\n    title\n    groups {\n      kind\n      name\n    }\n    riskTrend {\n      assessedOn\n      overallLevel\n      factors {\n        riskFactor\n        level\n      }\n    }\n  }\n}": typeof types.DashboardSituationTrendDocument,
    "query DashboardSituationsByLevel {\n  situationCounts(groupBy: [REGION, COUNTRY, LEVEL, CRIMES_OCCURRING]) {\n    region\n    country\n    level\n    crimesOccurring\n    situations\n  }\n}": typeof types.DashboardSituationsByLevelDocument,
    "query DashboardTrainingTotals {\n  trainingTotals(from: \"2009-01-01\", to: \"2011-12-31\") {\n    sessions\n    countries\n    participantsTotal\n    reportedTotals {\n      periodFrom\n      periodTo\n      sessions\n      countries\n      participants\n      source\n    }\n  }\n}": typeof types.DashboardTrainingTotalsDocument,
};
const documents: Documents = {
    "subscription DashboardAlertEvents {\n  alertEvents(filter: {types: [ISSUED, ESCALATED, CORRECTED, CLOSED]}) {\n    seq\n    type\n  }\n}": types.DashboardAlertEventsDocument,
    "query DashboardAlertsOverTime {\n  alertCounts(groupBy: [MONTH, LEVEL, STATUS]) {\n    month\n    level\n    status\n    alerts\n  }\n}": types.DashboardAlertsOverTimeDocument,
    "query DashboardIncidentsByMonth {\n  incidentCounts(groupBy: [MONTH]) {\n    month\n    incidents\n    fatalities\n    displaced\n  }\n}": types.DashboardIncidentsByMonthDocument,
    "query DashboardSituationPicker {\n  situations(first: 100) {\n    nodes {\n      id\n      title\n    }\n  }\n}": types.DashboardSituationPickerDocument,
    "query DashboardSituationTrend($id: ID!) {\n  situation(id: $id) {\n    id\n    title\n    groups {\n      kind\n      name\n    }\n    riskTrend {\n      assessedOn\n      overallLevel\n      factors {\n        riskFactor\n        level\n      }\n    }\n  }\n}": types.DashboardSituationTrendDocument,
    "query DashboardSituationsByLevel {\n  situationCounts(groupBy: [REGION, COUNTRY, LEVEL, CRIMES_OCCURRING]) {\n    region\n    country\n    level\n    crimesOccurring\n    situations\n  }\n}": types.DashboardSituationsByLevelDocument,
    "query DashboardTrainingTotals {\n  trainingTotals(from: \"2009-01-01\", to: \"2011-12-31\") {\n    sessions\n    countries\n    participantsTotal\n    reportedTotals {\n      periodFrom\n      periodTo\n      sessions\n      countries\n      participants\n      source\n    }\n  }\n}": types.DashboardTrainingTotalsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DashboardAlertEvents {\n  alertEvents(filter: {types: [ISSUED, ESCALATED, CORRECTED, CLOSED]}) {\n    seq\n    type\n  }\n}"): (typeof documents)["subscription DashboardAlertEvents {\n  alertEvents(filter: {types: [ISSUED, ESCALATED, CORRECTED, CLOSED]}) {\n    seq\n    type\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardAlertsOverTime {\n  alertCounts(groupBy: [MONTH, LEVEL, STATUS]) {\n    month\n    level\n    status\n    alerts\n  }\n}"): (typeof documents)["query DashboardAlertsOverTime {\n  alertCounts(groupBy: [MONTH, LEVEL, STATUS]) {\n    month\n    level\n    status\n    alerts\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardIncidentsByMonth {\n  incidentCounts(groupBy: [MONTH]) {\n    month\n    incidents\n    fatalities\n    displaced\n  }\n}"): (typeof documents)["query DashboardIncidentsByMonth {\n  incidentCounts(groupBy: [MONTH]) {\n    month\n    incidents\n    fatalities\n    displaced\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardSituationPicker {\n  situations(first: 100) {\n    nodes {\n      id\n      title\n    }\n  }\n}"): (typeof documents)["query DashboardSituationPicker {\n  situations(first: 100) {\n    nodes {\n      id\n      title\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardSituationTrend($id: ID!) {\n  situation(id: $id) {\n    id\n    title\n    groups {\n      kind\n      name\n    }\n    riskTrend {\n      assessedOn\n      overallLevel\n      factors {\n        riskFactor\n        level\n      }\n    }\n  }\n}"): (typeof documents)["query DashboardSituationTrend($id: ID!) {\n  situation(id: $id) {\n    id\n    title\n    groups {\n      kind\n      name\n    }\n    riskTrend {\n      assessedOn\n      overallLevel\n      factors {\n        riskFactor\n        level\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardSituationsByLevel {\n  situationCounts(groupBy: [REGION, COUNTRY, LEVEL, CRIMES_OCCURRING]) {\n    region\n    country\n    level\n    crimesOccurring\n    situations\n  }\n}"): (typeof documents)["query DashboardSituationsByLevel {\n  situationCounts(groupBy: [REGION, COUNTRY, LEVEL, CRIMES_OCCURRING]) {\n    region\n    country\n    level\n    crimesOccurring\n    situations\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardTrainingTotals {\n  trainingTotals(from: \"2009-01-01\", to: \"2011-12-31\") {\n    sessions\n    countries\n    participantsTotal\n    reportedTotals {\n      periodFrom\n      periodTo\n      sessions\n      countries\n      participants\n      source\n    }\n  }\n}"): (typeof documents)["query DashboardTrainingTotals {\n  trainingTotals(from: \"2009-01-01\", to: \"2011-12-31\") {\n    sessions\n    countries\n    participantsTotal\n    reportedTotals {\n      periodFrom\n      periodTo\n      sessions\n      countries\n      participants\n      source\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;