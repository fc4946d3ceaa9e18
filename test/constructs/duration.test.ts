import { Duration } from '../../constructs';

describe('Duration', () => {
  test.each([
    [Duration.millis(0), '0s'],
    [Duration.millis(500), '500ms'],
    [Duration.millis(1500), '1.5s'],
    [Duration.seconds(30), '30s'],
    [Duration.seconds(60), '1m0s'],
    [Duration.seconds(90), '1m30s'],
    [Duration.minutes(5), '5m0s'],
    [Duration.hours(1), '1h0m0s'],
    [Duration.millis(3_723_250), '1h2m3.25s'],
  ])('given %s, renders the Go form the provider reads back (%s)', (duration, expected) => {
    expect(duration.toGoString()).toBe(expected);
  });

  test.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1m0s', 60_000],
  ])('parses %s', (text, millis) => {
    expect(Duration.parse(text).toMilliseconds()).toBe(millis);
  });

  test.each(['', '30', 'abc', '5 minutes', '-1s', '1m1h'])('fails when parsing %p', (text) => {
    expect(() => Duration.parse(text)).toThrow(/not a duration/);
  });

  test('fails when negative, not finite or not whole milliseconds', () => {
    expect(() => Duration.seconds(-1)).toThrow(/>= 0/);
    expect(() => Duration.seconds(Number.NaN)).toThrow(/finite/);
    expect(() => Duration.millis(0.5)).toThrow(/whole milliseconds/);
  });

  test('accepts a year and fails one millisecond past it', () => {
    expect(Duration.hours(365 * 24).toMilliseconds()).toBe(365 * 24 * 3_600_000);
    expect(() => Duration.millis(365 * 24 * 3_600_000 + 1)).toThrow(/longer than a year/);
  });

  test('rounds seconds up for Terraform fields that count whole seconds', () => {
    expect(Duration.millis(1500).toSecondsCeil()).toBe(2);
    expect(Duration.seconds(2).toSecondsCeil()).toBe(2);
  });
});
