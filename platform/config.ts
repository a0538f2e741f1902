// The environment readers the gateway and the subgraphs share: whole numbers and flags with the
// messages a misconfigured start-up prints, the HTTP limits every service reads, and the refusal of
// the retired shared secret. Each service's own config.ts reads its variables with these.
import type { HttpLimits } from './http/service';

/** The shared secret is gone (any holder could mint any identity): say so rather than ignore it. */
export function refuseSharedSecret(env: NodeJS.ProcessEnv): void {
  if (env.HUB_INTERNAL_SECRET) {
    throw new Error(
      'HUB_INTERNAL_SECRET is no longer used: the gateway signs with a private key (HUB_GATEWAY_SIGNING_KEY_FILE) and subgraphs verify with its public keys (README "Identity"); unset it',
    );
  }
}

/** A whole number from `min` to `max`, or `fallback` when the variable is unset or empty. */
export function integer(value: string | undefined, fallback: number, variable: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new Error(`${variable} must be a whole number from ${min} to ${max}, got "${value}"`);
  return parsed;
}

/** true/yes/1 or false/no/0 (any case), or `fallback` when the variable is unset or empty. */
export function flag(value: string | undefined, fallback: boolean, variable: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new Error(`${variable} must be true or false, got "${value}"`);
}

/** A whole number when the variable is set, undefined (the component's own default) when not. */
export function optionalInteger(value: string | undefined, variable: string, min: number, max: number): number | undefined {
  return value === undefined || value === '' ? undefined : integer(value, min, variable, min, max);
}

/** Requests in flight, time per request and shutdown deadline: the same variables for every service. */
export function readHttpLimits(env: NodeJS.ProcessEnv): Partial<HttpLimits> {
  return {
    maxInFlight: optionalInteger(env.MAX_IN_FLIGHT, 'MAX_IN_FLIGHT', 0, 100_000),
    requestTimeoutMs: optionalInteger(env.REQUEST_TIMEOUT_MS, 'REQUEST_TIMEOUT_MS', 0, 600_000),
    shutdownDeadlineMs: optionalInteger(env.SHUTDOWN_DEADLINE_MS, 'SHUTDOWN_DEADLINE_MS', 0, 600_000),
  };
}
