import { DURATION_MAX_MILLIS } from './limits';
import { brand, hasBrand } from './private/brand';

/**
 * A length of time. Rendered once, in the form the Docker provider reads back
 * (Go's `time.Duration` string: `1m0s`, not `1m`), so a deploy is followed by an empty diff.
 */
export class Duration {
  /** True for a Duration of any installed copy of this library (a brand check, not `instanceof`). */
  static isDuration(value: unknown): value is Duration {
    return hasBrand(value, 'Duration');
  }

  static millis(amount: number): Duration {
    return new Duration(amount, 'millis', 1);
  }
  static seconds(amount: number): Duration {
    return new Duration(amount, 'seconds', 1000);
  }
  static minutes(amount: number): Duration {
    return new Duration(amount, 'minutes', 60_000);
  }
  static hours(amount: number): Duration {
    return new Duration(amount, 'hours', 3_600_000);
  }

  /** Parses `500ms`, `30s`, `5m`, `1h`, or a Go-style combination such as `1m30s`. */
  static parse(text: string): Duration {
    const pattern = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/;
    const match = pattern.exec(text.trim());
    if (!match || text.trim() === '' || match.slice(1).every((part) => part === undefined)) {
      throw new Error(`"${text}" is not a duration: use a number with a unit, e.g. "30s", "5m", "1h", "500ms"`);
    }
    const [, h = '0', m = '0', s = '0', ms = '0'] = match;
    return Duration.millis(Number(h) * 3_600_000 + Number(m) * 60_000 + Math.round(Number(s) * 1000) + Number(ms));
  }

  private readonly millisTotal: number;

  private constructor(amount: number, unit: string, factor: number) {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new Error(`Duration.${unit}(${amount}): a duration must be a finite number >= 0`);
    }
    const total = amount * factor;
    if (!Number.isInteger(total)) {
      throw new Error(`Duration.${unit}(${amount}): durations are whole milliseconds`);
    }
    if (total > DURATION_MAX_MILLIS) {
      throw new Error(`Duration.${unit}(${amount}): longer than a year`);
    }
    this.millisTotal = total;
  }

  toMilliseconds(): number {
    return this.millisTotal;
  }

  /** Whole seconds, rounded up: Terraform's timeouts and grace periods count in seconds. */
  toSecondsCeil(): number {
    return Math.ceil(this.millisTotal / 1000);
  }

  plus(other: Duration): Duration {
    return Duration.millis(this.millisTotal + other.millisTotal);
  }

  times(factor: number): Duration {
    return Duration.millis(Math.round(this.millisTotal * factor));
  }

  isZero(): boolean {
    return this.millisTotal === 0;
  }

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

  toString(): string {
    return this.toGoString();
  }
}
brand(Duration.prototype, 'Duration');
