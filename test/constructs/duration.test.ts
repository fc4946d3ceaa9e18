import { Duration } from '../../constructs/duration';
import { formatProblem } from '../../constructs/errors';
import { DURATION_MAX_MILLIS } from '../../constructs/limits';
import { problemOf } from '../support/factory-error';

const HOUR = 3_600_000;

// A value type: tested without a stack.
describe('Duration', () => {
  test.each([
    // The titles hold literals only (the label, then the Go form): a title printed from a Duration
    // changes under a mutant, and the mutation baseline then cannot find the test that killed it.
    ['Duration.millis(0)', '0s', Duration.millis(0)],
    ['Duration.millis(500)', '500ms', Duration.millis(500)],
    ['Duration.millis(1500)', '1.5s', Duration.millis(1500)],
    ['Duration.millis(1050)', '1.05s', Duration.millis(1050)],
    ['Duration.millis(1005)', '1.005s', Duration.millis(1005)],
    ['Duration.seconds(30)', '30s', Duration.seconds(30)],
    ['Duration.seconds(60)', '1m0s', Duration.seconds(60)],
    ['Duration.seconds(90)', '1m30s', Duration.seconds(90)],
    ['Duration.minutes(5)', '5m0s', Duration.minutes(5)],
    ['Duration.hours(1)', '1h0m0s', Duration.hours(1)],
    ['Duration.millis(3_723_250)', '1h2m3.25s', Duration.millis(3_723_250)],
    ['Duration.millis(DURATION_MAX_MILLIS)', '8760h0m0s', Duration.millis(DURATION_MAX_MILLIS)],
  ])('given %s, renders the Go form the provider reads back (%s)', (_label, expected, duration) => {
    expect(duration.toGoString()).toBe(expected);
  });

  describe('parse', () => {
    test.each([
      ['30s', 30_000],
      ['90s', 90_000],
      ['5m', 300_000],
      ['10m', 600_000],
      ['1h', HOUR],
      ['12h', 12 * HOUR],
      ['500ms', 500],
      ['250ms', 250],
      ['1m30s', 90_000],
      ['1m0s', 60_000],
      ['2h30m', 2.5 * HOUR],
      ['1h2m3.25s', 3_723_250],
      ['1.5s', 1_500],
      ['0.001s', 1],
      ['1.500s', 1_500],
      // Digits past the millisecond are read as zeros, not as more milliseconds.
      ['1.5000s', 1_500],
      ['0s', 0],
      [' 30s ', 30_000],
      ['8760h', DURATION_MAX_MILLIS],
    ])('parses %p', (text, millis) => {
      expect(Duration.parse(text).toMilliseconds()).toBe(millis);
    });

    test.each([
      ['days, a unit Go has not', '1d', /^not a duration/, 'write "24h"'],
      ['no unit', '30', /^no unit/, 'write "30s" for seconds, or "30ms"'],
      ['a fraction of a minute', '1.5m', /^a fraction of m/, 'write "1m30s"'],
      ['a fraction of an hour', '0.5h', /^a fraction of h/, 'write "30m0s"'],
      ['less than a millisecond', '0.0005s', /^finer than a millisecond/, 'round to whole milliseconds, e.g. "1ms"'],
      ['words', 'abc', /^not a duration/, undefined],
      ['a phrase', '5 minutes', /^not a duration/, undefined],
      ['a negative duration', '-1s', /^not a duration/, undefined],
      ['units out of order', '1m1h', /^not a duration/, undefined],
      ['a unit twice', '1h1h', /^not a duration/, undefined],
      ['trailing garbage', '30sx', /^not a duration/, undefined],
      ['empty', '', /^an empty duration/, undefined],
    ])('fails when parsing %s (%p), naming Duration.parse, the text and the notation', (_what, text, message, fix) => {
      const problem = problemOf(() => Duration.parse(text));
      expect(problem).toMatchObject({ path: 'Duration.parse', field: 'text', value: text, message: expect.stringMatching(message) });
      expect(problem.message).toContain('a number and a unit h, m, s or ms');
      if (fix) expect(problem.fix).toBe(fix);
    });

    test('fails when the text is not set (an unset environment variable), saying so', () => {
      expect(formatProblem(problemOf(() => Duration.parse(undefined as unknown as string)))).toBe(
        '[props] Duration.parse: text = (not set): no duration given. Fix: pass a duration such as "30s" (an unset environment variable reads as undefined: check that it is set)',
      );
    });

    test.each([
      ['null', null, /^no duration given/],
      ['a number', 30, /^a number, not text/],
    ])('fails when the text is %s', (_what, value, message) => {
      expect(problemOf(() => Duration.parse(value as unknown as string))).toMatchObject({ path: 'Duration.parse', field: 'text', value, message: expect.stringMatching(message) });
    });

    test('fails one hour past the maximum, naming Duration.parse (not an inner factory) and the maximum', () => {
      const problem = problemOf(() => Duration.parse(`${DURATION_MAX_MILLIS / HOUR + 1}h`));
      expect(problem).toMatchObject({ path: 'Duration.parse', field: 'text', message: 'above the maximum 8760h0m0s (a year)', fix: 'use at most "8760h"' });
    });
  });

  describe('factories', () => {
    test.each([
      ['millis', Duration.millis, 1, 'milliseconds'],
      ['seconds', Duration.seconds, 1000, 'seconds'],
      ['minutes', Duration.minutes, 60_000, 'minutes'],
      ['hours', Duration.hours, HOUR, 'hours'],
    ] as const)('given Duration.%s of the maximum, then it is accepted; one unit more fails with the maximum', (name, make, factor, unit) => {
      const max = DURATION_MAX_MILLIS / factor;
      expect(make(max).toMilliseconds()).toBe(DURATION_MAX_MILLIS);
      const problem = problemOf(() => make(max + 1));
      expect(problem).toMatchObject({ path: `Duration.${name}`, field: 'amount', value: max + 1 });
      expect(problem.message).toBe(`above the maximum ${max} ${unit}; expected a number from 0 to ${max} ${unit}`);
    });

    test('given zero, then it is accepted (the minimum); one millisecond below fails', () => {
      expect(Duration.millis(0).isZero()).toBe(true);
      expect(problemOf(() => Duration.millis(-1)).message).toMatch(/^below the minimum 0 milliseconds/);
    });

    test.each([
      ['negative', -1, /^below the minimum 0/],
      ['NaN', Number.NaN, /^NaN \(not a number\)/],
      ['Infinity', Number.POSITIVE_INFINITY, /^not finite/],
      ['undefined', undefined, /^no number given/],
      ['null', null, /^no number given/],
      ['a string', '30', /^a string, not a number/],
    ])('fails when the amount is %s, naming the factory, the field and the value', (_what, value, message) => {
      for (const [factory, make] of [
        ['Duration.millis', Duration.millis],
        ['Duration.seconds', Duration.seconds],
        ['Duration.minutes', Duration.minutes],
        ['Duration.hours', Duration.hours],
      ] as const) {
        const problem = problemOf(() => make(value as number));
        expect(problem).toMatchObject({ path: factory, field: 'amount', message: expect.stringMatching(message) });
        expect(problem.value).toEqual(value);
      }
    });

    test('fails when not a whole number of milliseconds', () => {
      expect(problemOf(() => Duration.millis(0.5))).toMatchObject({ path: 'Duration.millis', message: 'not a whole number of milliseconds (0.5 ms)' });
      expect(problemOf(() => Duration.seconds(0.0005))).toMatchObject({ path: 'Duration.seconds', message: 'not a whole number of milliseconds (0.5 ms)' });
    });

    test('given a decimal that binary floating point cannot hold exactly, then it is the whole milliseconds meant', () => {
      expect(Duration.seconds(1.001).toMilliseconds()).toBe(1001);
      expect(Duration.minutes(0.1).toMilliseconds()).toBe(6000);
    });
  });

  test('rounds seconds up for Terraform fields that count whole seconds', () => {
    expect(Duration.millis(1500).toSecondsCeil()).toBe(2);
    expect(Duration.seconds(2).toSecondsCeil()).toBe(2);
  });

  test('adds, multiplies and compares', () => {
    expect(Duration.seconds(1).plus(Duration.millis(500)).toMilliseconds()).toBe(1500);
    expect(Duration.seconds(10).times(3).toMilliseconds()).toBe(30_000);
    expect(Duration.seconds(1).compareTo(Duration.millis(999))).toBeGreaterThan(0);
    expect(Duration.isDuration(Duration.seconds(1))).toBe(true);
    expect(Duration.isDuration({ toMilliseconds: () => 1 })).toBe(false);
  });
});

describe('Duration.parse refusals, whole', () => {
  const NOTATION = 'expected a number and a unit h, m, s or ms, largest first, e.g. "30s", "1m30s", "500ms"';
  test.each<[string, unknown, string, string]>([
    ['a number', 5, `a number, not text; ${NOTATION}`, 'write the duration with its unit, e.g. "30s", or use Duration.seconds(n)'],
    ['blanks only', '  ', `an empty duration; ${NOTATION}`, 'write a duration such as "30s" (an unset environment variable reads as undefined: check that it is set)'],
    ['days', '1d', `not a duration: Go durations have no days; ${NOTATION}`, 'write "24h"'],
    ['days in words', '2 days', `not a duration: Go durations have no days; ${NOTATION}`, 'write "48h"'],
    ['a day in a word', '1day', `not a duration: Go durations have no days; ${NOTATION}`, 'write "24h"'],
    ['days of two digits', '10D', `not a duration: Go durations have no days; ${NOTATION}`, 'write "240h"'],
    ['days after another unit', '1h1d', `not a duration; ${NOTATION}`, 'write a duration such as "30s", "5m", "1h" or "500ms"'],
    ['no unit', '10', `no unit; ${NOTATION}`, 'write "10s" for seconds, or "10ms"'],
    ['no unit, with decimals', '12.25', `no unit; ${NOTATION}`, 'write "12.25s" for seconds, or "12.25ms"'],
    ['a fraction of an hour', '1.5h', `a fraction of h: only seconds take decimals; ${NOTATION}`, 'write "1h30m0s"'],
    ['a fraction of an hour, two digits each', '10.25h', `a fraction of h: only seconds take decimals; ${NOTATION}`, 'write "10h15m0s"'],
    ['a fraction of a minute', '0.5m', `a fraction of m: only seconds take decimals; ${NOTATION}`, 'write "30s"'],
    ['a fraction after another unit', '1h1.5m', `not a duration; ${NOTATION}`, 'write a duration such as "30s", "5m", "1h" or "500ms"'],
    ['text', 'abc', `not a duration; ${NOTATION}`, 'write a duration such as "30s", "5m", "1h" or "500ms"'],
    // The hints match the whole text only: something before or after makes it plain text.
    ['days and more', '1dx', `not a duration; ${NOTATION}`, 'write a duration such as "30s", "5m", "1h" or "500ms"'],
    ['a number after text', 'x5', `not a duration; ${NOTATION}`, 'write a duration such as "30s", "5m", "1h" or "500ms"'],
    ['a fraction of an hour and more', '1.5hx', `not a duration; ${NOTATION}`, 'write a duration such as "30s", "5m", "1h" or "500ms"'],
    ['finer than a millisecond', '1.0001s', `finer than a millisecond; ${NOTATION}`, 'round to whole milliseconds, e.g. "1ms"'],
  ])('refuses %s, with the notation and the fix', (_what, text, message, fix) => {
    expect(problemOf(() => Duration.parse(text as string))).toEqual({ ruleId: 'props', path: 'Duration.parse', field: 'text', value: text, message, fix });
  });

  test('reads every unit, seconds with a fraction, and milliseconds', () => {
    expect(Duration.parse('1h2m3.5s4ms').toMilliseconds()).toBe(HOUR + 2 * 60_000 + 3_504);
    expect(Duration.parse('1.05s').toMilliseconds()).toBe(1_050);
    expect(Duration.parse('2s').toMilliseconds()).toBe(2_000);
  });

  test('refuses a fraction of a millisecond given to a factory, whole', () => {
    expect(problemOf(() => Duration.millis(1.5))).toEqual({ ruleId: 'props', path: 'Duration.millis', field: 'amount', value: 1.5, message: 'not a whole number of milliseconds (1.5 ms)', fix: 'round to whole milliseconds' });
  });
});
