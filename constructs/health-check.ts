import { createHash } from 'crypto';
import { Duration } from './duration';
import { Port } from './port';
import { HEALTH_CHECK_LIMITS } from './limits';
import { brand, hasBrand } from './private/brand';

/** Defaults used when an option is not given. */
export const HEALTH_CHECK_DEFAULTS = {
  interval: Duration.seconds(10),
  timeout: Duration.seconds(5),
  retries: 3,
  startPeriod: Duration.seconds(10),
} as const;

/** The program an HTTP or TCP probe runs inside the container; the image must have it. */
export enum ProbeTool {
  /** Python's standard library (`urllib`, `socket`): present in every Python image, no `requests`. */
  PYTHON = 'python3',
  /** bash's `/dev/tcp`: for images without curl, wget or Python (ChromaDB 1.x). */
  BASH = 'bash',
  CURL = 'curl',
  WGET = 'wget',
}

export interface HealthCheckOptions {
  /**
   * Time between two checks.
   * @default Duration.seconds(10)
   */
  readonly interval?: Duration;
  /**
   * Time one check may take before it counts as failed.
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the container is unhealthy.
   * @default 3
   */
  readonly retries?: number;
  /**
   * Time the container gets to start before failures count.
   * @default Duration.seconds(10)
   */
  readonly startPeriod?: Duration;
}

export interface HttpProbeOptions extends HealthCheckOptions {
  /** Port the service listens on inside the container. */
  readonly port: Port;
  /**
   * Program that performs the request.
   * @default ProbeTool.PYTHON
   */
  readonly tool?: ProbeTool;
}

export interface TcpProbeOptions extends HealthCheckOptions {
  /**
   * Program that opens the connection.
   * @default ProbeTool.BASH
   */
  readonly tool?: ProbeTool;
}

/** The health check in the provider's shape, with canonical (Go-style) durations. */
export interface RenderedHealthCheck {
  readonly test: string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly startPeriod: string;
}

/**
 * How Docker decides that a container is healthy. Every service must say which one it uses;
 * `HealthCheck.none()` is an explicit opt-out.
 */
export class HealthCheck {
  /** True for a HealthCheck of any installed copy of this library (a brand check, not `instanceof`). */
  static isHealthCheck(value: unknown): value is HealthCheck {
    return hasBrand(value, 'HealthCheck');
  }

  /** Runs a program directly (exec form). `argv[0]` must exist in the image. */
  static command(argv: readonly string[], options: HealthCheckOptions = {}): HealthCheck {
    if (argv.length === 0 || argv[0].trim() === '') {
      throw new Error('HealthCheck.command([]): give the program and its arguments, e.g. ["pg_isready", "-U", "app"]');
    }
    return new HealthCheck(['CMD', ...argv], [argv[0]], options);
  }

  /** Runs a line through `/bin/sh -c` (CMD-SHELL); `tools` are the programs the line calls. */
  static shell(line: string, tools: readonly string[], options: HealthCheckOptions = {}): HealthCheck {
    if (line.trim() === '') throw new Error('HealthCheck.shell(""): give the shell line to run');
    return new HealthCheck(['CMD-SHELL', line], ['sh', ...tools], options);
  }

  /** GET `http://127.0.0.1:<port><path>` inside the container; healthy on a 2xx answer. */
  static httpGet(path: string, options: HttpProbeOptions): HealthCheck {
    if (!path.startsWith('/') || /\s|'|"/.test(path)) {
      throw new Error(`HealthCheck.httpGet("${path}"): the path must start with "/" and contain no spaces or quotes`);
    }
    const timeout = (options.timeout ?? HEALTH_CHECK_DEFAULTS.timeout).toSecondsCeil();
    const url = `http://127.0.0.1:${options.port.number}${path}`;
    const tool = options.tool ?? ProbeTool.PYTHON;
    switch (tool) {
      case ProbeTool.PYTHON:
        return new HealthCheck(['CMD', 'python3', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=${timeout})`], [tool], options);
      case ProbeTool.CURL:
        return new HealthCheck(['CMD', 'curl', '-fsS', '-o', '/dev/null', '--max-time', String(timeout), url], [tool], options);
      case ProbeTool.WGET:
        return new HealthCheck(['CMD', 'wget', '-q', '-O', '/dev/null', '-T', String(timeout), url], [tool], options);
      case ProbeTool.BASH:
        return new HealthCheck(
          [
            'CMD',
            'bash',
            '-c',
            `exec 3<>/dev/tcp/127.0.0.1/${options.port.number} && printf 'GET ${path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 2'[0-9][0-9]' '* ]]`,
          ],
          [tool],
          options,
        );
    }
  }

  /** Healthy when a TCP connection to the port succeeds. */
  static tcp(port: Port, options: TcpProbeOptions = {}): HealthCheck {
    const tool = options.tool ?? ProbeTool.BASH;
    if (tool === ProbeTool.BASH) {
      return new HealthCheck(['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port.number}`], [tool], options);
    }
    if (tool === ProbeTool.PYTHON) {
      return new HealthCheck(['CMD', 'python3', '-c', `import socket; socket.create_connection(('127.0.0.1', ${port.number}), timeout=3).close()`], [tool], options);
    }
    throw new Error(`HealthCheck.tcp: tool ${tool} cannot open a bare TCP connection; use ProbeTool.BASH or ProbeTool.PYTHON`);
  }

  /** No health check. Services that others depend on cannot use this. */
  static none(): HealthCheck {
    return new HealthCheck(['NONE'], [], {});
  }

  /** Programs the check runs inside the container. */
  readonly tools: readonly string[];
  readonly interval: Duration;
  readonly timeout: Duration;
  readonly retries: number;
  readonly startPeriod: Duration;
  private readonly test: readonly string[];

  private constructor(test: readonly string[], tools: readonly string[], options: HealthCheckOptions) {
    this.test = test;
    this.tools = tools;
    this.interval = options.interval ?? HEALTH_CHECK_DEFAULTS.interval;
    this.timeout = options.timeout ?? HEALTH_CHECK_DEFAULTS.timeout;
    this.retries = options.retries ?? HEALTH_CHECK_DEFAULTS.retries;
    this.startPeriod = options.startPeriod ?? HEALTH_CHECK_DEFAULTS.startPeriod;
    const problems = checkLimits(this);
    if (problems.length > 0) throw new Error(`HealthCheck: ${problems.join('; ')}`);
  }

  get isNone(): boolean {
    return this.test[0] === 'NONE';
  }

  /** The command as Docker stores it (`["CMD", ...]`, `["CMD-SHELL", line]` or `["NONE"]`). */
  get testCommand(): readonly string[] {
    return this.test;
  }

  /**
   * Longest a healthy start can take: the start period, then `retries` checks that each may
   * use a full interval and timeout. Terraform's `wait_timeout` is derived from it.
   */
  worstCaseStart(): Duration {
    return this.startPeriod.plus(this.interval.plus(this.timeout).times(this.retries));
  }

  render(): RenderedHealthCheck | undefined {
    if (this.isNone) return undefined;
    return {
      test: [...this.test],
      interval: this.interval.toGoString(),
      timeout: this.timeout.toGoString(),
      retries: this.retries,
      startPeriod: this.startPeriod.toGoString(),
    };
  }

  /** Short hash of the whole check, carried as a label so any change reaches the container. */
  hash(): string {
    return createHash('sha256').update(JSON.stringify(this.render() ?? 'none')).digest('hex').slice(0, 16);
  }

  toString(): string {
    return this.isNone ? 'HealthCheck.none()' : `HealthCheck(${this.test.join(' ')})`;
  }
}
brand(HealthCheck.prototype, 'HealthCheck');

function checkLimits(check: HealthCheck): string[] {
  if (check.isNone) return [];
  const l = HEALTH_CHECK_LIMITS;
  const problems: string[] = [];
  const within = (name: string, value: Duration, min: Duration, max: Duration) => {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) problems.push(`${name} ${value} must be between ${min} and ${max}`);
  };
  within('interval', check.interval, Duration.millis(l.intervalMinMillis), Duration.millis(l.intervalMaxMillis));
  within('timeout', check.timeout, Duration.millis(l.timeoutMinMillis), Duration.millis(l.timeoutMaxMillis));
  within('startPeriod', check.startPeriod, Duration.millis(l.startPeriodMinMillis), Duration.millis(l.startPeriodMaxMillis));
  if (!Number.isInteger(check.retries) || check.retries < l.retriesMin || check.retries > l.retriesMax) {
    problems.push(`retries ${check.retries} must be a whole number between ${l.retriesMin} and ${l.retriesMax}`);
  }
  return problems;
}
