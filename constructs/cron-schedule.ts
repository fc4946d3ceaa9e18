import { brand, hasBrand } from './private/brand';

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** When a cron job runs: five validated cron fields (minute hour day-of-month month day-of-week). */
export class CronSchedule {
  /** True for a CronSchedule of any installed copy of this library (a brand check, not `instanceof`). */
  static isCronSchedule(value: unknown): value is CronSchedule {
    return hasBrand(value, 'CronSchedule');
  }

  /**
   * Every `n` minutes (1-59), on minutes divisible by `n` (a `/n` step): a `n` that does not divide 60
   * gives a shorter gap at the top of the hour.
   */
  static everyMinutes(n: number): CronSchedule {
    CronSchedule.whole('everyMinutes', n, 1, 59);
    return new CronSchedule(n === 1 ? '* * * * *' : `*/${n} * * * *`);
  }

  /**
   * Every `n` hours on the hour (1-23), on hours divisible by `n`; seed 002's auto-scrape is
   * `everyHours(3)`. A `n` that does not divide 24 gives a shorter gap at midnight.
   */
  static everyHours(n: number): CronSchedule {
    CronSchedule.whole('everyHours', n, 1, 23);
    return new CronSchedule(n === 1 ? '0 * * * *' : `0 */${n} * * *`);
  }

  /** Once a day at `hour:minute` (container time, UTC unless TZ is set). */
  static daily(at: { readonly hour: number; readonly minute?: number }): CronSchedule {
    CronSchedule.whole('daily hour', at.hour, 0, 23);
    CronSchedule.whole('daily minute', at.minute ?? 0, 0, 59);
    return new CronSchedule(`${at.minute ?? 0} ${at.hour} * * *`);
  }

  /**
   * A five-field cron expression (minute hour day-of-month month day-of-week): numbers, `*`,
   * ranges `a-b`, steps `/n` and lists `a,b`; no names (`MON`) or macros (`@daily`), which
   * busybox crond and Debian cron do not read alike. Day of week 0 and 7 are Sunday.
   * Throws an Error naming the field, the value and the allowed range.
   */
  static expression(text: string): CronSchedule {
    const fields = text.trim().split(/\s+/);
    if (fields.length !== 5) {
      throw new Error(`CronSchedule.expression("${text}"): needs 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`);
    }
    fields.forEach((field, i) => CronSchedule.checkField(text, field, FIELDS[i]));
    return new CronSchedule(fields.join(' '));
  }

  private static whole(what: string, n: number, min: number, max: number): void {
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`CronSchedule.${what}(${n}): must be a whole number from ${min} to ${max}`);
  }

  private static checkField(text: string, field: string, spec: (typeof FIELDS)[number]): void {
    const fail = (why: string): never => {
      throw new Error(`CronSchedule.expression("${text}"): ${spec.name} "${field}" ${why}`);
    };
    for (const part of field.split(',')) {
      const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!match) fail('is not a number, *, a range a-b, a step /n or a list');
      const [, , from, to, step] = match as RegExpExecArray;
      for (const value of [from, to]) {
        if (value !== undefined && (Number(value) < spec.min || Number(value) > spec.max)) fail(`is outside ${spec.min}-${spec.max}`);
      }
      if (from !== undefined && to !== undefined && Number(from) > Number(to)) fail('has a range that runs backwards');
      if (step !== undefined && (Number(step) < 1 || Number(step) > spec.max)) fail(`has a step outside 1-${spec.max}`);
      // Debian's cron rejects `n/step`, busybox reads it as `n`: only `*` and ranges take a step.
      if (step !== undefined && from !== undefined && to === undefined) fail('has a step after a single number: write a range a-b/n or */n');
    }
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
