// The alert webhooks' settings and rules that need no server: durations, the rotation's overlap, the URL rule, the backoff.
import { MAX_ROTATION_OVERLAP_MS, parseDuration, readWebhookConfig, retryDelay, webhookUrl } from '../../subgraphs/alerts/webhooks/webhook-config';

describe('alert webhook configuration', () => {
  it('reads durations with or without a unit, and refuses anything else', () => {
    expect(parseDuration('5000', 'X')).toBe(5000);
    expect(parseDuration('90s', 'X')).toBe(90_000);
    expect(parseDuration('24h', 'X')).toBe(86_400_000);
    expect(() => parseDuration('soon', 'ALERT_WEBHOOK_RETRY_FOR')).toThrow(/ALERT_WEBHOOK_RETRY_FOR must be a duration/);
    expect(readWebhookConfig({})).toMatchObject({ retryBaseMs: 5000, retryForMs: 86_400_000, timeoutMs: 10_000, production: false });
  });

  it('overlaps a rotation by 24 hours unless configured, 0 for none, and refuses more than 7 days', () => {
    expect(readWebhookConfig({}).rotationOverlapMs).toBe(86_400_000);
    expect(readWebhookConfig({ ALERT_WEBHOOK_ROTATION_OVERLAP: '0' }).rotationOverlapMs).toBe(0);
    expect(readWebhookConfig({ ALERT_WEBHOOK_ROTATION_OVERLAP: '7d' }).rotationOverlapMs).toBe(MAX_ROTATION_OVERLAP_MS);
    expect(() => readWebhookConfig({ ALERT_WEBHOOK_ROTATION_OVERLAP: '8d' })).toThrow(/ALERT_WEBHOOK_ROTATION_OVERLAP must be at most 7d/);
    expect(() => readWebhookConfig({ ALERT_WEBHOOK_ROTATION_OVERLAP: 'a day' })).toThrow(/ALERT_WEBHOOK_ROTATION_OVERLAP must be a duration/);
  });

  it('takes https, and http only to this machine outside production', () => {
    expect(webhookUrl('https://ews.example.org/hub', true)).toBe('https://ews.example.org/hub');
    expect(webhookUrl('http://127.0.0.1:8080/x', false)).toBe('http://127.0.0.1:8080/x');
    expect(webhookUrl('http://localhost/x', false)).toBe('http://localhost/x');
    for (const [url, production] of [
      ['http://127.0.0.1:8080/x', true],
      ['http://ews.example.org/hub', false],
      ['ftp://127.0.0.1/x', false],
      ['https://user:secret@ews.example.org/', false],
      ['ews.example.org', false],
    ] as const) {
      expect(() => webhookUrl(url, production)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'url' }) }),
      );
    }
  });

  it('waits a random time below a ceiling that doubles from the base up to the cap (full jitter)', () => {
    const config = { retryBaseMs: 100, retryCapMs: 1000 };
    expect([1, 2, 3, 4, 5, 10].map((attempt) => retryDelay(config, attempt, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(retryDelay(config, 3, () => 0)).toBe(0);
  });
});
