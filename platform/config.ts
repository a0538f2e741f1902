// The environment readers the gateway, the subgraphs and the scripts share, as zod schemas: one
// declaration per variable (a whole number, true or false, an http(s) URL, a duration) that fails
// with the message a misconfigured start-up prints; the HTTP limit variables every service reads;
// the refusal of the retired shared secret; one variable per service (SITUATIONS_URL, ...); the
// number of workers (WEB_CONCURRENCY, a whole number or `auto`); and readConfig, which parses with a schema and throws a plain Error with the first problem's message.
// Each service's own config.ts declares its variables with these.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import type { HttpLimits } from './http/service';

/** Parses `input` with `schema`, or throws an Error with the message of the first problem found. */
export function readConfig<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(result.error.issues[0]!.message);
  return result.data as z.output<S>;
}

/**
 * An optional variable: `fallback` when it is unset or empty, else what `parse` makes of it;
 * a value `parse` refuses (undefined) fails with `message`.
 */
function variable<T, F>(parse: (value: string) => T | undefined, message: (value: string) => string, fallback: F) {
  return z
    .string()
    .optional()
    .transform((value, context): T | F => {
      if (value === undefined || value === '') return fallback;
      const parsed = parse(value);
      if (parsed !== undefined) return parsed;
      context.addIssue({ code: z.ZodIssueCode.custom, message: message(value) });
      return z.NEVER;
    });
}

/** A whole number from `min` to `max`, or `fallback` (undefined: the component's own default) when unset or empty. */
export function wholeNumber<F extends number | undefined>(name: string, min: number, max: number, fallback: F) {
  return variable(
    (value) => {
      const parsed = Number(value);
      return Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : undefined;
    },
    (value) => `${name} must be a whole number from ${min} to ${max}, got "${value}"`,
    fallback,
  );
}

/** A whole number from `min` to `max`, or `auto` for what `auto()` says; `fallback` when unset or empty. */
export function wholeNumberOrAuto(name: string, min: number, max: number, fallback: number, auto: () => number) {
  return variable(
    (value) => {
      if (value.trim().toLowerCase() === 'auto') return Math.min(max, Math.max(min, auto()));
      const parsed = Number(value);
      return Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : undefined;
    },
    (value) => `${name} must be a whole number from ${min} to ${max} or "auto", got "${value}"`,
    fallback,
  );
}

/** true/yes/1 or false/no/0 (any case), or `fallback` when unset or empty. */
export function trueOrFalse<F extends boolean | undefined>(name: string, fallback: F) {
  return variable(
    (value) => (['1', 'true', 'yes'].includes(value.toLowerCase()) ? true : ['0', 'false', 'no'].includes(value.toLowerCase()) ? false : undefined),
    (value) => `${name} must be true or false, got "${value}"`,
    fallback,
  );
}

/** An http:// or https:// URL, or undefined when unset or empty. */
export function httpUrl(name: string) {
  return variable(
    (value) => (/^https?:\/\//.test(value) ? value : undefined),
    (value) => `${name} must be an http(s) URL, got "${value}"`,
    undefined,
  );
}

const SECONDS_PER = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `30s`, `15m`, `24h`, `7d` or a number of seconds, in seconds (at least 1); `fallbackSeconds` when unset or empty. */
export function duration(name: string, fallbackSeconds: number) {
  return variable(
    (value) => {
      const match = /^(\d+)([smhd]?)$/.exec(value.trim());
      const seconds = match ? Number(match[1]) * SECONDS_PER[match[2] as keyof typeof SECONDS_PER] : NaN;
      return Number.isSafeInteger(seconds) && seconds >= 1 ? seconds : undefined;
    },
    (value) => `${name} must be a duration such as 3600, 30m, 24h or 7d, got "${value}"`,
    fallbackSeconds,
  );
}

/** The shared secret is gone (any holder could mint any identity): say so rather than ignore it. */
export const noSharedSecret = {
  HUB_INTERNAL_SECRET: z
    .string()
    .optional()
    .refine((value) => !value, {
      message:
        'HUB_INTERNAL_SECRET is no longer used: the gateway signs with a private key (HUB_GATEWAY_SIGNING_KEY_FILE) and subgraphs verify with its public keys (README "Identity"); unset it',
    }),
};

/** Requests in flight, time per request and shutdown deadline: the same variables for every service. */
export const httpLimitVariables = {
  MAX_IN_FLIGHT: wholeNumber('MAX_IN_FLIGHT', 0, 100_000, undefined),
  REQUEST_TIMEOUT_MS: wholeNumber('REQUEST_TIMEOUT_MS', 0, 600_000, undefined),
  SHUTDOWN_DEADLINE_MS: wholeNumber('SHUTDOWN_DEADLINE_MS', 0, 600_000, undefined),
};

/** A secret kept in a file (a docker secret under /run/secrets): its content, without the final newline. */
export function readSecretFile(file: string, variable: string): string {
  let content: string;
  try {
    content = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  if (!content) throw new Error(`${variable}: ${file} is empty`);
  return content;
}

/** METRICS_TOKEN, or METRICS_TOKEN_FILE (the token kept in a file): when set, GET /metrics answers only `Authorization: Bearer <it>` (platform/metrics.ts). */
export const metricsVariables = {
  METRICS_TOKEN: z.string().optional(),
  METRICS_TOKEN_FILE: z.string().optional(),
};

const METRICS_TOKEN_MIN_LENGTH = 16;

/** The token those variables give (undefined: /metrics is open); both set, or a token under 16 characters, is refused. */
export function metricsTokenOf(variables: { METRICS_TOKEN?: string; METRICS_TOKEN_FILE?: string }): string | undefined {
  if (variables.METRICS_TOKEN && variables.METRICS_TOKEN_FILE) throw new Error('set METRICS_TOKEN or METRICS_TOKEN_FILE, not both');
  const [variable, token] = variables.METRICS_TOKEN_FILE
    ? ['METRICS_TOKEN_FILE', readSecretFile(variables.METRICS_TOKEN_FILE, 'METRICS_TOKEN_FILE')]
    : ['METRICS_TOKEN', variables.METRICS_TOKEN];
  if (!token) return undefined;
  if (token.length < METRICS_TOKEN_MIN_LENGTH) throw new Error(`${variable}: the token must be at least ${METRICS_TOKEN_MIN_LENGTH} characters`);
  return token;
}

/** How many workers a service runs on its port (platform/http/cluster.ts): 1 by default, `auto` one per CPU. */
export const workerVariables = {
  WEB_CONCURRENCY: wholeNumberOrAuto('WEB_CONCURRENCY', 1, 256, 1, () => os.availableParallelism()),
};

/** The limits those variables set; unset ones are left to http-service's defaults. */
export function httpLimitsOf(env: { MAX_IN_FLIGHT?: number; REQUEST_TIMEOUT_MS?: number; SHUTDOWN_DEADLINE_MS?: number }): Partial<HttpLimits> {
  return { maxInFlight: env.MAX_IN_FLIGHT, requestTimeoutMs: env.REQUEST_TIMEOUT_MS, shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS };
}

/** The variable `<NAME><suffix>` of one of several services, e.g. SITUATIONS_URL. */
function variableOf<N extends string, X extends string>(name: N, suffix: X): `${Uppercase<N>}${X}` {
  return `${name.toUpperCase()}${suffix}` as `${Uppercase<N>}${X}`;
}

/** `<NAME><suffix>` for each of `names` (SITUATIONS_URL, PARTNERS_URL, ...), each declared by `schema`. */
export function variablesOf<N extends string, X extends string, S extends z.ZodTypeAny>(
  names: readonly N[],
  suffix: X,
  schema: (variable: string) => S,
): Record<`${Uppercase<N>}${X}`, S> {
  return Object.fromEntries(names.map((name) => [variableOf(name, suffix), schema(variableOf(name, suffix))])) as Record<`${Uppercase<N>}${X}`, S>;
}

/** Those variables' values by name (SITUATIONS_URL's under situations), leaving out the unset and empty ones. */
export function byName<N extends string, X extends string, T>(
  names: readonly N[],
  suffix: X,
  values: Partial<Record<`${Uppercase<N>}${X}`, T>>,
): Partial<Record<N, T>> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = values[variableOf(name, suffix)];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  ) as Partial<Record<N, T>>;
}
