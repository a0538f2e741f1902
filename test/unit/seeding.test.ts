import { stableId } from '../../subgraphs/kernel/db/seeding';

describe('seed ids', () => {
  it('derives the same UUID from the same natural key, and different ones from different keys', () => {
    const a = stableId('membership', 'ECOWAS', 'MLI', null);
    expect(a).toBe(stableId('membership', 'ECOWAS', 'MLI', null));
    expect(a).not.toBe(stableId('membership', 'ECOWAS', 'NER', null));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('does not confuse keys whose parts concatenate to the same text', () => {
    expect(stableId('ab', 'c')).not.toBe(stableId('a', 'bc'));
  });
});
