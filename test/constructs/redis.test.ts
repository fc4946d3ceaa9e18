import { Testing } from 'cdktf';
import { ContainerImage, Cpu, DockerStack, Duration, NamedVolume, Port, Size } from '../../constructs';
import {
  Redis,
  REDIS_DATA_PATH,
  REDIS_DEFAULT_IMAGE,
  REDIS_MAX_MEMORY_MIN,
  REDIS_PORT,
  RedisEvictionPolicy,
  RedisPersistence,
  RedisProps,
} from '../../constructs/redis';
import { container, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

const MiB = 1024 ** 2;

function newStack(): DockerStack {
  return new DockerStack(Testing.app(), 'test');
}

function synth(stack: DockerStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** A Redis `cache` in a fresh stack `test`, synthesized with validations on. */
function synthRedis(props: RedisProps = {}) {
  const stack = newStack();
  const redis = new Redis(stack, 'cache', props);
  const json = synth(stack);
  return { redis, json, c: container(json, 'test-cache') };
}

const build = (props: Record<string, unknown>) => () => new Redis(newStack(), 'cache', props);

/** The `--flag value` pairs of a rendered redis-server command. */
function flags(command: unknown): Record<string, string> {
  const argv = command as string[];
  expect(argv[0]).toBe('redis-server');
  const pairs: Record<string, string> = {};
  for (let i = 1; i < argv.length; i += 2) pairs[argv[i]] = argv[i + 1];
  return pairs;
}

describe('Redis', () => {
  describe('defaults', () => {
    test('given no props, when synthesized, then redis-server runs with AOF, a 192 MiB ceiling and noeviction', () => {
      const { c } = synthRedis();
      expect(c.command).toEqual([
        'redis-server',
        '--port',
        '6379',
        '--dir',
        '/data',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory',
        String(192 * MiB),
        '--maxmemory-policy',
        'noeviction',
      ]);
    });

    test('given no props, when synthesized, then the image is the pinned redis:7.4-alpine', () => {
      const { json, c } = synthRedis();
      expect(REDIS_DEFAULT_IMAGE).toBe('redis:7.4-alpine');
      const images = Object.values(json.resource.docker_image ?? {}) as { name: string }[];
      expect(images.map((i) => i.name)).toEqual(['redis:7.4-alpine']);
      expect(c.image).toMatch(/^\$\{docker_image\..+\.image_id\}$/);
    });

    test('given no props, when synthesized, then the health check pings over redis-cli in exec form', () => {
      const { c } = synthRedis();
      expect(c.healthcheck).toEqual({ test: ['CMD', 'redis-cli', '-p', '6379', 'ping'], interval: '5s', timeout: '3s', retries: 5, start_period: '5s', start_interval: '1s' });
      expect(c.wait).toBe(true);
    });

    test('given no props, when synthesized, then it runs as redis with 256 MiB, half a core and 30 s to stop', () => {
      const { c } = synthRedis();
      expect(c).toMatchObject({ user: 'redis', memory: 256, memory_swap: 256, cpus: '0.5', stop_timeout: 30, destroy_grace_seconds: 30 });
    });

    test('given no props, when synthesized, then the data lives in a named volume at /data and no port is published', () => {
      const { redis, c } = synthRedis();
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-cache-data', target: REDIS_DATA_PATH, read_only: false }]);
      expect(redis.dataVolume.volumeName).toBe('test-cache-data');
      expect(c.ports).toBeUndefined();
    });

    test('given no props, when constructed, then the url names the service on port 6379, database 0', () => {
      const { redis } = synthRedis();
      expect(redis.url).toBe('redis://cache:6379/0');
      expect(REDIS_PORT.number).toBe(6379);
    });

    test('given no props, when constructed, then the chosen settings are exposed', () => {
      const { redis } = synthRedis();
      expect(redis.persistence).toBe(RedisPersistence.APPEND_ONLY);
      expect(redis.evictionPolicy).toBe(RedisEvictionPolicy.NO_EVICTION);
      expect(redis.maxMemory.toBytes()).toBe(192 * MiB);
    });

    test('given the default image, when the stack is validated, then no rule complains', () => {
      const stack = newStack();
      new Redis(stack, 'cache');
      expect(validationMessages(stack)).toEqual([]);
    });
  });

  describe('persistence', () => {
    test.each([
      [RedisPersistence.APPEND_ONLY, ['--appendonly', 'yes', '--appendfsync', 'everysec']],
      [RedisPersistence.SNAPSHOTS, ['--appendonly', 'no']],
      [RedisPersistence.NONE, ['--appendonly', 'no', '--save', '']],
    ])('given persistence %s, when synthesized, then the command carries %j after --dir', (persistence, args) => {
      const { redis, c } = synthRedis({ persistence });
      const command = c.command as string[];
      expect(command.slice(5, 5 + args.length)).toEqual(args);
      expect(command.slice(5 + args.length, 5 + args.length + 2)).toEqual(['--maxmemory', String(192 * MiB)]);
      expect(redis.persistence).toBe(persistence);
    });

    test('given no persistence, when synthesized, then the data volume is still mounted (the image declares VOLUME /data)', () => {
      const { c } = synthRedis({ persistence: RedisPersistence.NONE });
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-cache-data', target: '/data', read_only: false }]);
    });

    test('fails when persistence is not a RedisPersistence', () => {
      const error = errorOf(build({ persistence: 'aof' }));
      expect(error.message).toContain('test/cache: persistence = "aof": not a RedisPersistence');
      expect(error.problems[0]).toMatchObject({ path: 'test/cache', field: 'persistence', fix: 'use RedisPersistence.APPEND_ONLY, SNAPSHOTS or NONE' });
    });
  });

  describe('memory', () => {
    test('given maxMemory, when synthesized, then --maxmemory is its size in bytes', () => {
      const { c } = synthRedis({ maxMemory: Size.mebibytes(100) });
      expect(flags(c.command)['--maxmemory']).toBe(String(100 * MiB));
    });

    test('given a 1 GiB memory limit and no maxMemory, when synthesized, then the ceiling is 75% of it', () => {
      const { c } = synthRedis({ memoryLimit: Size.gibibytes(1) });
      expect(flags(c.command)['--maxmemory']).toBe(String(768 * MiB));
      expect(c).toMatchObject({ memory: 1024, memory_swap: 1024 });
    });

    test('given the smallest memory limit Docker accepts (6 MiB), when synthesized, then the ceiling rounds down to 4 MiB', () => {
      const { c } = synthRedis({ memoryLimit: Size.mebibytes(6) });
      expect(flags(c.command)['--maxmemory']).toBe(String(4 * MiB));
    });

    test('given maxMemory at its minimum (1 MiB), when synthesized, then it is accepted', () => {
      const { c } = synthRedis({ maxMemory: REDIS_MAX_MEMORY_MIN });
      expect(flags(c.command)['--maxmemory']).toBe(String(MiB));
    });

    test('fails when maxMemory is one byte below 1 MiB', () => {
      const error = errorOf(build({ maxMemory: Size.bytes(MiB - 1) }));
      expect(error.message).toContain('test/cache: maxMemory = 1048575b: maxMemory below 1m');
      expect(error.problems[0]).toMatchObject({ path: 'test/cache', field: 'maxMemory', fix: 'use Size.mebibytes(n) with n >= 1' });
    });

    test('given maxMemory 1 MiB below the memory limit (the largest accepted), when synthesized, then it is accepted', () => {
      const { c } = synthRedis({ maxMemory: Size.mebibytes(255), memoryLimit: Size.mebibytes(256) });
      expect(flags(c.command)['--maxmemory']).toBe(String(255 * MiB));
    });

    test.each([
      ['equal to', Size.mebibytes(256)],
      ['above', Size.mebibytes(257)],
    ])('fails when maxMemory is %s the memory limit: Redis would be OOM-killed before it evicts', (_what, maxMemory) => {
      const error = errorOf(build({ maxMemory, memoryLimit: Size.mebibytes(256) }));
      expect(error.message).toContain(`test/cache: maxMemory = ${maxMemory}: not below memoryLimit 256m`);
      expect(error.problems[0]).toMatchObject({ ruleId: 'props', path: 'test/cache', field: 'maxMemory', value: maxMemory, fix: 'lower maxMemory or raise memoryLimit' });
    });

    test('fails when maxMemory is not below the default memory limit (256 MiB)', () => {
      expect(build({ maxMemory: Size.gibibytes(1) })).toThrow(/test\/cache: maxMemory = 1g: not below memoryLimit 256m/);
    });

    test('fails when maxMemory is a plain number', () => {
      expect(build({ maxMemory: 1024 })).toThrow(/test\/cache: maxMemory = 1024: not a Size\. Fix: use Size\.mebibytes\(n\)/);
    });
  });

  describe('eviction policy', () => {
    test.each(Object.values(RedisEvictionPolicy))('given eviction policy %s, when synthesized, then --maxmemory-policy names it', (evictionPolicy) => {
      const { c } = synthRedis({ evictionPolicy });
      expect(flags(c.command)['--maxmemory-policy']).toBe(evictionPolicy);
    });

    test('fails when the eviction policy is not a RedisEvictionPolicy', () => {
      const error = errorOf(build({ evictionPolicy: 'lru' }));
      expect(error.problems[0]).toMatchObject({
        path: 'test/cache',
        field: 'evictionPolicy',
        value: 'lru',
        message: 'not a RedisEvictionPolicy',
        fix: 'use RedisEvictionPolicy.NO_EVICTION or another member',
      });
    });
  });

  describe('overrides', () => {
    test('given Service props, when synthesized, then they override the kind defaults', () => {
      const { c } = synthRedis({
        image: ContainerImage.fromRegistry('cds-local/redis:7'),
        user: '999:999',
        cpuLimit: Cpu.cores(2),
        memoryLimit: Size.mebibytes(512),
        stopGracePeriod: Duration.seconds(45),
        environment: { TZ: 'UTC' },
      });
      expect(c).toMatchObject({ user: '999:999', cpus: '2.0', memory: 512, stop_timeout: 45, env: ['TZ=UTC'] });
      expect(flags(c.command)['--maxmemory']).toBe(String(384 * MiB));
    });

    test('given a host port, when synthesized, then 6379 is published on 127.0.0.1 only', () => {
      const { c } = synthRedis({ hostPort: Port.tcp(16379) });
      expect(c.ports).toEqual([{ internal: 6379, external: 16379, ip: '127.0.0.1', protocol: 'tcp' }]);
    });

    test('given a data volume, when synthesized, then it is mounted at /data instead of a new one', () => {
      const stack = newStack();
      const volume = new NamedVolume(stack, 'shared-redis', { volumeName: 'redis-data-kept' });
      new Redis(stack, 'cache', { dataVolume: volume });
      expect(container(synth(stack), 'test-cache').mounts).toEqual([{ type: 'volume', source: 'redis-data-kept', target: '/data', read_only: false }]);
    });

    test('fails when the data volume is not a NamedVolume', () => {
      const error = errorOf(build({ dataVolume: 'redis-data' }));
      expect(error.problems[0]).toMatchObject({
        path: 'test/cache',
        field: 'dataVolume',
        value: 'redis-data',
        message: 'not a NamedVolume',
        fix: 'create it with new NamedVolume(...)',
      });
    });

    test('fails when a command is given: the command is generated from persistence, maxMemory and evictionPolicy', () => {
      const error = errorOf(build({ command: ['redis-server', '--save', '60', '1'] }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cache', field: 'command', message: 'Redis generates its command' });
      expect(error.message).toContain('Fix: leave command out and use persistence, maxMemory and evictionPolicy');
    });

    test('fails when two replicas would write to one data volume', () => {
      expect(build({ replicas: 2 })).toThrow(/test\/cache: volumes = "\/data": 2 replicas would write to one volume/);
    });

    test('fails when an unknown prop is given, and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new Redis(stack, 'cache', { maxMemoryPolicy: 'allkeys-lru' } as unknown as RedisProps));
      expect(error.problems[0]).toMatchObject({ path: 'test/cache', field: '(props)' });
      expect(error.message).toContain('maxMemoryPolicy');
      expect(stack.node.tryFindChild('cache')).toBeUndefined();
    });

    test('fails when several props are wrong, naming each field at once', () => {
      const error = errorOf(build({ persistence: 'x', evictionPolicy: 'y', hostPort: 6379 }));
      expect(error.problems.map((p) => p.field).sort()).toEqual(['evictionPolicy', 'hostPort', 'persistence']);
    });
  });
});
