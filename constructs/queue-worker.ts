import { Construct } from 'constructs';
import { z } from 'zod';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { argv, servicePropsSchema } from './private/service-schema';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { Redis } from './redis';
import { KindProps, Service } from './service';
import { ContainerImage } from './image';

/** File the worker touches while its loop runs (contract with the application). */
export const WORKER_HEARTBEAT_FILE = '/tmp/worker-heartbeat';
/** A heartbeat older than this makes the worker unhealthy. */
export const WORKER_HEARTBEAT_MAX_AGE = Duration.seconds(60);
export const WORKER_CONCURRENCY_MAX = 64;

/** Which jobs a worker takes first (seed 000: matching-worker-high/-standard/-bulk). */
export enum QueuePriority {
  HIGH = 'HIGH',
  STANDARD = 'STANDARD',
  BULK = 'BULK',
}

export interface QueueWorkerProps extends KindProps {
  /** The application's image. */
  readonly image: ContainerImage;
  /** The worker's command, as an argument array. */
  readonly command: readonly string[];
  /** Queue (Redis list) the worker consumes; passed as QUEUE_NAME. */
  readonly queue: string;
  /**
   * Passed as QUEUE_PRIORITY.
   * @default QueuePriority.STANDARD
   */
  readonly priority?: QueuePriority;
  /**
   * Jobs one container runs at once; passed as WORKER_CONCURRENCY.
   * @default 2
   */
  readonly concurrency?: number;
  /**
   * The Redis holding the queue: sets REDIS_URL and waits for it to be healthy.
   * @default - none (the worker gets its work elsewhere)
   */
  readonly redis?: Redis;
}

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    image: zInstance(ContainerImage, fix('not a ContainerImage', "pass the application's image")),
    command: argv,
    queue: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/, fix('not a queue name', 'use letters, digits and ":", ".", "_" or "-"')),
    priority: z.enum(QueuePriority, { message: fix('not a QueuePriority', 'use QueuePriority.HIGH, STANDARD or BULK') }).optional(),
    concurrency: z.number().int(fix('concurrency must be whole', 'use an integer')).min(1).max(WORKER_CONCURRENCY_MAX).optional(),
    redis: z.custom<Redis>((v) => v instanceof Redis, fix('not a Redis', 'pass the Redis construct')).optional(),
  })
  .strict();

/**
 * A worker that takes jobs from a queue. Workers have no port to probe, so the health check
 * reads a heartbeat: the application touches WORKER_HEARTBEAT_FILE (path passed in the
 * environment) while its loop runs, and the check fails when the file is older than 60 s.
 * The check uses only Python's standard library.
 */
export class QueueWorker extends Service {
  readonly queue: string;
  readonly priority: QueuePriority;
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
