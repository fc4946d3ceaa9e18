import { CronSchedule } from '../../constructs/cron-schedule';
import { formatProblem } from '../../constructs/errors';
import { problemOf, problemsOf } from '../support/factory-error';

// A value type: tested without a stack.
describe('CronSchedule', () => {
  describe('factories', () => {
    test.each([
      ['everyMinutes(1)', () => CronSchedule.everyMinutes(1), '* * * * *'],
      ['everyMinutes(15)', () => CronSchedule.everyMinutes(15), '*/15 * * * *'],
      ['everyMinutes(59)', () => CronSchedule.everyMinutes(59), '*/59 * * * *'],
      ['everyHours(1)', () => CronSchedule.everyHours(1), '0 * * * *'],
      ['everyHours(3) (seed 002 auto-scrape)', () => CronSchedule.everyHours(3), '0 */3 * * *'],
      ['everyHours(23)', () => CronSchedule.everyHours(23), '0 */23 * * *'],
      ['daily({ hour: 3 })', () => CronSchedule.daily({ hour: 3 }), '0 3 * * *'],
      ['daily({ hour: 0, minute: 0 })', () => CronSchedule.daily({ hour: 0, minute: 0 }), '0 0 * * *'],
      ['daily({ hour: 23, minute: 59 })', () => CronSchedule.daily({ hour: 23, minute: 59 }), '59 23 * * *'],
    ])('given %s, when rendered, then it is "%s"', (_call, make, expected) => {
      const schedule = make();
      expect(schedule.expression).toBe(expected);
      expect(schedule.toString()).toBe(expected);
      expect(`${schedule}`).toBe(expected);
    });

    test.each([
      ['everyMinutes(0)', () => CronSchedule.everyMinutes(0), 'CronSchedule.everyMinutes', 'n', 0, 'below the minimum 1; expected a whole number from 1 to 59'],
      ['everyMinutes(60)', () => CronSchedule.everyMinutes(60), 'CronSchedule.everyMinutes', 'n', 60, 'above the maximum 59; expected a whole number from 1 to 59'],
      ['everyMinutes(1.5)', () => CronSchedule.everyMinutes(1.5), 'CronSchedule.everyMinutes', 'n', 1.5, 'not a whole number; expected a whole number from 1 to 59'],
      ['everyMinutes(undefined)', () => CronSchedule.everyMinutes(undefined as unknown as number), 'CronSchedule.everyMinutes', 'n', undefined, 'no number given; expected a whole number from 1 to 59'],
      ['everyMinutes("5")', () => CronSchedule.everyMinutes('5' as unknown as number), 'CronSchedule.everyMinutes', 'n', '5', 'a string, not a number; expected a whole number from 1 to 59'],
      ['everyHours(0)', () => CronSchedule.everyHours(0), 'CronSchedule.everyHours', 'n', 0, 'below the minimum 1; expected a whole number from 1 to 23'],
      ['everyHours(24)', () => CronSchedule.everyHours(24), 'CronSchedule.everyHours', 'n', 24, 'above the maximum 23; expected a whole number from 1 to 23'],
      ['everyHours(NaN)', () => CronSchedule.everyHours(Number.NaN), 'CronSchedule.everyHours', 'n', Number.NaN, 'NaN (not a number); expected a whole number from 1 to 23'],
      ['daily({ hour: -1 })', () => CronSchedule.daily({ hour: -1 }), 'CronSchedule.daily', 'hour', -1, 'below the minimum 0; expected a whole number from 0 to 23'],
      ['daily({ hour: 24 })', () => CronSchedule.daily({ hour: 24 }), 'CronSchedule.daily', 'hour', 24, 'above the maximum 23; expected a whole number from 0 to 23'],
      ['daily({})', () => CronSchedule.daily({} as { hour: number }), 'CronSchedule.daily', 'hour', undefined, 'no number given; expected a whole number from 0 to 23'],
      ['daily({ hour: 3, minute: -1 })', () => CronSchedule.daily({ hour: 3, minute: -1 }), 'CronSchedule.daily', 'minute', -1, 'below the minimum 0; expected a whole number from 0 to 59'],
      ['daily({ hour: 3, minute: 60 })', () => CronSchedule.daily({ hour: 3, minute: 60 }), 'CronSchedule.daily', 'minute', 60, 'above the maximum 59; expected a whole number from 0 to 59'],
      ['daily(undefined)', () => CronSchedule.daily(undefined as unknown as { hour: number }), 'CronSchedule.daily', 'at', undefined, 'no time given'],
      ['daily(null)', () => CronSchedule.daily(null as unknown as { hour: number }), 'CronSchedule.daily', 'at', null, 'null, not { hour, minute }'],
      ['daily(3)', () => CronSchedule.daily(3 as unknown as { hour: number }), 'CronSchedule.daily', 'at', 3, 'a number, not { hour, minute }'],
    ])('fails when called as %s, naming the factory, the field, the value and the range', (_call, make, path, field, value, message) => {
      const problem = problemOf(make);
      expect(problem).toMatchObject({ path, field, message });
      expect(problem.value).toEqual(value);
    });

    test('fails with both a bad hour and a bad minute at once', () => {
      expect(problemsOf(() => CronSchedule.daily({ hour: 24, minute: 60 })).map((p) => p.field)).toEqual(['hour', 'minute']);
    });
  });

  describe('expression', () => {
    test.each([
      ['every minute', '* * * * *'],
      ['the lowest value of every field', '0 0 1 1 0'],
      ['the highest value of every field', '59 23 31 12 7'],
      ['lists', '0,15,30,45 8,12,18 1,15 1,7 1,3,5'],
      ['ranges', '0-59 0-23 1-31 1-12 0-7'],
      ['steps on * and on ranges', '*/5 8-18/2 */10 1-12/3 */2'],
      ['lists of ranges with steps', '0,30 8-18/2 1 1-12 1-5'],
      ['a single-value range', '5-5 3 * * *'],
    ])('given %s ("%s"), when parsed, then it is kept as written', (_what, text) => {
      expect(CronSchedule.expression(text).expression).toBe(text);
    });

    test('given extra spaces and tabs, when parsed, then the fields are joined by single spaces', () => {
      expect(CronSchedule.expression('  0\t*/3   *  * *  ').expression).toBe('0 */3 * * *');
    });

    test.each([
      ['minute', '60 * * * *', 'minute "60" is outside 0-59'],
      ['hour', '0 24 * * *', 'hour "24" is outside 0-23'],
      ['day of month (below)', '0 0 0 * *', 'day of month "0" is outside 1-31'],
      ['day of month (above)', '0 0 32 * *', 'day of month "32" is outside 1-31'],
      ['month (below)', '0 0 * 0 *', 'month "0" is outside 1-12'],
      ['month (above)', '0 0 * 13 *', 'month "13" is outside 1-12'],
      ['day of week', '0 0 * * 8', 'day of week "8" is outside 0-7'],
      ['the end of a range', '0 0-24 * * *', 'hour "0-24" is outside 0-23'],
      ['a value in a list', '0,61 * * * *', 'minute "0,61" is outside 0-59'],
    ])('fails when the %s is one step outside its range', (_field, text, message) => {
      const problem = problemOf(() => CronSchedule.expression(text));
      expect(`${problem.field} "${String(problem.value)}" ${problem.message}`).toBe(`${message}, in "${text}"`);
      expect(problem.path).toBe('CronSchedule.expression');
    });

    test('given CronSchedule.expression("61 * * * *"), when refused, then the line names the field, its value, the range and the fix', () => {
      expect(formatProblem(problemOf(() => CronSchedule.expression('61 * * * *')))).toBe(
        '[props] CronSchedule.expression: minute = "61": is outside 0-59, in "61 * * * *". Fix: write a minute from 0 to 59, * or a range, step or list of them',
      );
    });

    test('fails with every bad field at once', () => {
      expect(problemsOf(() => CronSchedule.expression('60 24 0 13 8')).map((p) => p.field)).toEqual(['minute', 'hour', 'day of month', 'month', 'day of week']);
    });

    test.each([
      ['a step of 0', '*/0 * * * *', 'minute "*/0" has a step outside 1-59'],
      ['a step above the field maximum', '*/60 * * * *', 'minute "*/60" has a step outside 1-59'],
      ['a range that runs backwards', '5-1 * * * *', 'minute "5-1" has a range that runs backwards'],
      ['a step after a single number (Debian cron rejects it, busybox ignores the step)', '5/10 * * * *', 'minute "5/10" has a step after a single number: write a range a-b/n or */n'],
      ['day names', '0 0 * * MON', 'day of week "MON" is not a number, *, a range a-b, a step /n or a list'],
      ['month names', '0 0 1 JAN *', 'month "JAN" is not a number, *, a range a-b, a step /n or a list'],
      ['an empty list item', '0, * * * *', 'minute "0," is not a number, *, a range a-b, a step /n or a list'],
      ['a negative number', '-1 * * * *', 'minute "-1" is not a number'],
      ['a comment folded into the field (seed 003)', '0 3 * * * # nightly', 'needs 5 fields'],
    ])('fails when the expression has %s', (_what, text, message) => {
      const problem = problemOf(() => CronSchedule.expression(text));
      expect(problem.path).toBe('CronSchedule.expression');
      expect(`${problem.field} "${String(problem.value)}" ${problem.message}`).toContain(message);
    });

    test.each([
      ['empty', '', 1],
      ['four fields', '* * * *', 4],
      ['six fields (seconds or a year)', '0 0 3 * * *', 6],
      ['a macro', '@daily', 1],
    ])('fails when the expression is %s, saying how many fields it found', (_what, text, count) => {
      expect(problemOf(() => CronSchedule.expression(text))).toMatchObject({
        path: 'CronSchedule.expression',
        field: 'text',
        value: text,
        message: `needs 5 fields (minute hour day-of-month month day-of-week), got ${count}`,
      });
    });

    test.each([
      ['undefined', undefined, 'no cron expression given'],
      ['null', null, 'no cron expression given'],
      ['a number', 5, 'a number, not a string'],
    ])('fails when the expression is %s', (_what, value, message) => {
      expect(problemOf(() => CronSchedule.expression(value as unknown as string))).toMatchObject({ path: 'CronSchedule.expression', field: 'text', value, message });
    });
  });
});

describe('CronSchedule refusals, whole', () => {
  const problem = (field: string, value: unknown, message: string, fix: string) => ({ ruleId: 'props', path: 'CronSchedule.expression', field, value, message, fix });
  const FIELD_FIX = (oneValue: string, min: number, max: number) => `write ${oneValue} from ${min} to ${max}, * or a range, step or list of them`;

  test.each<[string, string, ReturnType<typeof problem>]>([
    ['a minute out of range', '61 * * * *', problem('minute', '61', 'is outside 0-59, in "61 * * * *"', FIELD_FIX('a minute', 0, 59))],
    ['an hour out of range', '0 24 * * *', problem('hour', '24', 'is outside 0-23, in "0 24 * * *"', FIELD_FIX('an hour', 0, 23))],
    ['a day of month below its minimum', '0 0 0 * *', problem('day of month', '0', 'is outside 1-31, in "0 0 0 * *"', FIELD_FIX('a day of month', 1, 31))],
    ['a month out of range', '0 0 * 13 *', problem('month', '13', 'is outside 1-12, in "0 0 * 13 *"', FIELD_FIX('a month', 1, 12))],
    ['a day of week out of range', '0 0 * * 8', problem('day of week', '8', 'is outside 0-7, in "0 0 * * 8"', FIELD_FIX('a day of week', 0, 7))],
    ['a range end out of range', '0-60 * * * *', problem('minute', '0-60', 'is outside 0-59, in "0-60 * * * *"', FIELD_FIX('a minute', 0, 59))],
    ['a backwards range', '5-1 * * * *', problem('minute', '5-1', 'has a range that runs backwards, in "5-1 * * * *"', FIELD_FIX('a minute', 0, 59))],
    ['a step of 0', '*/0 * * * *', problem('minute', '*/0', 'has a step outside 1-59, in "*/0 * * * *"', FIELD_FIX('a minute', 0, 59))],
    ['a step above the field', '*/60 * * * *', problem('minute', '*/60', 'has a step outside 1-59, in "*/60 * * * *"', FIELD_FIX('a minute', 0, 59))],
    ['text with a number after', 'x5 * * * *', problem('minute', 'x5', 'is not a number, *, a range a-b, a step /n or a list, in "x5 * * * *"', FIELD_FIX('a minute', 0, 59))],
    ['a number with text after', '5x * * * *', problem('minute', '5x', 'is not a number, *, a range a-b, a step /n or a list, in "5x * * * *"', FIELD_FIX('a minute', 0, 59))],
  ])('refuses %s, naming the field, the range and the fix', (_what, text, expected) => {
    expect(problemOf(() => CronSchedule.expression(text))).toEqual(expected);
  });

  test.each(['*/1 * * * *', '*/59 * * * *', '1-2/3 * * * *', '0,30 0-23/2 1-31 1-12 0-7', '5-5 * * * *'])('accepts %p, at the edges of steps and ranges', (text) => {
    expect(() => CronSchedule.expression(text)).not.toThrow();
  });

  test.each<[string, unknown, string, string]>([
    ['nothing', undefined, 'no cron expression given', 'pass five fields, e.g. "0 */3 * * *" (an unset environment variable reads as undefined: check that it is set)'],
    ['a number', 5, 'a number, not a string', 'pass the five fields as one string, e.g. "0 */3 * * *"'],
    ['one field', '5', 'needs 5 fields (minute hour day-of-month month day-of-week), got 1', 'write five fields separated by spaces, e.g. "0 */3 * * *"; no names, macros or comments'],
  ])('refuses %s as an expression, whole', (_what, text, message, fix) => {
    expect(problemOf(() => CronSchedule.expression(text as string))).toEqual({ ruleId: 'props', path: 'CronSchedule.expression', field: 'text', value: text, message, fix });
  });

  test('refuses a daily time that is not { hour, minute }, whole', () => {
    expect(problemOf(() => CronSchedule.daily('x' as never))).toEqual({
      ruleId: 'props', path: 'CronSchedule.daily', field: 'at', value: 'x', message: 'a string, not { hour, minute }', fix: 'pass { hour, minute }, e.g. CronSchedule.daily({ hour: 3 })',
    });
  });
});
