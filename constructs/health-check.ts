import { createHash } from 'crypto';
import { Duration } from './duration';
import { Port } from './port';
import { HEALTH_CHECK_LIMITS } from './limits';
import { article, FactoryProblems, numberProblem, optionsProblem, stringProblem, valueProblem, type ArgumentProblem } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** Defaults used when an option is not given. */
export const HEALTH_CHECK_DEFAULTS = {
  interval: Duration.seconds(10),
  timeout: Duration.seconds(5),
  retries: 3,
  startPeriod: Duration.seconds(10),
  startInterval: Duration.seconds(1),
} as const;

/** The program an HTTP or TCP probe runs inside the container; the image must have it. */
export enum ProbeTool {
  /** Python's standard library (`urllib`, `socket`): present in every Python image, no `requests`. */
  PYTHON = 'python3',
  /** bash's `/dev/tcp`: for images without curl, wget or Python (ChromaDB 1.x). */
  BASH = 'bash',
  /** curl: in many Debian-based images, but not in slim Python, Ollama or ChromaDB images. */
  CURL = 'curl',
  /** wget: busybox has it, so Alpine images do (the official nginx Alpine image has it and no curl). */
  WGET = 'wget',
}

/**
 * Timing of a health check, taken by every factory. Bounds: `interval` 1 s to 1 h, `timeout`
 * 1 s to 10 min, `startPeriod` 0 to 1 h, `startInterval` 100 ms to `interval`, `retries` 1 to 100.
 */
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
  /**
   * Time between two checks during the start period (Docker Engine 25 and later), so that a
   * container turns healthy as soon as it is ready rather than one full `interval` after it
   * starts; its dependents start that much sooner. At most `interval`. On an older engine
   * (DockerStack `engineVersion`) the default is left out, and an explicit value is an error.
   * A service with `UpdateOrder.START_FIRST` needs at least 3 s (see UpdateOrder.START_FIRST).
   * @default Duration.seconds(1); Duration.seconds(3) for an `UpdateOrder.START_FIRST` service
   */
  readonly startInterval?: Duration;
}

/** Options of `HealthCheck.httpGet`: the port to request, the program that requests it, and the timing. */
export interface HttpProbeOptions extends HealthCheckOptions {
  /** Port the service listens on inside the container. */
  readonly port: Port;
  /**
   * Program that performs the request.
   * @default ProbeTool.PYTHON
   */
  readonly tool?: ProbeTool;
}

/** Options of `HealthCheck.tcp`: the program that connects, and the timing. */
export interface TcpProbeOptions extends HealthCheckOptions {
  /**
   * Program that opens the connection.
   * @default ProbeTool.BASH
   */
  readonly tool?: ProbeTool;
}

/** @internal The health check in the provider's shape, with canonical (Go-style) durations. */
export interface RenderedHealthCheck {
  readonly test: string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly startPeriod: string;
  readonly startInterval?: string;
}

/** @internal What the engine supports, for rendering a check. */
export interface HealthCheckRenderOptions {
  /** The engine probes at `start_interval` during the start period (Engine 25 and later). */
  readonly startInterval: boolean;
}

/** The options a check runs with, after defaults. */
interface Timing {
  readonly interval: Duration;
  readonly timeout: Duration;
  readonly retries: number;
  readonly startPeriod: Duration;
  readonly startInterval: Duration;
  /** Whether `startInterval` was given (an older engine then refuses it) or defaulted. */
  readonly startIntervalGiven: boolean;
}

/**
 * How Docker decides that a container is healthy. Every service must say which one it uses;
 * `HealthCheck.none()` is an explicit opt-out.
 *
 * Options: `interval` 1 s to 1 h, `timeout` 1 s to 10 min, `startPeriod` 0 to 1 h, `retries` 1
 * to 100 (HEALTH_CHECK_LIMITS in limits.ts). A bad argument or option fails with one
 * ValidationError listing every problem, each with its field.
 */
export class HealthCheck {
  /** True for a HealthCheck of any installed copy of this library (a brand check, not `instanceof`). */
  static isHealthCheck(this: void, value: unknown): value is HealthCheck {
    return hasBrand(value, 'HealthCheck');
  }

  /** Runs a program directly (exec form). `argv[0]` must exist in the image. */
  static command(argv: readonly string[], options: HealthCheckOptions = {}): HealthCheck {
    const problems = new FactoryProblems('HealthCheck.command');
    problems.add('argv', argv, argvProblem(argv));
    const timing = checkTiming(problems, options);
    problems.throwIfAny();
    return new HealthCheck(['CMD', ...argv], [argv[0]], timing);
  }

  /** Runs a line through `/bin/sh -c` (CMD-SHELL); `tools` are the programs the line calls. */
  static shell(line: string, tools: readonly string[], options: HealthCheckOptions = {}): HealthCheck {
    const problems = new FactoryProblems('HealthCheck.shell');
    problems.add('line', line, stringProblem(line, 'shell line', '"test -f /tmp/ready"'));
    if (!Array.isArray(tools) || tools.some((tool) => typeof tool !== 'string')) {
      problems.add('tools', tools, { message: 'not a list of program names', fix: 'list the programs the line calls, e.g. ["test", "find"], so a missing one is caught' });
    }
    const timing = checkTiming(problems, options);
    problems.throwIfAny();
    return new HealthCheck(['CMD-SHELL', line], ['sh', ...tools], timing);
  }

  /** GET `http://127.0.0.1:<port><path>` inside the container; healthy on a 2xx answer. */
  static httpGet(path: string, options: HttpProbeOptions): HealthCheck {
    const problems = new FactoryProblems('HealthCheck.httpGet');
    problems.add('path', path, httpPathProblem(path));
    if (options === undefined) {
      problems.add('options', options, { message: 'no options: the probe needs the port', fix: 'pass { port: Port.tcp(n) }, e.g. { port: Port.tcp(8000) }' });
    } else if (!problems.add('options', options, optionsProblem(options, '{ port: Port.tcp(8000) }')).has('options')) {
      problems.add('port', options.port, portProblem(options.port));
      problems.add('tool', options.tool, options.tool === undefined ? undefined : toolProblem(options.tool, Object.values(ProbeTool)));
    }
    const timing = checkTiming(problems, options);
    problems.throwIfAny();
    const timeout = timing.timeout.toSecondsCeil();
    const url = `http://127.0.0.1:${options.port.number}${path}`;
    const tool = options.tool ?? ProbeTool.PYTHON;
    switch (tool) {
      case ProbeTool.PYTHON:
        return new HealthCheck(['CMD', 'python3', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=${timeout})`], [tool], timing);
      case ProbeTool.CURL:
        return new HealthCheck(['CMD', 'curl', '-fsS', '-o', '/dev/null', '--max-time', String(timeout), url], [tool], timing);
      case ProbeTool.WGET:
        return new HealthCheck(['CMD', 'wget', '-q', '-O', '/dev/null', '-T', String(timeout), url], [tool], timing);
      case ProbeTool.BASH:
        return new HealthCheck(
          [
            'CMD',
            'bash',
            '-c',
            `exec 3<>/dev/tcp/127.0.0.1/${options.port.number} && printf 'GET ${path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 2'[0-9][0-9]' '* ]]`,
          ],
          [tool],
          timing,
        );
    }
  }

  /** Healthy when a TCP connection to the port succeeds. */
  static tcp(port: Port, options: TcpProbeOptions = {}): HealthCheck {
    const problems = new FactoryProblems('HealthCheck.tcp');
    problems.add('port', port, portProblem(port));
    if (!problems.add('options', options, optionsProblem(options, '{ tool: ProbeTool.BASH }')).has('options') && options.tool !== undefined) {
      const problem = toolProblem(options.tool, Object.values(ProbeTool));
      problems.add('tool', options.tool, problem ?? (options.tool === ProbeTool.BASH || options.tool === ProbeTool.PYTHON ? undefined : { message: `${options.tool} cannot open a bare TCP connection`, fix: 'use ProbeTool.BASH or ProbeTool.PYTHON' }));
    }
    const timing = checkTiming(problems, options);
    problems.throwIfAny();
    if (options.tool === ProbeTool.PYTHON) {
      return new HealthCheck(['CMD', 'python3', '-c', `import socket; socket.create_connection(('127.0.0.1', ${port.number}), timeout=3).close()`], [ProbeTool.PYTHON], timing);
    }
    return new HealthCheck(['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port.number}`], [ProbeTool.BASH], timing);
  }

  /** No health check. Services that others depend on cannot use this. */
  static none(): HealthCheck {
    return new HealthCheck(['NONE'], [], DEFAULT_TIMING);
  }

  /** Programs the check runs inside the container. */
  readonly tools: readonly string[];
  /** Time between two checks; the factory's `interval`, else 10 s. */
  readonly interval: Duration;
  /** Time one check may take before it counts as failed; the factory's `timeout`, else 5 s. */
  readonly timeout: Duration;
  /** Consecutive failures after which the container is unhealthy; the factory's `retries`, else 3. */
  readonly retries: number;
  /** Time after start during which failures do not count; the factory's `startPeriod`, else 10 s. */
  readonly startPeriod: Duration;
  /** Time between two checks during the start period (Engine 25 and later); the factory's `startInterval`, else 1 s. */
  readonly startInterval: Duration;
  /** @internal Whether `startInterval` was given explicitly (an older engine then refuses the check). */
  readonly startIntervalGiven: boolean;
  private readonly test: readonly string[];

  private constructor(test: readonly string[], tools: readonly string[], timing: Timing) {
    this.test = test;
    this.tools = tools;
    this.interval = timing.interval;
    this.timeout = timing.timeout;
    this.retries = timing.retries;
    this.startPeriod = timing.startPeriod;
    this.startInterval = timing.startInterval;
    this.startIntervalGiven = timing.startIntervalGiven;
  }

  /** True for `HealthCheck.none()`: Docker runs no check, and no service may depend on this one. */
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

  /**
   * @internal The provider's `healthcheck` block; undefined for `none()`. Durations are in the
   * Go form the provider reads back, so a deploy is followed by an empty diff; `start_interval`
   * only where the engine keeps it (an older engine drops it, and every plan would show it again).
   */
  render(engine: HealthCheckRenderOptions = { startInterval: true }): RenderedHealthCheck | undefined {
    if (this.isNone) return undefined;
    return {
      test: [...this.test],
      interval: this.interval.toGoString(),
      timeout: this.timeout.toGoString(),
      retries: this.retries,
      startPeriod: this.startPeriod.toGoString(),
      ...(engine.startInterval ? { startInterval: this.startInterval.toGoString() } : {}),
    };
  }

  /** @internal Short hash of the check as rendered, carried as a label so any change reaches the container. */
  hash(engine: HealthCheckRenderOptions = { startInterval: true }): string {
    return createHash('sha256').update(JSON.stringify(this.render(engine) ?? 'none')).digest('hex').slice(0, 16);
  }

  /**
   * @internal The probe delay after a container starts: `startInterval` where the engine probes
   * at it and there is a start period (checked on Engine 26: the first probe comes one start
   * interval after the start), else `interval`.
   */
  firstProbeDelay(engine: HealthCheckRenderOptions): Duration {
    return engine.startInterval && this.startPeriod.toMilliseconds() > 0 ? this.startInterval : this.interval;
  }

  /**
   * @internal This check with a defaulted `startInterval` raised to `least` (never above
   * `interval`); a given one is kept, and judged by the caller.
   */
  withDefaultStartIntervalAtLeast(least: Duration): HealthCheck {
    if (this.isNone || this.startIntervalGiven || this.startInterval.compareTo(least) >= 0) return this;
    // Stryker disable next-line EqualityOperator: equivalent (with least equal to interval, both branches give the same duration)
    const raised = least.compareTo(this.interval) > 0 ? this.interval : least;
    return new HealthCheck(this.test, this.tools, { interval: this.interval, timeout: this.timeout, retries: this.retries, startPeriod: this.startPeriod, startInterval: raised, startIntervalGiven: false });
  }

  /** `HealthCheck(<command>)` or `HealthCheck.none()`, for messages. */
  toString(): string {
    return this.isNone ? 'HealthCheck.none()' : `HealthCheck(${this.test.join(' ')})`;
  }
}
brand(HealthCheck.prototype, 'HealthCheck');

const DEFAULT_TIMING: Timing = { ...HEALTH_CHECK_DEFAULTS, startIntervalGiven: false };

/** The options with their defaults; each bad one is added to `problems` with its field. */
function checkTiming(problems: FactoryProblems, options: HealthCheckOptions): Timing {
  if (problems.has('options') || problems.add('options', options, optionsProblem(options, '{ interval: Duration.seconds(10), retries: 3 }')).has('options')) return DEFAULT_TIMING;
  const l = HEALTH_CHECK_LIMITS;
  const duration = (field: 'interval' | 'timeout' | 'startPeriod' | 'startInterval', minMillis: number, maxMillis: number): Duration => {
    const value: unknown = options[field];
    if (value === undefined) return DEFAULT_TIMING[field];
    problems.add(field, value, valueProblem(value, { type: 'Duration', is: Duration.isDuration, min: Duration.millis(minMillis), max: Duration.millis(maxMillis), example: 'Duration.seconds(10)' }));
    return Duration.isDuration(value) ? value : DEFAULT_TIMING[field];
  };
  const timing = {
    interval: duration('interval', l.intervalMinMillis, l.intervalMaxMillis),
    timeout: duration('timeout', l.timeoutMinMillis, l.timeoutMaxMillis),
    startPeriod: duration('startPeriod', l.startPeriodMinMillis, l.startPeriodMaxMillis),
    startInterval: duration('startInterval', l.startIntervalMinMillis, l.startIntervalMaxMillis),
    startIntervalGiven: options.startInterval !== undefined,
    retries: options.retries ?? DEFAULT_TIMING.retries,
  };
  // Not given, the 1 s default never exceeds the interval (1 s at least).
  if (timing.startIntervalGiven && !problems.has('startInterval') && timing.startInterval.compareTo(timing.interval) > 0) {
    problems.add('startInterval', timing.startInterval, { message: `longer than interval ${timing.interval}: checks would run slower while the container starts than once it runs`, fix: `use at most ${timing.interval}, e.g. Duration.seconds(1)` });
  }
  if (options.retries !== undefined) problems.add('retries', options.retries, numberProblem(options.retries, { min: l.retriesMin, max: l.retriesMax, whole: true }));
  return timing;
}

const COMMAND_EXAMPLE = '["pg_isready", "-U", "app"]';

function argvProblem(argv: unknown): ArgumentProblem | undefined {
  if (argv === undefined || argv === null) return { message: 'no command given', fix: `pass the program and its arguments, e.g. ${COMMAND_EXAMPLE}` };
  if (typeof argv === 'string') return { message: 'a string, not an argument list', fix: `pass the program and its arguments as a list, e.g. ${JSON.stringify(argv.trim().split(/\s+/))}` };
  if (!Array.isArray(argv)) return { message: `${article(typeof argv)}, not an argument list`, fix: `pass the program and its arguments, e.g. ${COMMAND_EXAMPLE}` };
  if (argv.length === 0) return { message: 'an empty command', fix: `give the program and its arguments, e.g. ${COMMAND_EXAMPLE}` };
  const bad = argv.findIndex((arg) => typeof arg !== 'string');
  if (bad >= 0) return { message: `argument ${bad} is ${article(typeof argv[bad])}, not a string`, fix: `pass every argument as a string, e.g. ${JSON.stringify(String(argv[bad]))}` };
  if ((argv[0] as string).trim() === '') return { message: 'the program (argv[0]) is blank', fix: `give the program first, e.g. ${COMMAND_EXAMPLE}` };
  return undefined;
}

function httpPathProblem(path: unknown): ArgumentProblem | undefined {
  if (path === undefined || path === null) return { message: 'no path given', fix: 'pass the health endpoint\'s path, e.g. "/health"' };
  if (typeof path !== 'string') return { message: `${article(typeof path)}, not a string`, fix: 'pass the path as text, e.g. "/health"' };
  if (!path.startsWith('/')) return { message: 'does not start with "/"', fix: `write "/${path}"` };
  if (/[\s'"\\]/.test(path)) return { message: 'holds a space, a quote or a backslash, which the probe command cannot carry', fix: 'percent-encode them, e.g. %20 for a space' };
  return undefined;
}

function portProblem(port: unknown): ArgumentProblem | undefined {
  if (port === undefined || port === null) return { message: 'no port given', fix: 'pass the port the service listens on in the container, e.g. Port.tcp(8000)' };
  if (Port.isPort(port)) return undefined;
  return { message: `${article(typeof port)}, not a Port`, fix: typeof port === 'number' ? `pass Port.tcp(${port})` : 'pass Port.tcp(n)' };
}

function toolProblem(tool: unknown, accepted: readonly string[]): ArgumentProblem | undefined {
  if (accepted.includes(tool as string)) return undefined;
  return { message: 'not a ProbeTool', fix: `use one of ${Object.keys(ProbeTool).map((k) => `ProbeTool.${k}`).join(', ')}` };
}
