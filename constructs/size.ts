import { SIZE_MAX_BYTES } from './limits';
import { article, numberProblem, throwArgument, UNSET_HINT, type ArgumentProblem } from './private/arguments';
import { brand, hasBrand } from './private/brand';

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const FACTORIES = { bytes: 1, kibibytes: 1024, mebibytes: 1024 ** 2, gibibytes: 1024 ** 3 } as const;
/** The notation Size.parse reads, for its messages. */
const NOTATION = 'a whole number and a unit b, k, m or g (binary: 1k = 1024 bytes), e.g. "512m"';

/**
 * An amount of memory or disk, from 0 to 1 PiB in whole bytes. Docker sizes are binary: `512m`
 * is 512 MiB. The provider takes memory and shm sizes in whole MiB and log sizes as `10m` strings.
 */
export class Size {
  /** True for a Size of any installed copy of this library (a brand check, not `instanceof`). */
  static isSize(this: void, value: unknown): value is Size {
    return hasBrand(value, 'Size');
  }

  /** `amount` bytes: a whole number from 0 to 1 PiB. */
  static bytes(this: void, amount: number): Size {
    return Size.of('bytes', amount);
  }
  /** `amount` KiB (1024 bytes), from 0 to 1 PiB; a fraction must come to whole bytes. */
  static kibibytes(this: void, amount: number): Size {
    return Size.of('kibibytes', amount);
  }
  /** `amount` MiB (1024 KiB), from 0 to 1 PiB; a fraction must come to whole bytes. Memory limits take whole MiB. */
  static mebibytes(this: void, amount: number): Size {
    return Size.of('mebibytes', amount);
  }
  /** `amount` GiB (1024 MiB), from 0 to 1 PiB; a fraction must come to whole bytes. */
  static gibibytes(this: void, amount: number): Size {
    return Size.of('gibibytes', amount);
  }

  /**
   * Parses Docker's notation: `512m`, `1g`, `64k`, `100b` (case-insensitive; `mb`/`MiB` accepted).
   * Text from the environment may be unset: `Size.parse(process.env.X)` then fails with a ValidationError.
   */
  static parse(text: string): Size {
    const fail = (problem: ArgumentProblem): never => throwArgument('Size.parse', 'text', text, problem);
    if (text === undefined || text === null) fail({ message: 'no size given', fix: `pass a size such as "512m" (${UNSET_HINT})` });
    if (typeof text !== 'string') fail({ message: `${article(typeof text)}, not text; expected ${NOTATION}`, fix: 'write the size with its unit, e.g. "512m", or use Size.mebibytes(n)' });
    if (text.trim() === '') fail({ message: `an empty size; expected ${NOTATION}`, fix: `write a size such as "512m" (${UNSET_HINT})` });
    const match = /^(\d+)(?:\.(\d+))?\s*([a-z]*)$/i.exec(text.trim());
    if (!match) fail({ message: `not a size; expected ${NOTATION}`, fix: 'write a size such as "512m", "1g" or "64k"' });
    const [, whole, fraction, unitText] = match as RegExpExecArray;
    const unit = /^([bkmg])(?:i?b)?$/i.exec(unitText)?.[1].toLowerCase();
    if (unitText === '') fail({ message: `no unit; expected ${NOTATION}`, fix: `write "${whole}m" for MiB, or "${whole}b" for bytes` });
    if (unit === undefined) fail({ message: `unknown unit "${unitText}"; expected ${NOTATION}`, fix: 'use b, k, m or g (Docker takes no other unit)' });
    const factor = UNITS[unit as string];
    if (fraction !== undefined) {
      fail({ message: `not a whole number of ${unit}; expected ${NOTATION}`, fix: smallerUnit(Number(`${whole}.${fraction}`) * factor) });
    }
    const bytes = Number(whole) * factor;
    if (bytes > SIZE_MAX_BYTES) fail({ message: `above the maximum ${maxText()}`, fix: `use at most "${new Size(SIZE_MAX_BYTES)}"` });
    return new Size(bytes);
  }

  private static of(factory: keyof typeof FACTORIES, amount: number): Size {
    const factor = FACTORIES[factory];
    const fail = (problem: ArgumentProblem): never => throwArgument(`Size.${factory}`, 'amount', amount, problem);
    const max = SIZE_MAX_BYTES / factor;
    const problem = numberProblem(amount, { min: 0, max });
    // Stryker disable next-line EqualityOperator: equivalent (max itself has no problem)
    if (problem && Number.isFinite(amount) && amount > max) fail({ message: `above the maximum ${maxText()}`, fix: `use at most Size.${factory}(${max})` });
    if (problem) fail(problem);
    const total = amount * factor;
    if (!Number.isInteger(total)) fail({ message: `not a whole number of bytes (${total} bytes)`, fix: 'give a whole number of bytes; use a smaller unit (Size.kibibytes, Size.bytes) for finer amounts' });
    return new Size(total);
  }

  private readonly totalBytes: number;

  private constructor(totalBytes: number) {
    this.totalBytes = totalBytes;
  }

  /** The amount in bytes. */
  toBytes(): number {
    return this.totalBytes;
  }

  /** True when the amount is a whole number of MiB, the unit the provider takes memory and shm sizes in. */
  isWholeMebibytes(): boolean {
    return this.totalBytes % 1024 ** 2 === 0;
  }

  /** Whole MiB, as the provider's `memory`, `memory_swap` and `shm_size` take them. */
  toMebibytes(): number {
    if (!this.isWholeMebibytes()) {
      throwArgument('Size.toMebibytes', '(size)', this, { message: 'not a whole number of MiB', fix: 'use Size.mebibytes(n) or Size.gibibytes(n) where whole MiB are needed' });
    }
    return this.totalBytes / 1024 ** 2;
  }

  /** The shortest exact Docker notation: `10m`, `1g`, `512k`, `100b`. */
  toDockerString(): string {
    for (const unit of ['g', 'm', 'k'] as const) {
      if (this.totalBytes !== 0 && this.totalBytes % UNITS[unit] === 0) return `${this.totalBytes / UNITS[unit]}${unit}`;
    }
    return `${this.totalBytes}b`;
  }

  /** Negative when this is smaller than `other`, 0 when equal, positive when larger: a comparator for `Array.sort`. */
  compareTo(other: Size): number {
    return this.totalBytes - other.totalBytes;
  }

  /** The same as toDockerString(): `512m`, how messages and Docker show a size. */
  toString(): string {
    return this.toDockerString();
  }
}
brand(Size.prototype, 'Size');

/**
 * The fix for a fractional size: the same amount in the largest unit where it is whole. Only a
 * unit smaller than the one given can be: the amount is a fraction of that one, so of any larger.
 */
function smallerUnit(bytes: number): string {
  for (const smaller of ['m', 'k', 'b']) {
    if (Number.isInteger(bytes / UNITS[smaller])) return `write "${bytes / UNITS[smaller]}${smaller}"`;
  }
  return `write a whole number of bytes: "${Math.floor(bytes)}b" or "${Math.ceil(bytes)}b"`;
}

/** The maximum as a message shows it: `1 PiB (1048576g)`. */
function maxText(): string {
  const pebibytes = SIZE_MAX_BYTES / 1024 ** 5;
  const docker = Size.bytes(SIZE_MAX_BYTES).toDockerString();
  return Number.isInteger(pebibytes) ? `${pebibytes} PiB (${docker})` : docker;
}
