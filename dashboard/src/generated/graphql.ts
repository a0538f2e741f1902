/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What happened to an alert. */
export type AlertEventType =
  /** A recipient organisation acknowledged it (the event names which). */
  | 'ACKNOWLEDGED'
  /** A recipient organisation's acknowledgement is past due (the event names which); raised once. */
  | 'ACKNOWLEDGEMENT_OVERDUE'
  /** Closed: no further action expected. */
  | 'CLOSED'
  /** A correction superseded it: the event names the new version. */
  | 'CORRECTED'
  /** Brought to the Secretary-General, or through him to the Security Council. */
  | 'ESCALATED'
  /** Sent to its recipients. */
  | 'ISSUED';

export type AlertStatus =
  /** No further action expected. */
  | 'CLOSED'
  /** Being written; not yet sent to its recipients. */
  | 'DRAFT'
  /** The Office has alerted the Secretary-General. */
  | 'ESCALATED_TO_SECRETARY_GENERAL'
  /** The Office has alerted, through the Secretary-General, the Security Council (the Secretary-General brings the matter to it). */
  | 'ESCALATED_TO_SECURITY_COUNCIL'
  /** Sent to its recipients. An issued alert is never edited: a correction is a new alert that supersedes it. */
  | 'ISSUED'
  /** Replaced by a corrected version (see supersededBy). */
  | 'SUPERSEDED';

/** The kinds of group the Genocide Convention protects: a national, ethnical, racial or religious group. */
export type ProtectedGroupKind =
  | 'ETHNICAL'
  | 'NATIONAL'
  | 'RACIAL'
  | 'RELIGIOUS';

/** The hub's own ordinal risk level. The UN Framework of Analysis has no numeric scale: a partner's own rating is kept beside it (scheme and value). */
export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MODERATE'
  | 'VERY_HIGH';

export type DashboardAlertEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardAlertEventsSubscription = { alertEvents: { seq: number, type: AlertEventType } };

export type DashboardAlertsOverTimeQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardAlertsOverTimeQuery = { alertCounts: Array<{ month: string | null, level: RiskLevel | null, status: AlertStatus | null, alerts: number }> | null };

export type DashboardIncidentsByMonthQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardIncidentsByMonthQuery = { incidentCounts: Array<{ month: string | null, incidents: number, fatalities: number, displaced: number }> | null };

export type DashboardSituationPickerQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSituationPickerQuery = { situations: { nodes: Array<{ id: string, title: string }> } | null };

export type DashboardSituationTrendQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardSituationTrendQuery = { situation: { id: string, title: string, groups: Array<{ kind: ProtectedGroupKind, name: string }>, riskTrend: Array<{ assessedOn: unknown, overallLevel: RiskLevel, factors: Array<{ riskFactor: string, level: RiskLevel | null }> }> } | null };

export type DashboardSituationsByLevelQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSituationsByLevelQuery = { situationCounts: Array<{ region: string | null, country: string | null, level: RiskLevel | null, crimesOccurring: boolean | null, situations: number }> | null };

export type DashboardTrainingTotalsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardTrainingTotalsQuery = { trainingTotals: { sessions: number, countries: number, participantsTotal: number, reportedTotals: Array<{ periodFrom: unknown, periodTo: unknown, sessions: number | null, countries: number | null, participants: number | null, source: string }> } | null };


export const DashboardAlertEventsDocument = {"__meta__":{"hash":"sha256:19e6e5a75b8b0d8c067dcdd17e6251d78851a86417ca7603375da54a0a96e7d3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardAlertEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"types"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ISSUED"},{"kind":"EnumValue","value":"ESCALATED"},{"kind":"EnumValue","value":"CORRECTED"},{"kind":"EnumValue","value":"CLOSED"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]} as unknown as DocumentNode<DashboardAlertEventsSubscription, DashboardAlertEventsSubscriptionVariables>;
export const DashboardAlertsOverTimeDocument = {"__meta__":{"hash":"sha256:294e64562b579ce8b4914ea260689c3e5373955c972784b1486385abe392ce32"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardAlertsOverTime"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"MONTH"},{"kind":"EnumValue","value":"LEVEL"},{"kind":"EnumValue","value":"STATUS"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"alerts"}}]}}]}}]} as unknown as DocumentNode<DashboardAlertsOverTimeQuery, DashboardAlertsOverTimeQueryVariables>;
export const DashboardIncidentsByMonthDocument = {"__meta__":{"hash":"sha256:8db22077705296787235d5d064e10149de5c0f46fd6cefe322eec37f6e11a709"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardIncidentsByMonth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"MONTH"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"incidents"}},{"kind":"Field","name":{"kind":"Name","value":"fatalities"}},{"kind":"Field","name":{"kind":"Name","value":"displaced"}}]}}]}}]} as unknown as DocumentNode<DashboardIncidentsByMonthQuery, DashboardIncidentsByMonthQueryVariables>;
export const DashboardSituationPickerDocument = {"__meta__":{"hash":"sha256:7a01060537f685f36eb419f23e290a54b2ef58238f9f59fa267be902264f1d60"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSituationPicker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"situations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardSituationPickerQuery, DashboardSituationPickerQueryVariables>;
export const DashboardSituationTrendDocument = {"__meta__":{"hash":"sha256:864bb6348fe87bcc3139a1ab4738c5aedb1398975628a7653cd3b6295cbbeeda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSituationTrend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"situation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"riskTrend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessedOn"}},{"kind":"Field","name":{"kind":"Name","value":"overallLevel"}},{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskFactor"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardSituationTrendQuery, DashboardSituationTrendQueryVariables>;
export const DashboardSituationsByLevelDocument = {"__meta__":{"hash":"sha256:7eb772d7b20e790f7dfc873fe49437310dd14ccae93a23bff07f04c37a4ab903"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSituationsByLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"situationCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"REGION"},{"kind":"EnumValue","value":"COUNTRY"},{"kind":"EnumValue","value":"LEVEL"},{"kind":"EnumValue","value":"CRIMES_OCCURRING"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"crimesOccurring"}},{"kind":"Field","name":{"kind":"Name","value":"situations"}}]}}]}}]} as unknown as DocumentNode<DashboardSituationsByLevelQuery, DashboardSituationsByLevelQueryVariables>;
export const DashboardTrainingTotalsDocument = {"__meta__":{"hash":"sha256:b9c03a97b40a64a19c0c3394f43e83646bc34ea5d998212a85ebcdbab6cb300c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardTrainingTotals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTotals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2009-01-01","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2011-12-31","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessions"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"participantsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"reportedTotals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodFrom"}},{"kind":"Field","name":{"kind":"Name","value":"periodTo"}},{"kind":"Field","name":{"kind":"Name","value":"sessions"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"participants"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardTrainingTotalsQuery, DashboardTrainingTotalsQueryVariables>;