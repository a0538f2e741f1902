// How the alerts subgraph delivers webhooks: its settings, read from the environment once at start
// (README "Configuration"), and the rule an endpoint's URL must follow.
import { badInput } from '../../../platform/errors';

export interface WebhookConfig {
  /** The first retry waits up to this long; each further one up to twice as long as the one before (full jitter). */
  retryBaseMs: number;
  /** No retry waits longer than this. */
  retryCapMs: number;
  /** How long after publication (or a replay) a delivery is still tried; then it is FAILED. */
  retryForMs: number;
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
  /** How often the worker looks for due deliveries without being woken. */
  pollMs: number;
  /** After a secret is rotated, how long deliveries are also signed with the previous one (0: not at all). */
  rotationOverlapMs: number;
  /** Production: only https endpoints. */
  production: boolean;
}

/**
 * The longest overlap of a rotation, by configuration or per rotation: a previous secret that is
 * still honoured for weeks is no longer rotated out in any useful sense.
 */
export const MAX_ROTATION_OVERLAP_MS = 7 * 86_400_000;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "24h", "90s", "1500ms" or a plain number of milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) throw new Error(`${name} must be a duration such as 5000, 90s, 15m or 24h (got ${JSON.stringify(text)})`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']);
}

export function readWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const duration = (name: string, fallback: string) => parseDuration(env[name] ?? fallback, name);
  return {
    retryBaseMs: duration('ALERT_WEBHOOK_RETRY_BASE_MS', '5000'),
    retryCapMs: duration('ALERT_WEBHOOK_RETRY_CAP_MS', '1h'),
    retryForMs: duration('ALERT_WEBHOOK_RETRY_FOR', '24h'),
    timeoutMs: duration('ALERT_WEBHOOK_TIMEOUT_MS', '10s'),
    pollMs: duration('ALERT_WEBHOOK_POLL_MS', '1000'),
    rotationOverlapMs: rotationOverlap(duration('ALERT_WEBHOOK_ROTATION_OVERLAP', '24h')),
    production: env.NODE_ENV === 'production',
  };
}

function rotationOverlap(ms: number): number {
  if (ms > MAX_ROTATION_OVERLAP_MS) throw new Error(`ALERT_WEBHOOK_ROTATION_OVERLAP must be at most 7d (got ${ms} ms)`);
  return ms;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The endpoint's URL as stored, or BAD_USER_INPUT: https, or http to this machine outside production. */
export function webhookUrl(raw: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('url must be an absolute URL, e.g. https://alerts.example.org/hub', 'url');
  }
  if (url.username || url.password) throw badInput('url must not carry a user name or password: deliveries are signed instead', 'url');
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && !production && LOCAL_HOSTS.has(url.hostname)) return url.toString();
  throw badInput(production ? 'url must use https' : 'url must use https (http only to localhost or 127.0.0.1, outside production)', 'url');
}

/** The wait before retry number `attempt` (1 for the first retry): full jitter over an exponential ceiling. */
export function retryDelay(config: Pick<WebhookConfig, 'retryBaseMs' | 'retryCapMs'>, attempt: number, random = Math.random): number {
  const ceiling = Math.min(config.retryCapMs, config.retryBaseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}
