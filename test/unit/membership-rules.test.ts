// The pure rules behind Partner.membersOn for a partner known by its launch: the launch days in
// words, and what the answer says before the launch, with no member listed, and with some listed.
import { daysInWords, membersOnStanding } from '../../subgraphs/partners/rules/membership.rules';

const NETWORK = {
  name: 'Latin American Network for Genocide and Mass Atrocity Prevention',
  memberTerm: 'participating States',
  launchedOn: '2012-03-28',
  launchEndedOn: '2012-03-30',
  reportedMemberCount: 18,
};

describe('daysInWords', () => {
  it('writes one day, days of one month, and days across months and years', () => {
    expect(daysInWords('2012-03-28', null)).toBe('28 March 2012');
    expect(daysInWords('2012-03-28', '2012-03-28')).toBe('28 March 2012');
    expect(daysInWords('2012-03-28', '2012-03-30')).toBe('28-30 March 2012');
    expect(daysInWords('2012-03-30', '2012-04-02')).toBe('30 March-2 April 2012');
    expect(daysInWords('2012-12-30', '2013-01-02')).toBe('30 December 2012-2 January 2013');
  });
});

describe('membersOnStanding', () => {
  it('says the network had not been launched on a day before its launch', () => {
    expect(membersOnStanding(NETWORK, '2012-03-27', 0)).toEqual({
      launched: false,
      membersListed: false,
      reportedMemberCount: null,
      instead:
        'The Latin American Network for Genocide and Mass Atrocity Prevention had not been launched on 2012-03-27: it was launched on 28-30 March 2012',
      after: null,
    });
  });

  it('says its participating States are not listed, with the number reported at the launch, from the first day of the launch', () => {
    for (const on of ['2012-03-28', '2013-04-18']) {
      expect(membersOnStanding(NETWORK, on, 0)).toEqual({
        launched: true,
        membersListed: false,
        reportedMemberCount: 18,
        instead: `The participating States of the Latin American Network for Genocide and Mass Atrocity Prevention on ${on} are not listed in the hub's records (18 participating States reported at its launch, 28-30 March 2012)`,
        after: null,
      });
    }
  });

  it('counts those the hub lists once some are recorded, beside the number reported', () => {
    expect(membersOnStanding(NETWORK, '2013-04-18', 2)).toMatchObject({
      membersListed: true,
      instead: null,
      after: ', of those the hub lists (18 participating States reported at its launch, 28-30 March 2012)',
    });
  });

  it('adds nothing for a partner with no launch or reported number', () => {
    const ecowas = {
      name: 'Economic Community of West African States',
      memberTerm: 'Member States',
      launchedOn: null,
      launchEndedOn: null,
      reportedMemberCount: null,
    };
    expect(membersOnStanding(ecowas, '1990-01-01', 15)).toEqual({
      launched: true,
      membersListed: true,
      reportedMemberCount: null,
      instead: null,
      after: null,
    });
  });
});
