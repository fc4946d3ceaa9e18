import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { port, servicePropsSchema } from './private/service-schema';
import { childPath, fix, parseProps, ValidationError, zInstance } from './private/validation';
import { KindProps, Service } from './service';
import { Size } from './size';
import { NamedVolume } from './volume';

export const REDIS_DEFAULT_IMAGE = 'redis:7.4-alpine';
export const REDIS_PORT = Port.tcp(6379);
/** Where the official image keeps its data (its VOLUME). */
export const REDIS_DATA_PATH = '/data';

/** How Redis keeps data across restarts. */
export enum RedisPersistence {
  /** Memory only: a restart empties it (a cache). */
  NONE = 'none',
  /** Append-only file, fsync every second: at most a second of writes lost (a job queue). */
  APPEND_ONLY = 'append-only',
  /** Periodic RDB snapshots (Redis' default schedule). */
  SNAPSHOTS = 'snapshots',
}

/** What Redis evicts when `maxMemory` is reached. */
export enum RedisEvictionPolicy {
  NO_EVICTION = 'noeviction',
  ALL_KEYS_LRU = 'allkeys-lru',
  VOLATILE_LRU = 'volatile-lru',
  ALL_KEYS_LFU = 'allkeys-lfu',
  VOLATILE_TTL = 'volatile-ttl',
}

export interface RedisProps extends KindProps {
  /**
   * @default RedisPersistence.APPEND_ONLY
   */
  readonly persistence?: RedisPersistence;
  /**
   * Memory Redis may use for data; must stay below `memoryLimit` so Redis evicts (or refuses
   * writes) before the kernel kills it.
   * @default - 75% of memoryLimit
   */
  readonly maxMemory?: Size;
  /**
   * @default RedisEvictionPolicy.NO_EVICTION (a queue must not lose jobs)
   */
  readonly evictionPolicy?: RedisEvictionPolicy;
  /**
   * Publish the port on the host (127.0.0.1 unless `public`).
   * @default - not published
   */
  readonly hostPort?: Port;
  /**
   * Volume for the data directory.
   * @default - a NamedVolume `<prefix>-<id>-data`
   */
  readonly dataVolume?: NamedVolume;
}

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    persistence: z.enum(RedisPersistence, { message: fix('not a RedisPersistence', 'use RedisPersistence.APPEND_ONLY, SNAPSHOTS or NONE') }).optional(),
    maxMemory: zInstance(Size, fix('not a Size', 'use Size.mebibytes(n)'))
      .refine((s) => s.toBytes() >= 1024 ** 2, fix('maxMemory below 1 MiB', 'use Size.mebibytes(n)'))
      .optional(),
    evictionPolicy: z.enum(RedisEvictionPolicy, { message: fix('not a RedisEvictionPolicy', 'use RedisEvictionPolicy.NO_EVICTION or another member') }).optional(),
    hostPort: port.optional(),
    dataVolume: zInstance(NamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict();

/**
 * Redis with a `redis-cli ping` health check, persistence, a memory ceiling below the
 * container limit, and its data in a named volume. Runs as the image's `redis` user.
 */
export class Redis extends Service {
  readonly persistence: RedisPersistence;
  readonly dataVolume: NamedVolume;

  constructor(scope: Construct, id: string, props: RedisProps = {}) {
    const path = childPath(scope, id);
    const p = parseProps(path, propsSchema, props) as RedisProps;
    const { persistence = RedisPersistence.APPEND_ONLY, maxMemory, evictionPolicy = RedisEvictionPolicy.NO_EVICTION, hostPort, dataVolume, ...serviceProps } = p;
    const memoryLimit = serviceProps.memoryLimit ?? Size.mebibytes(256);
    const ceiling = maxMemory ?? Size.bytes(Math.floor((memoryLimit.toBytes() * 0.75) / 1024 ** 2) * 1024 ** 2);
    if (ceiling.compareTo(memoryLimit) >= 0) {
      throw new ValidationError([
        { ruleId: 'props', path, field: 'maxMemory', value: ceiling, message: `not below memoryLimit ${memoryLimit}, so the kernel would kill Redis before it evicts`, fix: 'lower maxMemory or raise memoryLimit' },
      ]);
    }
    const persistenceArgs: Record<RedisPersistence, string[]> = {
      [RedisPersistence.NONE]: ['--appendonly', 'no', '--save', ''],
      [RedisPersistence.APPEND_ONLY]: ['--appendonly', 'yes', '--appendfsync', 'everysec'],
      [RedisPersistence.SNAPSHOTS]: ['--appendonly', 'no'],
    };
    super(scope, id, {
      image: ContainerImage.fromRegistry(REDIS_DEFAULT_IMAGE),
      healthCheck: HealthCheck.command(['redis-cli', '-p', String(REDIS_PORT.number), 'ping'], {
        interval: Duration.seconds(5),
        timeout: Duration.seconds(3),
        retries: 5,
        startPeriod: Duration.seconds(5),
      }),
      user: 'redis',
      cpuLimit: Cpu.cores(0.5),
      stopGracePeriod: Duration.seconds(30),
      ...serviceProps,
      memoryLimit,
      command: [
        'redis-server',
        '--port',
        String(REDIS_PORT.number),
        '--dir',
        REDIS_DATA_PATH,
        ...persistenceArgs[persistence],
        '--maxmemory',
        String(ceiling.toBytes()),
        '--maxmemory-policy',
        evictionPolicy,
      ],
      ports: [...(serviceProps.ports ?? []), ...(hostPort ? [{ containerPort: REDIS_PORT, hostPort }] : [])],
    });
    this.persistence = persistence;
    this.dataVolume = dataVolume ?? new NamedVolume(this, 'data');
    this.mountVolume(this.dataVolume, REDIS_DATA_PATH);
  }

  /** `redis://<host>:6379/0`, for services on a shared network. */
  get url(): string {
    return `redis://${this.hostname}:${REDIS_PORT.number}/0`;
  }
}
