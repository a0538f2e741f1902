// Alerts for tests that need one issued: drafted and issued through a gateway by the Office's editor,
// as the Office does it (README "How the Office issues an alert and brings it to the Secretary-General").
import { randomUUID } from 'node:crypto';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import type { Hub } from './hub';

const KIVU = illustrativeSituationId('great-lakes-kivu');

/**
 * Issues an AMBER early warning on the Kivu situation addressed to `recipientOrgs`, through `hub`'s
 * gateway with `editor`'s token; returns its id.
 */
export async function issueAlert(
  hub: Pick<Hub, 'query'>,
  editor: string,
  alert: { title: string; recipientOrgs: string[]; level?: string },
): Promise<string> {
  const options = { token: editor };
  const drafted = await hub.query(
    `mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { id version } }`,
    {
      input: {
        idempotencyKey: randomUUID(),
        type: 'EARLY_WARNING',
        level: alert.level ?? 'VERY_HIGH',
        title: alert.title,
        body: 'Test alert written by a test.',
        recipients: ['PARTNER_ORGANISATIONS'],
        recipientOrgs: alert.recipientOrgs,
        crimes: ['GENOCIDE'],
        citedRiskFactors: ['RF1'],
        situationId: KIVU,
        countryIso3: 'COD',
        classification: 'AMBER',
      },
    },
    options,
  );
  expect(drafted.errors).toBeUndefined();
  const { id, version } = drafted.data!.draftAlert;
  const sent = await hub.query(`mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { id } }`, { input: { id, version } }, options);
  expect(sent.errors).toBeUndefined();
  return id;
}
