import { article, FactoryProblems, numberProblem, throwArgument, UNSET_HINT } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** The five fields: the name problems give as the field, and how a fix names one value of it. */
const FIELDS = [
  { name: 'minute', oneValue: 'a minute', min: 0, max: 59 },
  { name: 'hour', oneValue: 'an hour', min: 0, max: 23 },
  { name: 'day of month', oneValue: 'a day of month', min: 1, max: 31 },
  { name: 'month', oneValue: 'a month', min: 1, max: 12 },
  { name: 'day of week', oneValue: 'a day of week', min: 0, max: 7 },
] as const;

/** When a cron job runs: five validated cron fields (minute hour day-of-month month day-of-week). */
export class CronSchedule {
  /** True for a CronSchedule of any installed copy of this library (a brand check, not `instanceof`). */
  static isCronSchedule(this: void, value: unknown): value is CronSchedule {
    return hasBrand(value, 'CronSchedule');
  }

  /**
   * Every `n` minutes (1-59), on minutes divisible by `n` (a `/n` step): a `n` that does not divide 60
   * gives a shorter gap at the top of the hour.
   */
  static everyMinutes(n: number): CronSchedule {
    CronSchedule.whole('everyMinutes', 'n', n, 1, 59);
    return new CronSchedule(n === 1 ? '* * * * *' : `*/${n} * * * *`);
  }

  /**
   * Every `n` hours on the hour (1-23), on hours divisible by `n`; seed 002's auto-scrape is
   * `everyHours(3)`. A `n` that does not divide 24 gives a shorter gap at midnight.
   */
  static everyHours(n: number): CronSchedule {
    CronSchedule.whole('everyHours', 'n', n, 1, 23);
    return new CronSchedule(n === 1 ? '0 * * * *' : `0 */${n} * * *`);
  }

  /** Once a day at `hour:minute` (container time, UTC unless TZ is set). */
  static daily(at: { readonly hour: number; readonly minute?: number }): CronSchedule {
    if (at === null || typeof at !== 'object') {
      const what = at === undefined ? 'no time given' : `${at === null ? 'null' : article(typeof at)}, not { hour, minute }`;
      throwArgument('CronSchedule.daily', 'at', at, { message: what, fix: 'pass { hour, minute }, e.g. CronSchedule.daily({ hour: 3 })' });
    }
    new FactoryProblems('CronSchedule.daily')
      .add('hour', at.hour, numberProblem(at.hour, { min: 0, max: 23, whole: true }))
      .add('minute', at.minute, at.minute === undefined ? undefined : numberProblem(at.minute, { min: 0, max: 59, whole: true }))
      .throwIfAny();
    return new CronSchedule(`${at.minute ?? 0} ${at.hour} * * *`);
  }

  /**
   * A five-field cron expression (minute hour day-of-month month day-of-week): numbers, `*`,
   * ranges `a-b`, steps `/n` and lists `a,b`; no names (`MON`) or macros (`@daily`), which
   * busybox crond and Debian cron do not read alike. Day of week 0 and 7 are Sunday.
   * Throws a ValidationError naming each bad field, its value and the allowed range.
   */
  static expression(text: string): CronSchedule {
    if (text === undefined || text === null) {
      throwArgument('CronSchedule.expression', 'text', text, { message: 'no cron expression given', fix: `pass five fields, e.g. "0 */3 * * *" (${UNSET_HINT})` });
    }
    if (typeof text !== 'string') {
      throwArgument('CronSchedule.expression', 'text', text, { message: `${article(typeof text)}, not a string`, fix: 'pass the five fields as one string, e.g. "0 */3 * * *"' });
    }
    const fields = text.trim().split(/\s+/);
    if (fields.length !== 5) {
      throwArgument('CronSchedule.expression', 'text', text, {
        message: `needs 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
        fix: 'write five fields separated by spaces, e.g. "0 */3 * * *"; no names, macros or comments',
      });
    }
    const problems = new FactoryProblems('CronSchedule.expression');
    fields.forEach((field, i) => problems.add(FIELDS[i].name, field, fieldProblem(text, field, FIELDS[i])));
    problems.throwIfAny();
    return new CronSchedule(fields.join(' '));
  }

  private static whole(factory: string, field: string, n: number, min: number, max: number): void {
    const problem = numberProblem(n, { min, max, whole: true });
    if (problem) throwArgument(`CronSchedule.${factory}`, field, n, problem);
  }

  private constructor(
    /** The five fields, space-separated. */
    public readonly expression: string,
  ) {}

  /** The five fields, as written in a crontab. */
  toString(): string {
    return this.expression;
  }
}
brand(CronSchedule.prototype, 'CronSchedule');

/** What is wrong with one field of a cron expression; undefined when nothing is. */
function fieldProblem(text: string, field: string, spec: (typeof FIELDS)[number]): { message: string; fix: string } | undefined {
  const fail = (why: string) => ({ message: `${why}, in "${text}"`, fix: `write ${spec.oneValue} from ${spec.min} to ${spec.max}, * or a range, step or list of them` });
  for (const part of field.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return fail('is not a number, *, a range a-b, a step /n or a list');
    const [, , from, to, step] = match;
    for (const value of [from, to]) {
      if (value !== undefined && (Number(value) < spec.min || Number(value) > spec.max)) return fail(`is outside ${spec.min}-${spec.max}`);
    }
    if (from !== undefined && to !== undefined && Number(from) > Number(to)) return fail('has a range that runs backwards');
    if (step !== undefined && (Number(step) < 1 || Number(step) > spec.max)) return fail(`has a step outside 1-${spec.max}`);
    // Debian's cron rejects `n/step`, busybox reads it as `n`: only `*` and ranges take a step.
    if (step !== undefined && from !== undefined && to === undefined) return fail('has a step after a single number: write a range a-b/n or */n');
  }
  return undefined;
}
