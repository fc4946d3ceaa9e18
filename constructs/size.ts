import { brand, hasBrand } from './private/brand';

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * An amount of memory or disk. Docker sizes are binary: `512m` is 512 MiB.
 * The provider takes memory and shm sizes in whole MiB and log sizes as `10m` strings.
 */
export class Size {
  /** True for a Size of any installed copy of this library (a brand check, not `instanceof`). */
  static isSize(value: unknown): value is Size {
    return hasBrand(value, 'Size');
  }

  static bytes(amount: number): Size {
    return new Size(amount, 'bytes', 1);
  }
  static kibibytes(amount: number): Size {
    return new Size(amount, 'kibibytes', 1024);
  }
  static mebibytes(amount: number): Size {
    return new Size(amount, 'mebibytes', 1024 ** 2);
  }
  static gibibytes(amount: number): Size {
    return new Size(amount, 'gibibytes', 1024 ** 3);
  }

  /** Parses Docker's notation: `512m`, `1g`, `64k`, `100b` (case-insensitive; `mb`/`MiB` accepted). */
  static parse(text: string): Size {
    const match = /^(\d+)\s*([bkmg])(?:i?b)?$/i.exec(text.trim());
    if (!match) {
      throw new Error(`"${text}" is not a size: use a whole number with a unit, e.g. "512m", "1g", "64k"`);
    }
    return new Size(Number(match[1]), 'parse', UNITS[match[2].toLowerCase()]);
  }

  private readonly totalBytes: number;

  private constructor(amount: number, unit: string, factor: number) {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new Error(`Size.${unit}(${amount}): a size must be a finite number >= 0`);
    }
    const total = amount * factor;
    if (!Number.isSafeInteger(total)) {
      throw new Error(`Size.${unit}(${amount}): sizes are whole bytes`);
    }
    this.totalBytes = total;
  }

  toBytes(): number {
    return this.totalBytes;
  }

  isWholeMebibytes(): boolean {
    return this.totalBytes % 1024 ** 2 === 0;
  }

  /** Whole MiB, as the provider's `memory`, `memory_swap` and `shm_size` take them. */
  toMebibytes(): number {
    if (!this.isWholeMebibytes()) {
      throw new Error(`${this.totalBytes} bytes is not a whole number of MiB`);
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

  compareTo(other: Size): number {
    return this.totalBytes - other.totalBytes;
  }

  toString(): string {
    return this.toDockerString();
  }
}
brand(Size.prototype, 'Size');
