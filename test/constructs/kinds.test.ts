import {
  ChromaDb,
  CronRunner,
  CronSchedule,
  Duration,
  HealthCheck,
  Ollama,
  Port,
  Postgres,
  ProbeTool,
  QueuePriority,
  QueueWorker,
  Redis,
  RedisEvictionPolicy,
  RedisPersistence,
  Scheduler,
  Secret,
  Size,
  ContainerImage,
  StackNetworks,
} from '../../constructs';
import { container, containerAddress, newStack, synth, validationMessages } from '../support/synth';

const app = ContainerImage.fromRegistry('example/app:1.0.0');

describe('Postgres', () => {
  test('renders pg_isready over TCP, checksums, typed settings, a generated password and a data volume', () => {
    const stack = newStack('shop');
    new Postgres(stack, 'db', { settings: { sharedBuffers: Size.mebibytes(256), workMem: Size.kibibytes(4096), maxConnections: 50 } });
    const json = synth(stack);
    const c = container(json, 'shop-db');
    expect(c.healthcheck).toMatchObject({ test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'app', '-d', 'app'] });
    expect(c.command).toEqual(['postgres', '-c', 'shared_buffers=256MB', '-c', 'work_mem=4MB', '-c', 'max_connections=50']);
    expect(c.env).toEqual(['POSTGRES_DB=app', 'POSTGRES_INITDB_ARGS=--data-checksums', 'POSTGRES_PASSWORD=${random_password.secret-db-password.result}', 'POSTGRES_USER=app']);
    expect(c.mounts).toEqual([{ type: 'volume', source: 'shop-db-data', target: '/var/lib/postgresql/data', read_only: false }]);
    expect(c).toMatchObject({ shm_size: 256, stop_signal: 'SIGINT', stop_timeout: 60, memory: 1024 });
    expect(json.resource.random_password).toBeDefined();
  });

  test('fails when an identifier or a setting is invalid', () => {
    const stack = newStack();
    expect(() => new Postgres(stack, 'db', { database: 'My-DB' })).toThrow(/test\/db: database = "My-DB": not a plain Postgres identifier/);
    expect(() => new Postgres(stack, 'db2', { settings: { workMem: Size.bytes(1000) } })).toThrow(/settings.workMem = 1000b: Postgres memory settings are whole kB/);
  });
});

describe('Redis', () => {
  test('persists with AOF, caps memory below the container limit, runs as redis', () => {
    const stack = newStack();
    new Redis(stack, 'cache', { persistence: RedisPersistence.APPEND_ONLY, evictionPolicy: RedisEvictionPolicy.ALL_KEYS_LRU });
    const c = container(synth(stack), 'test-cache');
    expect(c.command).toEqual(['redis-server', '--port', '6379', '--dir', '/data', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory', String(192 * 1024 ** 2), '--maxmemory-policy', 'allkeys-lru']);
    expect(c.healthcheck).toMatchObject({ test: ['CMD', 'redis-cli', '-p', '6379', 'ping'] });
    expect(c.user).toBe('redis');
  });

  test('fails when maxMemory is not below the memory limit', () => {
    const stack = newStack();
    expect(() => new Redis(stack, 'cache', { maxMemory: Size.mebibytes(256), memoryLimit: Size.mebibytes(256) })).toThrow(/test\/cache: maxMemory = 256m: not below memoryLimit 256m/);
  });
});

describe('QueueWorker', () => {
  test('passes the queue contract and waits for Redis', () => {
    const stack = newStack();
    const networks = [{ network: new StackNetworks(stack, 'nets').backend }];
    const redis = new Redis(stack, 'redis', { networks });
    new QueueWorker(stack, 'worker', { image: app, command: ['python3', '-m', 'app.worker'], queue: 'matching:high', priority: QueuePriority.HIGH, concurrency: 4, redis, replicas: 2, networks });
    const json = synth(stack);
    const c = container(json, 'test-worker-1');
    expect(c.env).toEqual(expect.arrayContaining(['QUEUE_NAME=matching:high', 'QUEUE_PRIORITY=HIGH', 'WORKER_CONCURRENCY=4', 'REDIS_URL=redis://redis:6379/0', 'WORKER_HEARTBEAT_FILE=/tmp/worker-heartbeat']));
    expect((c.healthcheck as { test: string[] }).test.join(' ')).not.toMatch(/curl|requests/);
    expect(c.depends_on).toEqual([containerAddress(json, 'test-redis')]);
    expect(container(json, 'test-worker-2')).toBeDefined();
  });

  test.each([0, 65, 1.5])('fails when concurrency is %p', (concurrency) => {
    const stack = newStack();
    expect(() => new QueueWorker(stack, 'w', { image: app, command: ['x'], queue: 'q', concurrency })).toThrow(/test\/w: concurrency/);
  });

  test('accepts concurrency 1 and 64', () => {
    const stack = newStack();
    expect(() => new QueueWorker(stack, 'a', { image: app, command: ['x'], queue: 'q', concurrency: 1 })).not.toThrow();
    expect(() => new QueueWorker(stack, 'b', { image: app, command: ['x'], queue: 'q', concurrency: 64 })).not.toThrow();
  });
});

describe('Scheduler', () => {
  test('writes the crontab, job scripts and a pg_dump backup with retention; the password stays a secret', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db', { password: Secret.fromVariable('db_password') });
    new Scheduler(stack, 'cron', {
      runner: CronRunner.BUSYBOX_CROND,
      jobs: [{ name: 'ping', schedule: CronSchedule.everyHours(3), command: ['echo', "it's"] }],
      backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 },
    });
    const json = synth(stack);
    const c = container(json, 'test-cron');
    const files = Object.fromEntries((c.upload as { file: string; content: string }[]).map((u) => [u.file, u.content]));
    expect(files['/etc/cds-cron/crontab']).toContain('0 */3 * * * /etc/cds-cron/jobs/ping.sh >/proc/1/fd/1 2>/proc/1/fd/2');
    expect(files['/etc/cds-cron/crontab']).toContain('0 3 * * * /etc/cds-cron/jobs/backup-db.sh');
    expect(files['/etc/cds-cron/jobs/ping.sh']).toContain(`'echo' 'it'\\''s'`);
    expect(files['/etc/cds-cron/jobs/backup-db.sh']).toContain('pg_dump -h db -U app -d app -Fc');
    expect(files['/etc/cds-cron/jobs/backup-db.sh']).toContain('tail -n +8');
    expect(JSON.stringify(files)).not.toContain('var.db_password');
    expect(c.env).toEqual(['PGPASSWORD=${var.db_password}']);
    expect(c.mounts).toEqual([{ type: 'volume', source: 'test-cron-backups', target: '/backups', read_only: false }]);
    expect(c.depends_on).toEqual([containerAddress(json, 'test-db')]);
    expect(c.init).toBe(true);
  });

  test('uses the Debian cron format with a user field', () => {
    const stack = newStack();
    new Scheduler(stack, 'cron', { runner: CronRunner.DEBIAN_CRON, jobs: [{ name: 'ping', schedule: CronSchedule.everyMinutes(5), command: ['true'] }] });
    const c = container(synth(stack), 'test-cron');
    const crontab = (c.upload as { file: string; content: string }[]).find((u) => u.file === '/etc/cds-cron/crontab')?.content;
    expect(crontab).toContain('*/5 * * * * root /etc/cds-cron/jobs/ping.sh');
  });

  test('fails when two jobs share a name or the retention is out of range', () => {
    const stack = newStack();
    const job = { name: 'same', schedule: CronSchedule.everyHours(1), command: ['true'] };
    expect(() => new Scheduler(stack, 'a', { jobs: [job, job] })).toThrow(/test\/a: jobs = "same": two jobs share this name/);
    const db = new Postgres(stack, 'db');
    expect(() => new Scheduler(stack, 'b', { backup: { database: db, schedule: CronSchedule.daily({ hour: 1 }), retention: 0 } })).toThrow(/test\/b: backup.retention = 0/);
  });
});

describe('ChromaDb and Ollama', () => {
  test('ChromaDB is pinned, probed on the v2 heartbeat with bash, data in a volume', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    new ChromaDb(stack, 'chroma', { networks: [{ network: nets.backend }] });
    const c = container(synth(stack), 'test-chroma');
    const test = (c.healthcheck as { test: string[] }).test;
    expect(test.slice(0, 3)).toEqual(['CMD', 'bash', '-c']);
    expect(test[3]).toContain('/dev/tcp/127.0.0.1/8000');
    expect(test[3]).toContain('GET /api/v2/heartbeat');
    expect(c.mounts).toEqual([{ type: 'volume', source: 'test-chroma-data', target: '/data', read_only: false }]);
  });

  test('a curl probe on the default ChromaDB image is rejected at synth time', () => {
    const stack = newStack();
    new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.httpGet('/api/v2/heartbeat', { port: Port.tcp(8000), tool: ProbeTool.CURL }) });
    expect(validationMessages(stack).join('\n')).toContain('[CDS-HEALTHCHECK-TOOL] test/chroma');
  });

  test('Ollama is probed with `ollama list` and keeps models in a volume', () => {
    const stack = newStack();
    new Ollama(stack, 'ollama', { keepAlive: Duration.minutes(10), maxLoadedModels: 2 });
    const c = container(synth(stack), 'test-ollama');
    expect(c.healthcheck).toMatchObject({ test: ['CMD', 'ollama', 'list'] });
    expect(c.env).toEqual(['OLLAMA_HOST=0.0.0.0:11434', 'OLLAMA_KEEP_ALIVE=10m0s', 'OLLAMA_MAX_LOADED_MODELS=2']);
    expect(c.mounts).toEqual([{ type: 'volume', source: 'test-ollama-models', target: '/root/.ollama', read_only: false }]);
  });
});
