// The write path's pure parts: request fingerprints for idempotency keys, how type-graphql's
// validation errors reach clients.
import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { formatError } from '../../platform/errors';
import { requestHash } from '../../subgraphs/kernel/write/idempotency';

describe('request fingerprints for idempotency keys', () => {
  it('ignore the key itself, the order of fields, and absent versus null', () => {
    const a = requestHash({ idempotencyKey: 'k-000001', title: 'T', recipientOrgs: ['AU', 'ICGLR'], situationId: null });
    const b = requestHash({ recipientOrgs: ['AU', 'ICGLR'], title: 'T', idempotencyKey: 'k-000002' });
    expect(a).toBe(b);
  });

  it('tell apart inputs that differ in any value, including the order of a list', () => {
    const base = { idempotencyKey: 'k-000001', title: 'T', recipientOrgs: ['AU', 'ICGLR'] };
    expect(requestHash({ ...base, title: 'U' })).not.toBe(requestHash(base));
    expect(requestHash({ ...base, recipientOrgs: ['ICGLR', 'AU'] })).not.toBe(requestHash(base));
  });
});

describe('validation errors from type-graphql', () => {
  it('reach the client as one BAD_USER_INPUT naming each field, without the input echoed back', () => {
    const thrown = new GraphQLError('Argument Validation Error', {
      extensions: {
        code: 'BAD_USER_INPUT',
        validationErrors: [
          {
            property: 'title',
            value: '',
            target: { title: '', secret: 'x' },
            constraints: { isLength: 'title must be longer than or equal to 1 characters' },
          },
          {
            property: 'recipientOrgs',
            value: ['au'],
            constraints: { matches: 'each value in recipientOrgs must be a partner code such as "ECOWAS"' },
          },
        ],
      },
    });
    const formatted = formatError(thrown.toJSON(), thrown);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title', fields: ['title', 'recipientOrgs'] });
    expect(formatted.message).toBe(
      'title must be longer than or equal to 1 characters; each value in recipientOrgs must be a partner code such as "ECOWAS"',
    );
    expect(JSON.stringify(formatted)).not.toContain('secret');
  });
});
