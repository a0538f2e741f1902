// ALERT_ACK_DEADLINES as the alerts subgraph reads it at start: ISO 8601 durations by risk level
// over the defaults, and a refusal that says what to write for anything else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ACK_DEADLINES, durationMs, parseAckDeadlines } from '../../subgraphs/alerts/rules/acknowledgement.deadlines';

const HOUR = 60 * 60 * 1000;

describe('acknowledgement deadlines configuration', () => {
  it('reads ISO 8601 durations in weeks, days, hours, minutes and seconds', () => {
    expect(durationMs('PT4H')).toBe(4 * HOUR);
    expect(durationMs('P1D')).toBe(24 * HOUR);
    expect(durationMs('P1DT12H')).toBe(36 * HOUR);
    expect(durationMs('P1W')).toBe(7 * 24 * HOUR);
    expect(durationMs('PT1M30S')).toBe(90_000);
    expect(durationMs('PT0.5S')).toBe(500);
    for (const bad of ['', 'P', 'PT', '4H', 'P1H', 'PT-1H', 'P1DT', 'pt4h']) expect(durationMs(bad)).toBeNull();
  });

  it("reads the README's example, and its comment names the defaults", () => {
    const readme = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const [, value, defaults] = /^ALERT_ACK_DEADLINES="([^"]+)"\s+# defaults: (.+)$/m.exec(readme)!;
    expect(parseAckDeadlines(value)).toEqual({ ...DEFAULT_ACK_DEADLINES, VERY_HIGH: 4 * HOUR, HIGH: 12 * HOUR });
    expect(parseAckDeadlines(defaults.replace(/ /g, ''))).toEqual(DEFAULT_ACK_DEADLINES);
  });

  it('keeps the defaults for the levels not given', () => {
    expect(parseAckDeadlines(undefined)).toEqual(DEFAULT_ACK_DEADLINES);
    expect(parseAckDeadlines(' VERY_HIGH=PT4H , LOW=P14D ')).toEqual({ ...DEFAULT_ACK_DEADLINES, VERY_HIGH: 4 * HOUR, LOW: 14 * 24 * HOUR });
    expect(DEFAULT_ACK_DEADLINES).toEqual({ VERY_HIGH: 12 * HOUR, HIGH: 24 * HOUR, MODERATE: 72 * HOUR, LOW: 7 * 24 * HOUR });
  });

  it.each([
    ['HIGH', 'is not LEVEL=DURATION'],
    ['HIGH=P1D=P2D', 'is not LEVEL=DURATION'],
    ['CRITICAL=PT4H', 'names no risk level'],
    ['high=PT4H', 'names no risk level'],
    ['HIGH=4 hours', 'has no ISO 8601 duration'],
    ['HIGH=PT0S', 'gives no time at all'],
    ['HIGH=PT1H,HIGH=PT2H', 'sets a level a second time'],
  ])('refuses %j, saying what to write', (text, why) => {
    expect(() => parseAckDeadlines(text)).toThrow(why);
    expect(() => parseAckDeadlines(text)).toThrow('write LEVEL=ISO-8601-DURATION pairs separated by commas');
  });
});
