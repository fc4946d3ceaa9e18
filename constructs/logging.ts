import { Size } from './size';
import { LOG_ROTATION_LIMITS } from './limits';
import { FactoryProblems, numberProblem, optionsProblem, valueProblem } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** Options of `LogRotation.jsonFile`. */
export interface LogRotationOptions {
  /**
   * Size at which the current log file is rotated (Docker's `max-size`), 100 KiB to 1 GiB.
   * @default Size.mebibytes(10)
   */
  readonly maxSize?: Size;
  /**
   * Files kept, the current one included (Docker's `max-file`), 1 to 20: the logs of one
   * container take at most `maxSize` times this on the host's disk.
   * @default 3
   */
  readonly maxFiles?: number;
}

/** json-file logs, rotated. Every option is written out so daemon defaults never leak in. */
export class LogRotation {
  /** True for a LogRotation of any installed copy of this library (a brand check, not `instanceof`). */
  static isLogRotation(this: void, value: unknown): value is LogRotation {
    return hasBrand(value, 'LogRotation');
  }

  /** json-file logs rotated at `maxSize` (100 KiB to 1 GiB), keeping `maxFiles` files (1 to 20). */
  static jsonFile(options: LogRotationOptions = {}): LogRotation {
    const l = LOG_ROTATION_LIMITS;
    const problems = new FactoryProblems('LogRotation.jsonFile');
    problems.add('options', options, optionsProblem(options, '{ maxSize: Size.mebibytes(10), maxFiles: 3 }')).throwIfAny();
    const { maxSize = Size.mebibytes(10), maxFiles = 3 } = options;
    problems.add('maxSize', maxSize, valueProblem(maxSize, { type: 'Size', is: Size.isSize, min: Size.bytes(l.maxSizeMinBytes), max: Size.bytes(l.maxSizeMaxBytes), example: 'Size.mebibytes(10)' }));
    problems.add('maxFiles', maxFiles, numberProblem(maxFiles, { min: l.maxFilesMin, max: l.maxFilesMax, whole: true }));
    problems.throwIfAny();
    return new LogRotation(maxSize, maxFiles);
  }

  private constructor(
    /** Size at which the current log file is rotated (Docker's `max-size`). */
    public readonly maxSize: Size,
    /** Files kept, the current one included (Docker's `max-file`). */
    public readonly maxFiles: number,
  ) {}

  /** @internal The provider's `log_driver` and `log_opts`. */
  render(): { driver: string; options: Record<string, string> } {
    return { driver: 'json-file', options: { 'max-size': this.maxSize.toDockerString(), 'max-file': String(this.maxFiles) } };
  }

  /** `json-file <maxSize> x <maxFiles>`, for messages: `json-file 10m x 3`. */
  toString(): string {
    return `json-file ${this.maxSize} x ${this.maxFiles}`;
  }
}
brand(LogRotation.prototype, 'LogRotation');
