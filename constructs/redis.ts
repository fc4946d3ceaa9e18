import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { port, servicePropsSchema } from './private/service-schema';
import { ValidationError } from './errors';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { brand, hasBrand } from './private/brand';
import { KindProps, Service } from './service';
import { Size } from './size';
import { NamedVolume } from './volume';

/** Default image: Redis 7.4, Alpine variant. */
export const REDIS_DEFAULT_IMAGE = 'redis:7.4-alpine';
/** Port Redis listens on inside the container. */
export const REDIS_PORT = Port.tcp(6379);
/** Where the official image keeps its data (its VOLUME). */
export const REDIS_DATA_PATH = '/data';
/** Smallest `maxMemory` accepted. */
export const REDIS_MAX_MEMORY_MIN = Size.mebibytes(1);
/** Share of `memoryLimit` Redis may use for data when `maxMemory` is not given (rounded down to whole MiB). */
export const REDIS_DEFAULT_MAX_MEMORY_RATIO = 0.75;

/** How Redis keeps data across restarts. */
export enum RedisPersistence {
  /** Memory only (`--appendonly no --save ""`): a restart empties it (a cache). */
  NONE = 'none',
  /** Append-only file, fsync every second (`--appendonly yes --appendfsync everysec`): at most a second of writes lost (a job queue). */
  APPEND_ONLY = 'append-only',
  /** Periodic RDB snapshots on Redis' default schedule (`--appendonly no`). */
  SNAPSHOTS = 'snapshots',
}

/** What Redis evicts when `maxMemory` is reached (`--maxmemory-policy`). */
export enum RedisEvictionPolicy {
  /** Evict nothing: writes fail with an OOM error once `maxMemory` is reached. Right for queues. */
  NO_EVICTION = 'noeviction',
  /** Evict the least recently used keys, among all keys. */
  ALL_KEYS_LRU = 'allkeys-lru',
  /** Evict the least recently used keys, among keys with an expiry. */
  VOLATILE_LRU = 'volatile-lru',
  /** Evict the least frequently used keys, among all keys. */
  ALL_KEYS_LFU = 'allkeys-lfu',
  /** Evict the least frequently used keys, among keys with an expiry. */
  VOLATILE_LFU = 'volatile-lfu',
  /** Evict random keys, among all keys. */
  ALL_KEYS_RANDOM = 'allkeys-random',
  /** Evict random keys, among keys with an expiry. */
  VOLATILE_RANDOM = 'volatile-random',
  /** Evict the keys closest to expiry, among keys with an expiry. */
  VOLATILE_TTL = 'volatile-ttl',
}

/**
 * Props of {@link Redis}: a Service's props (image and health check defaulted) plus Redis' own.
 * `command` is generated from these props, so it is not accepted.
 */
export interface RedisProps extends Omit<KindProps, 'command'> {
  /**
   * How data survives a restart.
   * @default RedisPersistence.APPEND_ONLY
   */
  readonly persistence?: RedisPersistence;
  /**
   * Memory Redis may use for data (`--maxmemory`, in bytes). Must stay below `memoryLimit` so
   * Redis evicts (or refuses writes) before the kernel kills the container. At least 1 MiB.
   * @default - 75% of memoryLimit, rounded down to whole MiB
   */
  readonly maxMemory?: Size;
  /**
   * What Redis evicts at `maxMemory`.
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
  /**
   * Redis image.
   * @default ContainerImage.fromRegistry("redis:7.4-alpine")
   */
  readonly image?: ContainerImage;
  /**
   * Health check.
   * @default - `redis-cli -p 6379 ping` every 5 s, timeout 3 s, 5 retries, after a 5 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * User the server runs as.
   * @default "redis"
   */
  readonly user?: string;
  /**
   * CPU limit.
   * @default Cpu.cores(0.5)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled. `maxMemory` defaults to 75% of it.
   * @default Size.mebibytes(256)
   */
  readonly memoryLimit?: Size;
  /**
   * Time Redis gets to save its data on stop before it is killed.
   * @default Duration.seconds(30)
   */
  readonly stopGracePeriod?: Duration;
}

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    command: z.never({ message: fix('Redis generates its command', 'leave command out and use persistence, maxMemory and evictionPolicy') }).optional(),
    persistence: z.enum(RedisPersistence, { message: fix('not a RedisPersistence', 'use RedisPersistence.APPEND_ONLY, SNAPSHOTS or NONE') }).optional(),
    maxMemory: zInstance(Size.isSize, fix('not a Size', 'use Size.mebibytes(n)'))
      .refine((s) => s.compareTo(REDIS_MAX_MEMORY_MIN) >= 0, fix(`maxMemory below ${REDIS_MAX_MEMORY_MIN}`, 'use Size.mebibytes(n) with n >= 1'))
      .optional(),
    evictionPolicy: z.enum(RedisEvictionPolicy, { message: fix('not a RedisEvictionPolicy', 'use RedisEvictionPolicy.NO_EVICTION or another member') }).optional(),
    hostPort: port.optional(),
    dataVolume: zInstance(NamedVolume.isNamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict();

const PERSISTENCE_ARGS: Record<RedisPersistence, readonly string[]> = {
  [RedisPersistence.NONE]: ['--appendonly', 'no', '--save', ''],
  [RedisPersistence.APPEND_ONLY]: ['--appendonly', 'yes', '--appendfsync', 'everysec'],
  [RedisPersistence.SNAPSHOTS]: ['--appendonly', 'no'],
};

/**
 * Redis with a `redis-cli ping` health check, persistence, a memory ceiling below the
 * container limit, and its data in a named volume. Runs as the image's `redis` user
 * (the official image's /data belongs to it).
 *
 * The command is generated: `redis-server --port 6379 --dir /data <persistence flags>
 * --maxmemory <bytes> --maxmemory-policy <policy>`.
 */
export class Redis extends Service {
  /** True for a Redis of any installed copy of this library (a brand check, not `instanceof`). */
  static isRedis(this: void, value: unknown): value is Redis {
    return hasBrand(value, 'Redis');
  }

  /** How data survives a restart. */
  readonly persistence: RedisPersistence;
  /** Memory Redis may use for data (`--maxmemory`). */
  readonly maxMemory: Size;
  /** What Redis evicts at `maxMemory`. */
  readonly evictionPolicy: RedisEvictionPolicy;
  /** Volume mounted at /data. */
  readonly dataVolume: NamedVolume;

  constructor(scope: Construct, id: string, props: RedisProps = {}) {
    const path = childPath(scope, id);
    const p = parseProps(path, propsSchema, props) as RedisProps;
    const { persistence = RedisPersistence.APPEND_ONLY, maxMemory, evictionPolicy = RedisEvictionPolicy.NO_EVICTION, hostPort, dataVolume, ...serviceProps } = p;
    const memoryLimit = serviceProps.memoryLimit ?? Size.mebibytes(256);
    const ceiling = maxMemory ?? Size.mebibytes(Math.floor(memoryLimit.toMebibytes() * REDIS_DEFAULT_MAX_MEMORY_RATIO));
    if (ceiling.compareTo(memoryLimit) >= 0) {
      throw new ValidationError([
        { ruleId: 'props', path, field: 'maxMemory', value: ceiling, message: `not below memoryLimit ${memoryLimit}, so the kernel would kill Redis before it evicts`, fix: 'lower maxMemory or raise memoryLimit' },
      ]);
    }
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
        ...PERSISTENCE_ARGS[persistence],
        '--maxmemory',
        String(ceiling.toBytes()),
        '--maxmemory-policy',
        evictionPolicy,
      ],
      ports: [...(serviceProps.ports ?? []), ...(hostPort ? [{ containerPort: REDIS_PORT, hostPort }] : [])],
    });
    brand(this, 'Redis');
    this.persistence = persistence;
    this.maxMemory = ceiling;
    this.evictionPolicy = evictionPolicy;
    this.dataVolume = dataVolume ?? new NamedVolume(this, 'data');
    this.mountVolume(this.dataVolume, REDIS_DATA_PATH);
  }

  /** `redis://<host>:6379/0`, for services on a shared network. */
  get url(): string {
    return `redis://${this.hostname}:${REDIS_PORT.number}/0`;
  }
}
