import { Size } from './size';
import { LOG_ROTATION_LIMITS } from './limits';
import { brand, hasBrand } from './private/brand';

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
    const [sizeMin, sizeMax] = [Size.bytes(l.maxSizeMinBytes), Size.bytes(l.maxSizeMaxBytes)];
    if (maxSize.compareTo(sizeMin) < 0 || maxSize.compareTo(sizeMax) > 0) {
      throw new Error(`LogRotation: maxSize ${maxSize} must be between ${sizeMin} and ${sizeMax}`);
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
