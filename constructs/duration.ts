import { DURATION_MAX_MILLIS } from './limits';
import { article, numberProblem, throwArgument, UNSET_HINT, type ArgumentProblem } from './private/arguments';
import { brand, hasBrand } from './private/brand';

const FACTORIES = {
  millis: { factor: 1, unit: 'milliseconds' },
  seconds: { factor: 1000, unit: 'seconds' },
  minutes: { factor: 60_000, unit: 'minutes' },
  hours: { factor: 3_600_000, unit: 'hours' },
} as const;
/** The notation Duration.parse reads, for its messages. */
const NOTATION = 'a number and a unit h, m, s or ms, largest first, e.g. "30s", "1m30s", "500ms"';
/** Go's form with whole h, m and ms; seconds may carry up to three decimals. */
const GO_DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)(?:\.(\d+))?s)?(?:(\d+)ms)?$/;
/** How far a product such as `1.001 * 1000` may stray from the whole milliseconds meant. */
const FLOAT_TOLERANCE_MILLIS = 1e-6;

/**
 * A length of time, from 0 to a year in whole milliseconds. Rendered once, in the form the
 * Docker provider reads back (Go's `time.Duration` string: `1m0s`, not `1m`), so a deploy is
 * followed by an empty diff.
 */
export class Duration {
  /** True for a Duration of any installed copy of this library (a brand check, not `instanceof`). */
  static isDuration(this: void, value: unknown): value is Duration {
    return hasBrand(value, 'Duration');
  }

  /** `amount` milliseconds: a whole number from 0 to a year (31,536,000,000). */
  static millis(this: void, amount: number): Duration {
    return Duration.of('millis', amount);
  }
  /** `amount` seconds, from 0 to a year (31,536,000); a fraction must come to whole milliseconds (`1.5`, not `1.0005`). */
  static seconds(this: void, amount: number): Duration {
    return Duration.of('seconds', amount);
  }
  /** `amount` minutes, from 0 to a year (525,600); a fraction must come to whole milliseconds. */
  static minutes(this: void, amount: number): Duration {
    return Duration.of('minutes', amount);
  }
  /** `amount` hours, from 0 to a year (8,760); a fraction must come to whole milliseconds. */
  static hours(this: void, amount: number): Duration {
    return Duration.of('hours', amount);
  }

  /**
   * Parses `500ms`, `30s`, `5m`, `1h`, or a Go-style combination such as `1m30s` (units largest
   * first; only seconds take decimals). Text from the environment may be unset:
   * `Duration.parse(process.env.X)` then fails with a ValidationError.
   */
  static parse(text: string): Duration {
    const fail = (problem: ArgumentProblem): never => throwArgument('Duration.parse', 'text', text, problem);
    if (text === undefined || text === null) fail({ message: 'no duration given', fix: `pass a duration such as "30s" (${UNSET_HINT})` });
    if (typeof text !== 'string') fail({ message: `${article(typeof text)}, not text; expected ${NOTATION}`, fix: 'write the duration with its unit, e.g. "30s", or use Duration.seconds(n)' });
    const trimmed = text.trim();
    if (trimmed === '') fail({ message: `an empty duration; expected ${NOTATION}`, fix: `write a duration such as "30s" (${UNSET_HINT})` });
    const match = GO_DURATION.exec(trimmed);
    if (!match) fail(parseProblem(trimmed));
    const [, h, m, s, fraction = '', ms] = match as RegExpExecArray;
    if (/[1-9]/.test(fraction.slice(3))) fail({ message: `finer than a millisecond; expected ${NOTATION}`, fix: 'round to whole milliseconds, e.g. "1ms"' });
    const total = Number(h ?? 0) * 3_600_000 + Number(m ?? 0) * 60_000 + Number(s ?? 0) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0')) + Number(ms ?? 0);
    if (total > DURATION_MAX_MILLIS) fail({ message: `above the maximum ${new Duration(DURATION_MAX_MILLIS)} (a year)`, fix: `use at most "${DURATION_MAX_MILLIS / 3_600_000}h"` });
    return new Duration(total);
  }

  private static of(factory: keyof typeof FACTORIES, amount: number): Duration {
    const { factor, unit } = FACTORIES[factory];
    const problem = numberProblem(amount, { min: 0, max: DURATION_MAX_MILLIS / factor, unit });
    if (problem) throwArgument(`Duration.${factory}`, 'amount', amount, problem);
    const total = amount * factor;
    const whole = Math.round(total);
    // Stryker disable next-line EqualityOperator: ">=" differs only when the float error is exactly the tolerance, which no amount gives
    if (Math.abs(total - whole) > FLOAT_TOLERANCE_MILLIS) {
      throwArgument(`Duration.${factory}`, 'amount', amount, { message: `not a whole number of milliseconds (${total} ms)`, fix: 'round to whole milliseconds' });
    }
    return new Duration(whole);
  }

  private readonly millisTotal: number;

  private constructor(millis: number) {
    this.millisTotal = millis;
  }

  /** The length in whole milliseconds. */
  toMilliseconds(): number {
    return this.millisTotal;
  }

  /** Whole seconds, rounded up: Terraform's timeouts and grace periods count in seconds. */
  toSecondsCeil(): number {
    return Math.ceil(this.millisTotal / 1000);
  }

  /** The sum of both; a ValidationError when it exceeds a year. */
  plus(other: Duration): Duration {
    return Duration.millis(this.millisTotal + other.millisTotal);
  }

  /** This length times `factor`, rounded to whole milliseconds; a ValidationError when the result is negative or exceeds a year. */
  times(factor: number): Duration {
    return Duration.millis(Math.round(this.millisTotal * factor));
  }

  /** True for a length of 0. */
  isZero(): boolean {
    return this.millisTotal === 0;
  }

  /** Negative when this is shorter than `other`, 0 when equal, positive when longer: a comparator for `Array.sort`. */
  compareTo(other: Duration): number {
    return this.millisTotal - other.millisTotal;
  }

  /** Go's `time.Duration.String()` for whole milliseconds: `500ms`, `1.5s`, `1m0s`, `1h0m0s`. */
  toGoString(): string {
    const ms = this.millisTotal;
    if (ms === 0) return '0s';
    if (ms < 1000) return `${ms}ms`;
    const hours = Math.floor(ms / 3_600_000);
    const minutes = Math.floor((ms % 3_600_000) / 60_000);
    const secondsMs = ms % 60_000;
    const seconds = `${Math.floor(secondsMs / 1000)}${secondsMs % 1000 ? `.${String(secondsMs % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
    if (hours > 0) return `${hours}h${minutes}m${seconds}`;
    if (minutes > 0) return `${minutes}m${seconds}`;
    return seconds;
  }

  /** The same as toGoString(): how messages and Docker show a duration. */
  toString(): string {
    return this.toGoString();
  }
}
brand(Duration.prototype, 'Duration');

/** Why `text` (trimmed, not Go's form) is not a duration, with the closest valid spelling when there is one. */
function parseProblem(text: string): ArgumentProblem {
  const days = /^(\d+)\s*d(?:ays?)?$/i.exec(text);
  if (days) return { message: `not a duration: Go durations have no days; expected ${NOTATION}`, fix: `write "${Number(days[1]) * 24}h"` };
  if (/^\d+(?:\.\d+)?$/.test(text)) return { message: `no unit; expected ${NOTATION}`, fix: `write "${text}s" for seconds, or "${text}ms"` };
  const fraction = /^(\d+\.\d+)(h|m)$/.exec(text);
  if (fraction) {
    const millis = Math.round(Number(fraction[1]) * (fraction[2] === 'h' ? 3_600_000 : 60_000));
    return { message: `a fraction of ${fraction[2]}: only seconds take decimals; expected ${NOTATION}`, fix: `write "${Duration.millis(millis)}"` };
  }
  return { message: `not a duration; expected ${NOTATION}`, fix: 'write a duration such as "30s", "5m", "1h" or "500ms"' };
}
