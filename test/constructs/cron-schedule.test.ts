import { CronSchedule } from '../../constructs';

describe('CronSchedule', () => {
  test.each([
    [CronSchedule.everyHours(3), '0 */3 * * *'],
    [CronSchedule.everyHours(1), '0 * * * *'],
    [CronSchedule.everyMinutes(15), '*/15 * * * *'],
    [CronSchedule.daily({ hour: 3 }), '0 3 * * *'],
    [CronSchedule.daily({ hour: 23, minute: 59 }), '59 23 * * *'],
    [CronSchedule.expression('0,30 8-18/2 1 1-12 1-5'), '0,30 8-18/2 1 1-12 1-5'],
  ])('renders %s as %s', (schedule, expression) => {
    expect(schedule.expression).toBe(expression);
  });

  test('accepts the bounds and fails one step outside', () => {
    expect(() => CronSchedule.everyHours(23)).not.toThrow();
    expect(() => CronSchedule.everyHours(24)).toThrow(/from 1 to 23/);
    expect(() => CronSchedule.everyMinutes(0)).toThrow(/from 1 to 59/);
    expect(() => CronSchedule.daily({ hour: 24 })).toThrow(/from 0 to 23/);
    expect(() => CronSchedule.expression('59 23 31 12 7')).not.toThrow();
    expect(() => CronSchedule.expression('60 * * * *')).toThrow(/minute "60" is outside 0-59/);
    expect(() => CronSchedule.expression('* * 0 * *')).toThrow(/day of month "0" is outside 1-31/);
  });

  test.each(['', '* * * *', '@daily', '* * * * MON', '5-1 * * * *', '*/0 * * * *', '# comment * * * *'])('fails when the expression is %p', (text) => {
    expect(() => CronSchedule.expression(text)).toThrow(/CronSchedule.expression/);
  });
});
