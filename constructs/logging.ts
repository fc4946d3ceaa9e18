import { Size } from './size';
import { brand, hasBrand } from './private/brand';

/** Bounds for log rotation: enough history to debug, never a full disk. */
export const LOG_ROTATION_LIMITS = { maxFilesMin: 1, maxFilesMax: 20, maxSizeMin: Size.kibibytes(100), maxSizeMax: Size.gibibytes(1) } as const;

export interface LogRotationOptions {
  /**
   * Size at which the current log file is rotated.
   * @default Size.mebibytes(10)
   */
  readonly maxSize?: Size;
  /**
   * Number of files kept.
   * @default 3
   */
  readonly maxFiles?: number;
}

/** json-file logs, rotated. Every option is written out so daemon defaults never leak in. */
export class LogRotation {
  /** True for a LogRotation of any installed copy of this library (a brand check, not `instanceof`). */
  static isLogRotation(value: unknown): value is LogRotation {
    return hasBrand(value, 'LogRotation');
  }

  static jsonFile(options: LogRotationOptions = {}): LogRotation {
    return new LogRotation(options.maxSize ?? Size.mebibytes(10), options.maxFiles ?? 3);
  }

  private constructor(
    public readonly maxSize: Size,
    public readonly maxFiles: number,
  ) {
    const l = LOG_ROTATION_LIMITS;
    if (!Number.isInteger(maxFiles) || maxFiles < l.maxFilesMin || maxFiles > l.maxFilesMax) {
      throw new Error(`LogRotation: maxFiles ${maxFiles} must be a whole number from ${l.maxFilesMin} to ${l.maxFilesMax}`);
    }
    if (maxSize.compareTo(l.maxSizeMin) < 0 || maxSize.compareTo(l.maxSizeMax) > 0) {
      throw new Error(`LogRotation: maxSize ${maxSize} must be between ${l.maxSizeMin} and ${l.maxSizeMax}`);
    }
  }

  render(): { driver: string; options: Record<string, string> } {
    return { driver: 'json-file', options: { 'max-size': this.maxSize.toDockerString(), 'max-file': String(this.maxFiles) } };
  }

  toString(): string {
    return `json-file ${this.maxSize} x ${this.maxFiles}`;
  }
}
brand(LogRotation.prototype, 'LogRotation');
