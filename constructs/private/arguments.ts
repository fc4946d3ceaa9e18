import { ValidationError, type ValidationProblem } from '../errors';

/**
 * Checks for the arguments of value factories (`Port.tcp(n)`, `Size.parse(text)`, ...). Their
 * callers may be JavaScript or read `process.env`, so an argument can be anything at run time:
 * undefined, null, a string where a number belongs, NaN, Infinity. Each check names what is
 * wrong and what is accepted; `FactoryProblems` gathers them and throws one ValidationError
 * whose path is the factory.
 */

/** What is wrong with an argument, and what to do instead. */
export interface ArgumentProblem {
  readonly message: string;
  readonly fix: string;
}

/** The bad arguments of one factory call, thrown together. */
export class FactoryProblems {
  private readonly found: ValidationProblem[] = [];

  constructor(private readonly factory: string) {}

  /** The problems found so far. */
  get problems(): readonly ValidationProblem[] {
    return this.found;
  }

  /** Records a problem with `field` (when there is one), for `throwIfAny`. */
  add(field: string, value: unknown, problem: ArgumentProblem | undefined): this {
    if (problem) this.found.push({ ruleId: 'props', path: this.factory, field, value, message: problem.message, fix: problem.fix });
    return this;
  }

  /** Whether `field` already has a problem (later checks of it would only repeat it). */
  has(field: string): boolean {
    return this.found.some((p) => p.field === field);
  }

  get isEmpty(): boolean {
    return this.found.length === 0;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw new ValidationError(this.found);
  }
}

/** Throws one ValidationError for one bad argument of `factory`. */
export function throwArgument(factory: string, field: string, value: unknown, problem: ArgumentProblem): never {
  throw new ValidationError([{ ruleId: 'props', path: factory, field, value, message: problem.message, fix: problem.fix }]);
}

/** The accepted numbers: `[min, max]`, whole or not, and how a message names them. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Only whole numbers. */
  readonly whole?: boolean;
  /** The unit after a number in a message, e.g. `cores`, `seconds`. */
  readonly unit?: string;
}

/** "a whole number from 1 to 65535", "a number from 0 to 8760 hours". */
export function describeRange(range: NumberRange): string {
  const unit = range.unit ? ` ${range.unit}` : '';
  return `${range.whole ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}${unit}`;
}

/** Said whenever an argument is missing: it is often an unset environment variable. */
export const UNSET_HINT = 'an unset environment variable reads as undefined: check that it is set';

/** What is wrong with `value` as a number in `range`; undefined when nothing is. */
export function numberProblem(value: unknown, range: NumberRange): ArgumentProblem | undefined {
  const accepted = describeRange(range);
  if (value === undefined || value === null) {
    return { message: `no number given; expected ${accepted}`, fix: `pass ${accepted} (${UNSET_HINT})` };
  }
  if (typeof value === 'string') {
    const parsed = value.trim() === '' ? Number.NaN : Number(value);
    return {
      message: `a string, not a number; expected ${accepted}`,
      fix: Number.isFinite(parsed) ? `pass the number ${parsed} itself (convert text with Number(text) and check the result)` : `pass ${accepted}`,
    };
  }
  if (typeof value !== 'number') return { message: `${article(typeof value)}, not a number; expected ${accepted}`, fix: `pass ${accepted}` };
  if (Number.isNaN(value)) return { message: `NaN (not a number); expected ${accepted}`, fix: `pass ${accepted} (NaN comes from arithmetic on undefined or from Number() of text that is not a number)` };
  if (!Number.isFinite(value)) return { message: `not finite; expected ${accepted}`, fix: `pass ${accepted}` };
  if (range.whole && !Number.isInteger(value)) return { message: `not a whole number; expected ${accepted}`, fix: `pass ${nearestWhole(value, range)}` };
  const unit = range.unit ? ` ${range.unit}` : '';
  if (value < range.min) return { message: `below the minimum ${range.min}${unit}; expected ${accepted}`, fix: `pass ${range.min}${unit} or more` };
  if (value > range.max) return { message: `above the maximum ${range.max}${unit}; expected ${accepted}`, fix: `pass at most ${range.max}${unit}` };
  return undefined;
}

function nearestWhole(value: number, range: NumberRange): string {
  const below = Math.min(Math.max(Math.floor(value), range.min), range.max);
  const above = Math.min(Math.max(Math.ceil(value), range.min), range.max);
  return below === above ? String(below) : `${below} or ${above}`;
}

/** What is wrong with `value` as a non-blank string; `what` is a noun without its article ("shell line"). */
export function stringProblem(value: unknown, what: string, example: string): ArgumentProblem | undefined {
  if (value === undefined || value === null) return { message: `no ${what} given`, fix: `pass ${article(what)}, e.g. ${example} (${UNSET_HINT})` };
  if (typeof value !== 'string') return { message: `${article(typeof value)}, not a string`, fix: `pass ${article(what)} as a string, e.g. ${example}` };
  if (value.trim() === '') return { message: `${article(`empty ${what}`)}`, fix: `pass ${article(what)}, e.g. ${example} (${UNSET_HINT})` };
  return undefined;
}

/** What is wrong with `value` as an options object (undefined is fine: every option has a default). */
export function optionsProblem(value: unknown, example: string): ArgumentProblem | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { message: `${value === null ? 'null' : Array.isArray(value) ? 'an array' : article(typeof value)}, not an options object`, fix: `pass an object, e.g. ${example}, or leave it out` };
  }
  return undefined;
}

/** The type of a JavaScript value, with its article: "a string", "an object", "an ASGI target" (by the first letter, in either case). */
export function article(type: string): string {
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}

/** A value type that orders itself (Size, Duration) and shows its own text. */
interface Ordered<T> {
  compareTo(other: T): number;
  /** The value as messages show it (`10s`, `512m`). */
  toString(): string;
}

/** The accepted values of a value type: its guard, its name and an example for fixes. */
export interface ValueRange<T extends Ordered<T>> {
  readonly type: 'Size' | 'Duration';
  readonly is: (value: unknown) => value is T;
  readonly min: T;
  readonly max: T;
  /** A factory call that makes a good value, e.g. `Size.mebibytes(10)`. */
  readonly example: string;
}

/** What is wrong with `value` as a `range.type` between `range.min` and `range.max`; undefined when nothing is. */
export function valueProblem<T extends Ordered<T>>(value: unknown, range: ValueRange<T>): ArgumentProblem | undefined {
  const accepted = `a ${range.type} from ${range.min.toString()} to ${range.max.toString()}`;
  if (!range.is(value)) {
    const what = value === null ? 'null' : value === undefined ? 'nothing' : article(typeof value);
    const fromText = typeof value === 'string' ? `${range.type}.parse(${JSON.stringify(value)}) or ` : '';
    return { message: `${what}, not a ${range.type}`, fix: `pass a ${range.type}, e.g. ${fromText}${range.example}` };
  }
  if (value.compareTo(range.min) < 0) return { message: `below the minimum ${range.min.toString()}; expected ${accepted}`, fix: `pass at least ${range.min.toString()}` };
  if (value.compareTo(range.max) > 0) return { message: `above the maximum ${range.max.toString()}; expected ${accepted}`, fix: `pass at most ${range.max.toString()}` };
  return undefined;
}
