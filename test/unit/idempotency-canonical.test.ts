// The request hash moved from a hand-written canonical() to safe-stable-stringify. Hashes are stored
// with every idempotency key, so for any input a client can send the new text must be the old text
// byte for byte. The old implementation lives on here, and only here, as the oracle.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, requestHash } from '../../subgraphs/kernel/write/idempotency';

function oldCanonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oldCanonical);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined && (value as Record<string, unknown>)[k] !== null)
        .sort()
        .map((k) => [k, oldCanonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function oldRequestHash(input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256')
    .update(JSON.stringify(oldCanonical(rest)))
    .digest('hex');
}

// What GraphQL variables coerce to: input objects keyed by field names, lists, scalars, and Dates
// from the date scalars. Absent (undefined) fields appear too, as resolvers see them.
const fieldName = fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,12}$/);
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: 'binary' }),
  fc.date({ noInvalidDate: true }),
);
const { input } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('input')),
  list: fc.array(fc.oneof(tie('value'), fc.constant(undefined)), { maxLength: 5 }),
  input: fc.dictionary(fieldName, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 6 }),
}));

describe('idempotency request hash', () => {
  it('writes the same canonical text as the hand-written canonical() for any client input', () => {
    fc.assert(
      fc.property(input, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(oldCanonical(value)));
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes any client input as before, ignoring the idempotency key', () => {
    fc.assert(
      fc.property(input, fc.string(), (value, key) => {
        const request = { ...(value as object), idempotencyKey: key };
        expect(requestHash(request)).toBe(oldRequestHash(request));
      }),
      { numRuns: 500 },
    );
  });

  it('drops null and absent properties but keeps nulls in lists, at any depth', () => {
    expect(canonicalJson({ b: null, a: [null, undefined, { d: null, c: 1 }], e: undefined, f: new Date(0) })).toBe(
      '{"a":[null,null,{"c":1}],"f":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('refuses what JSON cannot represent instead of hashing something else', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => canonicalJson(circular)).toThrow(TypeError);
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow();
  });
});
