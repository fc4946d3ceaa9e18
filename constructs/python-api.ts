import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck, ProbeTool } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { port, servicePropsSchema } from './private/service-schema';
import { addProblem, childPath, fix, parseProps, zInstance } from './private/validation';
import { KindProps, Service } from './service';
import { ValidationError } from './errors';
import { ASGI_WORKERS_MAX, ASGI_WORKERS_MIN } from './limits';
import { Size } from './size';
import { article, FactoryProblems, optionsProblem, stringProblem, throwArgument } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** Container port the API listens on unless told otherwise (uvicorn's and FastAPI's habit). */
export const PYTHON_API_DEFAULT_PORT = Port.tcp(8000);
/** Time gunicorn gives its workers to finish open requests after SIGTERM, unless told otherwise. */
export const GUNICORN_DEFAULT_GRACEFUL_TIMEOUT = Duration.seconds(25);
/** Margin between the server's own graceful timeout and Docker's SIGKILL. */
export const PYTHON_API_STOP_MARGIN = Duration.seconds(5);
/** Uid:gid the API runs as unless `user` is given: no passwd entry is needed, and never root. */
export const PYTHON_API_DEFAULT_USER = '10001:10001';

/**
 * An ASGI target, `module:attribute`: dotted Python identifiers on both sides
 * (`app.main:app`, `main:api`, `service.web:create.app`).
 */
export const ASGI_APP_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** An HTTP path the health probe can put in its request line. */
const HTTP_PATH = /^\/[^\s'"\\]*$/;

/** Options of `AsgiServer.uvicorn()`. */
export interface UvicornOptions {
  /**
   * Worker processes (`--workers`), from ASGI_WORKERS_MIN to ASGI_WORKERS_MAX.
   * @default 1
   */
  readonly workers?: number;
}

/** Options of `AsgiServer.gunicorn()`. */
export interface GunicornOptions {
  /** Worker processes (`-w`), from ASGI_WORKERS_MIN to ASGI_WORKERS_MAX; seed 002 runs 4. */
  readonly workers: number;
  /**
   * Time workers get to finish open requests after SIGTERM (`--graceful-timeout`), in whole
   * seconds. The service's stop grace period must be longer, or Docker kills the drain.
   * @default Duration.seconds(25)
   */
  readonly gracefulTimeout?: Duration;
  /**
   * Gunicorn worker class (`-k`). uvicorn 0.30 and later also ship it as the separate
   * `uvicorn-worker` package (`uvicorn_worker.UvicornWorker`).
   * @default "uvicorn.workers.UvicornWorker"
   */
  readonly workerClass?: string;
}

/** A bad option of an AsgiServer. */
export interface AsgiServerProblem {
  /** The option at fault. */
  readonly field: 'workers' | 'gracefulTimeout' | 'workerClass';
  /** What is wrong. */
  readonly message: string;
  /** What to do instead. */
  readonly fix: string;
}

/**
 * The process that serves the ASGI app: uvicorn alone, or gunicorn managing uvicorn workers.
 *
 * Options are checked by the construct that runs the server, so that a bad value is reported
 * with the construct's path and the field (`server.workers`), together with its other props.
 */
export class AsgiServer {
  /** True for an AsgiServer of any installed copy of this library (a brand check, not `instanceof`). */
  static isAsgiServer(this: void, value: unknown): value is AsgiServer {
    return hasBrand(value, 'AsgiServer');
  }

  /** `uvicorn <app> --host 0.0.0.0 --port <port> --workers <n>` (seed 004). */
  static uvicorn(options: UvicornOptions = {}): AsgiServer {
    const problem = optionsProblem(options, '{ workers: 2 }');
    if (problem) throwArgument('AsgiServer.uvicorn', 'options', options, problem);
    return new AsgiServer('uvicorn', options.workers ?? 1, undefined, undefined);
  }

  /**
   * `gunicorn <app> -k uvicorn.workers.UvicornWorker -w <n> -b 0.0.0.0:<port> --graceful-timeout <s>`
   * (seed 002: 4 uvicorn workers under gunicorn, which restarts a worker that dies).
   */
  static gunicorn(options: GunicornOptions): AsgiServer {
    const problem = options === undefined ? { message: 'no options: gunicorn needs its workers', fix: 'pass { workers: n }, e.g. { workers: 4 }' } : optionsProblem(options, '{ workers: 4 }');
    if (problem) throwArgument('AsgiServer.gunicorn', 'options', options, problem);
    return new AsgiServer('gunicorn', options.workers, options.gracefulTimeout ?? GUNICORN_DEFAULT_GRACEFUL_TIMEOUT, options.workerClass ?? 'uvicorn.workers.UvicornWorker');
  }

  private constructor(
    /** The program: `uvicorn` or `gunicorn`. */
    public readonly program: 'uvicorn' | 'gunicorn',
    /** Worker processes. */
    public readonly workers: number,
    /** Gunicorn's graceful timeout; undefined for uvicorn, which drains until it is killed. */
    public readonly gracefulTimeout: Duration | undefined,
    /** Gunicorn's worker class; undefined for uvicorn. */
    public readonly workerClass: string | undefined,
  ) {}

  /** Problems with the options; empty when they are valid. */
  problems(): readonly AsgiServerProblem[] {
    const found: AsgiServerProblem[] = [];
    if (!Number.isInteger(this.workers) || this.workers < ASGI_WORKERS_MIN || this.workers > ASGI_WORKERS_MAX) {
      found.push({
        field: 'workers',
        message: `${this.program} workers must be a whole number from ${ASGI_WORKERS_MIN} to ${ASGI_WORKERS_MAX}`,
        fix: `use AsgiServer.${this.program}({ workers: n }) with ${ASGI_WORKERS_MIN} <= n <= ${ASGI_WORKERS_MAX}; scale further with replicas`,
      });
    }
    if (this.gracefulTimeout && (this.gracefulTimeout.isZero() || this.gracefulTimeout.toMilliseconds() % 1000 !== 0)) {
      found.push({ field: 'gracefulTimeout', message: 'gunicorn counts its graceful timeout in whole seconds, at least 1', fix: 'use Duration.seconds(n) with n >= 1' });
    }
    if (this.workerClass !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(this.workerClass)) {
      found.push({ field: 'workerClass', message: 'not a dotted Python class path', fix: 'write module.Class, e.g. "uvicorn.workers.UvicornWorker"' });
    }
    return found;
  }

  /**
   * The container command that serves `app` on `port`, on every interface. Throws a
   * ValidationError listing the bad options (path `AsgiServer.uvicorn` or `.gunicorn`) and a bad
   * `app` or `port` (path `AsgiServer.command`).
   */
  command(app: string, port: Port): string[] {
    const options = new FactoryProblems(`AsgiServer.${this.program}`);
    for (const problem of this.problems()) options.add(problem.field, this[problem.field], problem);
    const args = new FactoryProblems('AsgiServer.command');
    const appProblem = stringProblem(app, 'ASGI target', '"app.main:app"');
    args.add('app', app, appProblem ?? (ASGI_APP_PATTERN.test(app) ? undefined : { message: 'not an ASGI target "module:attribute"', fix: 'write the dotted module, a colon and the attribute, e.g. "app.main:app"' }));
    const given: unknown = port;
    if (!Port.isPort(given)) args.add('port', given, { message: `${given == null ? 'nothing' : article(typeof given)}, not a Port`, fix: typeof given === 'number' ? `pass Port.tcp(${given})` : 'pass Port.tcp(n)' });
    if (!options.isEmpty || !args.isEmpty) throw new ValidationError([...options.problems, ...args.problems]);
    if (this.program === 'uvicorn') {
      return ['uvicorn', app, '--host', '0.0.0.0', '--port', String(port.number), '--workers', String(this.workers)];
    }
    return [
      'gunicorn',
      app,
      '-k',
      // Stryker disable next-line StringLiteral: unreachable (gunicorn() always sets a worker class)
      this.workerClass ?? 'uvicorn.workers.UvicornWorker',
      '-w',
      String(this.workers),
      '-b',
      `0.0.0.0:${port.number}`,
      '--graceful-timeout',
      String((this.gracefulTimeout ?? GUNICORN_DEFAULT_GRACEFUL_TIMEOUT).toSecondsCeil()),
      // Requests to stdout like uvicorn's; the worker heartbeat on tmpfs, not the overlay file system.
      '--access-logfile',
      '-',
      '--worker-tmp-dir',
      '/dev/shm',
    ];
  }

  /** Stop grace period that lets the server drain before Docker kills it. */
  defaultStopGracePeriod(): Duration {
    return this.gracefulTimeout ? this.gracefulTimeout.plus(PYTHON_API_STOP_MARGIN) : Duration.seconds(30);
  }

  /** The factory call with the server's options, for messages: `AsgiServer.uvicorn({ workers: 1 })`. */
  toString(): string {
    return this.program === 'uvicorn' ? `AsgiServer.uvicorn({ workers: ${this.workers} })` : `AsgiServer.gunicorn({ workers: ${this.workers}, gracefulTimeout: ${this.gracefulTimeout} })`;
  }
}
brand(AsgiServer.prototype, 'AsgiServer');

export interface PythonApiProps extends KindProps {
  /** The app's image (built from its Dockerfile, or a published tag): there is no generic default. */
  readonly image: ContainerImage;
  /** ASGI target, `module:attribute`, e.g. `app.main:app` (seed 004). */
  readonly app: string;
  /**
   * The server process.
   * @default AsgiServer.uvicorn({ workers: 1 })
   */
  readonly server?: AsgiServer;
  /**
   * Port the server listens on inside the container; other services reach it there.
   * @default Port.tcp(8000)
   */
  readonly port?: Port;
  /**
   * Path of the health endpoint, answered with a 2xx once the app is ready.
   * @default "/health"
   */
  readonly healthPath?: string;
  /**
   * Publish `port` on this host port (127.0.0.1 unless `public`).
   * @default - not published; reach it through a proxy or another service on a shared network
   */
  readonly hostPort?: Port;
  /**
   * Health check. The default uses Python's standard library only: slim Python images have
   * neither curl nor `requests` (seed 001).
   * @default - GET `healthPath` on `port` with `urllib`, every 10 s, timeout 5 s, 3 retries, after a 40 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Container command.
   * @default - the `server` serving `app` on `port` on every interface, e.g. `uvicorn <app> --host 0.0.0.0 --port 8000 --workers 1`
   */
  readonly command?: readonly string[];
  /**
   * User (uid:gid) the API runs as: no passwd entry is needed, and never root.
   * @default "10001:10001"
   */
  readonly user?: string;
  /**
   * CPU limit.
   * @default Cpu.cores(1)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled.
   * @default Size.mebibytes(512)
   */
  readonly memoryLimit?: Size;
  /**
   * Time open requests get after SIGTERM before the process is killed; with gunicorn it must
   * exceed `gracefulTimeout`.
   * @default Duration.seconds(30); with gunicorn, its gracefulTimeout + 5 s
   */
  readonly stopGracePeriod?: Duration;
}

const serverSchema = zInstance(AsgiServer.isAsgiServer, fix('not an AsgiServer', 'use AsgiServer.uvicorn({ workers }) or AsgiServer.gunicorn({ workers })')).superRefine((server, ctx) => {
  for (const problem of server.problems()) addProblem(ctx, [problem.field], problem.message, problem.fix);
});

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    image: servicePropsSchema.shape.image,
    app: z.string(fix('missing: the ASGI app to serve', 'give app: "module:attribute", e.g. "app.main:app"')).regex(
      ASGI_APP_PATTERN,
      fix('not an ASGI target "module:attribute"', 'write the dotted module, a colon and the attribute, e.g. "app.main:app"'),
    ),
    server: serverSchema.optional(),
    port: port.optional(),
    healthPath: z.string().regex(HTTP_PATH, fix('not an HTTP path', 'start with "/" and use no spaces, quotes or backslashes, e.g. "/health"')).optional(),
    hostPort: port.optional(),
  })
  .strict()
  .superRefine((props, ctx) => {
    // What the service schema cannot know: the server's own drain time.
    const graceful = AsgiServer.isAsgiServer(props.server) ? props.server.gracefulTimeout : undefined;
    if (graceful && props.stopGracePeriod && props.stopGracePeriod.compareTo(graceful) <= 0) {
      addProblem(ctx, ['stopGracePeriod'], `not longer than gunicorn's graceful timeout (${graceful}): Docker would kill the workers mid-drain`, `use at least ${graceful.plus(PYTHON_API_STOP_MARGIN)}, or shorten gracefulTimeout`);
    }
  });

/**
 * A FastAPI (or any ASGI) web API served by uvicorn or gunicorn.
 *
 * - Health: `GET <healthPath>` with Python's standard library (`urllib`), never curl or
 *   `requests`, which slim Python images lack (seed 001). Every 10 s with a 5 s timeout and 3
 *   retries after a 40 s start period. The 40 s is seed 004's start period (imports, model
 *   and database connections at start-up); the 10 s interval, a third of seed 004's 30 s,
 *   lets services that wait for the API to be healthy (a proxy, workers) start within ~10 s of
 *   it being ready rather than 30 s, for one cheap request every 10 s.
 * - Runs as uid:gid 10001:10001, never root, unless `user` says otherwise.
 * - 1 CPU and 512 MiB by default; a 30 s stop grace period (gunicorn: its graceful timeout + 5 s)
 *   so open requests finish before Docker kills the process.
 */
export class PythonApi extends Service {
  /** Port the API listens on inside the container. */
  readonly port: Port;
  /** The ASGI target served. */
  readonly app: string;
  /** The server process. */
  readonly server: AsgiServer;
  /** Path of the health endpoint. */
  readonly healthPath: string;

  constructor(scope: Construct, id: string, props: PythonApiProps) {
    const p = parseProps(childPath(scope, id), propsSchema, props) as PythonApiProps;
    const { app, server = AsgiServer.uvicorn(), port: listenPort = PYTHON_API_DEFAULT_PORT, healthPath = '/health', hostPort, ...serviceProps } = p;

    super(scope, id, {
      healthCheck: HealthCheck.httpGet(healthPath, {
        port: listenPort,
        tool: ProbeTool.PYTHON,
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(40),
      }),
      command: server.command(app, listenPort),
      user: PYTHON_API_DEFAULT_USER,
      cpuLimit: Cpu.cores(1),
      memoryLimit: Size.mebibytes(512),
      stopGracePeriod: server.defaultStopGracePeriod(),
      ...serviceProps,
      // Logs reach `docker logs` at once instead of sitting in Python's buffer.
      environment: { PYTHONUNBUFFERED: '1', ...serviceProps.environment },
      ports: [...(serviceProps.ports ?? []), ...(hostPort ? [{ containerPort: listenPort, hostPort }] : [])],
    });
    this.port = listenPort;
    this.app = app;
    this.server = server;
    this.healthPath = healthPath;
  }

  /** `http://<hostname>:<port>`, for services on a shared network. */
  get url(): string {
    return `http://${this.hostname}:${this.port.number}`;
  }
}
