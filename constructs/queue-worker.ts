import { Construct } from 'constructs';
import { z } from 'zod';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { argv, servicePropsSchema } from './private/service-schema';
import { addProblem, childPath, fix, parseProps, zInstance } from './private/validation';
import { Redis } from './redis';
import { KindProps, Service } from './service';
import { WORKER_CONCURRENCY_MAX, WORKER_CONCURRENCY_MIN } from './limits';

/** File the worker touches while its loop runs (contract with the application). */
export const WORKER_HEARTBEAT_FILE = '/tmp/worker-heartbeat';
/** A heartbeat older than this makes the worker unhealthy. */
export const WORKER_HEARTBEAT_MAX_AGE = Duration.seconds(60);
/** Queue names: letters, digits, ":", ".", "_" and "-", at most 100 characters. */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

/** Environment variables the worker sets itself (REDIS_URL too, when `redis` is given). */
const MANAGED_ENV = ['QUEUE_NAME', 'QUEUE_PRIORITY', 'WORKER_CONCURRENCY', 'WORKER_HEARTBEAT_FILE'] as const;

/** Which jobs a worker takes first (seed 000: matching-worker-high/-standard/-bulk). */
export enum QueuePriority {
  /** Latency-sensitive jobs. */
  HIGH = 'HIGH',
  /** Ordinary jobs. */
  STANDARD = 'STANDARD',
  /** Large batches that may wait. */
  BULK = 'BULK',
}

/**
 * Props of {@link QueueWorker}: a Service's props plus the queue contract. The worker's
 * environment always carries QUEUE_NAME, QUEUE_PRIORITY, WORKER_CONCURRENCY and
 * WORKER_HEARTBEAT_FILE (and REDIS_URL with `redis`); setting one of them in `environment`
 * or `secrets` is an error.
 */
export interface QueueWorkerProps extends KindProps {
  /** The application's image (required: there is no generic worker image). */
  readonly image: ContainerImage;
  /** The worker's command, as an argument array, e.g. `['python3', '-m', 'app.worker']`. */
  readonly command: readonly string[];
  /** Queue (Redis list) the worker consumes; passed as QUEUE_NAME. See QUEUE_NAME_PATTERN. */
  readonly queue: string;
  /**
   * Passed as QUEUE_PRIORITY.
   * @default QueuePriority.STANDARD
   */
  readonly priority?: QueuePriority;
  /**
   * Jobs one container runs at once (1-64); passed as WORKER_CONCURRENCY.
   * @default 2
   */
  readonly concurrency?: number;
  /**
   * The Redis holding the queue: sets REDIS_URL and waits for it to be healthy.
   * @default - none (the worker gets its work elsewhere)
   */
  readonly redis?: Redis;
  /**
   * Health check. A worker has no port to probe: the default reads the heartbeat file the
   * worker touches while its loop runs (a contract with the application).
   * @default - `$WORKER_HEARTBEAT_FILE` modified less than 60 s ago (python3), every 10 s, timeout 5 s, 3 retries, after a 20 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * User (uid:gid) the worker runs as: no passwd entry is needed, and never root.
   * @default "10001:10001"
   */
  readonly user?: string;
  /**
   * Time the running jobs get after SIGTERM before the worker is killed.
   * @default Duration.seconds(30)
   */
  readonly stopGracePeriod?: Duration;
}

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    image: zInstance(ContainerImage.isContainerImage, fix('missing or not a ContainerImage', "pass the application's image, e.g. ContainerImage.fromRegistry('example/app:1.0.0')")),
    command: argv,
    queue: z.string(fix('missing or not a string', 'name the queue the worker consumes')).regex(QUEUE_NAME_PATTERN, fix('not a queue name', 'use up to 100 letters, digits, ":", ".", "_" or "-"')),
    priority: z.enum(QueuePriority, { message: fix('not a QueuePriority', 'use QueuePriority.HIGH, STANDARD or BULK') }).optional(),
    concurrency: z
      .number(fix('not a number', `use a whole number from ${WORKER_CONCURRENCY_MIN} to ${WORKER_CONCURRENCY_MAX}`))
      .int(fix('concurrency must be whole', `use a whole number from ${WORKER_CONCURRENCY_MIN} to ${WORKER_CONCURRENCY_MAX}`))
      .min(WORKER_CONCURRENCY_MIN, fix(`concurrency below ${WORKER_CONCURRENCY_MIN}`, `use a whole number from ${WORKER_CONCURRENCY_MIN} to ${WORKER_CONCURRENCY_MAX}`))
      .max(WORKER_CONCURRENCY_MAX, fix(`concurrency above ${WORKER_CONCURRENCY_MAX}`, 'run more replicas instead of more jobs per container'))
      .optional(),
    redis: z.custom<Redis>((v) => Redis.isRedis(v), fix('not a Redis', 'pass the Redis construct')).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const managed: readonly string[] = p.redis ? [...MANAGED_ENV, 'REDIS_URL'] : MANAGED_ENV;
    for (const field of ['environment', 'secrets'] as const) {
      for (const key of Object.keys(p[field] ?? {})) {
        if (managed.includes(key)) {
          addProblem(ctx, [field, key], 'the worker sets this variable itself', `leave ${key} out of ${field} (use the queue, priority, concurrency or redis prop)`);
        }
      }
    }
    // The default health check reads the heartbeat file: a read-only root needs /tmp writable.
    if (p.readOnlyRootFilesystem && !p.healthCheck && !Object.keys(p.tmpfs ?? {}).some((dir) => WORKER_HEARTBEAT_FILE.startsWith(`${dir.replace(/\/$/, '')}/`))) {
      addProblem(ctx, ['readOnlyRootFilesystem'], `the worker could not write its heartbeat ${WORKER_HEARTBEAT_FILE} and would turn unhealthy`, "add tmpfs: { '/tmp': Size.mebibytes(16) }");
    }
  });

/**
 * A worker that takes jobs from a queue (seed 002's scraping worker, seed 000's matching
 * workers), scalable with `replicas`.
 *
 * Health contract: workers have no port to probe, so the default health check reads a
 * heartbeat. The application must touch the file named by WORKER_HEARTBEAT_FILE
 * (`/tmp/worker-heartbeat`) at least every 60 s while its loop runs, e.g.
 * `pathlib.Path(os.environ['WORKER_HEARTBEAT_FILE']).touch()` after each poll; the check fails
 * when the file is missing or older than 60 s. The check runs `python3` with the standard
 * library only (no curl, no `requests`: python `-slim` images have neither).
 */
export class QueueWorker extends Service {
  /** Queue the worker consumes (QUEUE_NAME). */
  readonly queue: string;
  /** Priority class (QUEUE_PRIORITY). */
  readonly priority: QueuePriority;
  /** Jobs one container runs at once (WORKER_CONCURRENCY). */
  readonly concurrency: number;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    const p = parseProps(childPath(scope, id), propsSchema, props) as QueueWorkerProps;
    const { queue, priority = QueuePriority.STANDARD, concurrency = 2, redis, ...serviceProps } = p;
    const maxAge = WORKER_HEARTBEAT_MAX_AGE.toSecondsCeil();
    super(scope, id, {
      healthCheck: HealthCheck.command(
        ['python3', '-c', `import os, sys, time; sys.exit(0 if time.time() - os.path.getmtime('${WORKER_HEARTBEAT_FILE}') < ${maxAge} else 1)`],
        { interval: Duration.seconds(10), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(20) },
      ),
      user: '10001:10001',
      stopGracePeriod: Duration.seconds(30),
      ...serviceProps,
      environment: {
        ...serviceProps.environment,
        QUEUE_NAME: queue,
        QUEUE_PRIORITY: priority,
        WORKER_CONCURRENCY: String(concurrency),
        WORKER_HEARTBEAT_FILE,
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
      dependsOn: [...(serviceProps.dependsOn ?? []), ...(redis ? [redis] : [])],
    });
    this.queue = queue;
    this.priority = priority;
    this.concurrency = concurrency;
  }
}
