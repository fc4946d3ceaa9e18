import { ContainerImage, HealthCheck, NamedVolume, Port, Secret, Service, Size } from '../../constructs';
import { Postgres, POSTGRES_DATA_PATH, POSTGRES_DEFAULT_IMAGE, PostgresProps } from '../../constructs/postgres';
import { container, newStack, synth, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

/** A Postgres `db` in a fresh stack `test`, synthesized with validations on. */
function synthPostgres(props: PostgresProps = {}) {
  const stack = newStack();
  const db = new Postgres(stack, 'db', props);
  const json = synth(stack);
  return { db, json, c: container(json, 'test-db') };
}

const build = (props: Record<string, unknown>) => () => new Postgres(newStack(), 'db', props as PostgresProps);

/** The env entries of a container as a map. */
function envOf(c: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries((c.env as string[]).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

function randomPasswords(json: SynthesizedStack): Record<string, unknown>[] {
  return Object.values(json.resource.random_password ?? {});
}

describe('Postgres', () => {
  describe('defaults', () => {
    test('given no props, when synthesized, then the pinned postgres:17-alpine runs the server with no extra flags', () => {
      const { json, c } = synthPostgres();

      expect(POSTGRES_DEFAULT_IMAGE).toBe('postgres:17-alpine');
      expect(Object.values(json.resource.docker_image).map((i) => i.name)).toEqual([POSTGRES_DEFAULT_IMAGE]);
      expect(c.command).toEqual(['postgres']);
    });

    test('given no props, when synthesized, then pg_isready probes over TCP (not the init-time socket) as the owner of the database', () => {
      const { c } = synthPostgres();

      expect(c.healthcheck).toEqual({ test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'app', '-d', 'app'], interval: '5s', timeout: '5s', retries: 10, start_period: '20s' });
    });

    test('given no props, when synthesized, then database and user are "app", data checksums are on, and the password is a generated 32-character secret', () => {
      const { db, json, c } = synthPostgres();

      expect(envOf(c)).toEqual({ POSTGRES_DB: 'app', POSTGRES_USER: 'app', POSTGRES_INITDB_ARGS: '--data-checksums', POSTGRES_PASSWORD: expect.stringMatching(/^\$\{random_password\.[A-Za-z0-9_-]+\.result\}$/) });
      expect(randomPasswords(json)).toEqual([{ length: 32, special: false }]);
      expect({ database: db.database, user: db.user }).toEqual({ database: 'app', user: 'app' });
    });

    test('given no props, when synthesized, then it gets 1 core, 1 GiB, 256 MiB of /dev/shm, and SIGINT with 60 s to write its checkpoint', () => {
      const { c } = synthPostgres();

      expect(c).toMatchObject({ cpus: '1.0', memory: 1024, memory_swap: 1024, shm_size: 256, stop_signal: 'SIGINT', stop_timeout: 60, destroy_grace_seconds: 60 });
    });

    test('given no props, when synthesized, then only the capabilities the entrypoint needs to drop to the postgres user are added back', () => {
      const { c } = synthPostgres();

      expect(c.capabilities).toEqual({ drop: ['ALL'], add: ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_SETGID', 'CAP_SETUID'] });
    });

    test('given no props, when synthesized, then the data lives in the named volume <prefix>-<id>-data and no port is published', () => {
      const { db, c } = synthPostgres();

      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-db-data', target: POSTGRES_DATA_PATH, read_only: false }]);
      expect(db.dataVolume.volumeName).toBe('test-db-data');
      expect(c.ports).toBeUndefined();
    });

    test('given the defaults, when the stack is validated, then no rule complains', () => {
      const stack = newStack();
      new Postgres(stack, 'db');

      expect(validationMessages(stack)).toEqual([]);
    });
  });

  describe('identity', () => {
    test('given a Postgres and a plain Service, when checked, then only the Postgres is branded as one', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const other = new Service(stack, 'other', { image: ContainerImage.fromRegistry('example/app:1.0.0'), healthCheck: HealthCheck.command(['true']) });

      expect(Postgres.isPostgres(db)).toBe(true);
      expect(Postgres.isPostgres(other)).toBe(false);
      expect(Postgres.isPostgres({})).toBe(false);
    });
  });

  describe('database, user and password', () => {
    test('given a database, a user and a password variable, when synthesized, then the server, the health check and no generated secret use them', () => {
      const { json, c } = synthPostgres({ database: 'shop', user: 'shop_owner', password: Secret.fromVariable('db_password') });

      expect(envOf(c)).toMatchObject({ POSTGRES_DB: 'shop', POSTGRES_USER: 'shop_owner', POSTGRES_PASSWORD: '${var.db_password}' });
      expect((c.healthcheck as { test: string[] }).test).toEqual(['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'shop_owner', '-d', 'shop']);
      expect(randomPasswords(json)).toEqual([]);
      expect(json.variable?.db_password).toMatchObject({ sensitive: true });
    });

    test.each(['a', '_x', 'shop_2', 'a'.repeat(63)])('given the identifier %p, when constructed, then it is accepted as database and user', (name) => {
      expect(build({ database: name, user: name })).not.toThrow();
    });

    test.each(['My-DB', '1st', 'shop-db', 'a b', '', 'a'.repeat(64)])('fails when the database is %p', (database) => {
      const error = errorOf(build({ database }));
      expect(error.problems[0]).toMatchObject({ path: 'test/db', field: 'database', value: database, message: 'not a plain Postgres identifier' });
      expect(error.message).toContain(`test/db: database = ${JSON.stringify(database)}: not a plain Postgres identifier. Fix: use lowercase letters, digits and "_"`);
    });

    test('fails when the user is not a plain identifier', () => {
      expect(errorOf(build({ user: 'Admin' })).problems[0]).toMatchObject({ path: 'test/db', field: 'user', value: 'Admin' });
    });

    test('fails when the password is a plain string instead of a Secret', () => {
      const error = errorOf(build({ password: 'mnemopass' }));
      expect(error.problems[0]).toMatchObject({ path: 'test/db', field: 'password', message: 'not a Secret' });
    });

    test('given a password variable, when a consumer uses connectionUrl, then it gets user, password, service name, port 5432 and database', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db', { database: 'shop', user: 'shop', password: Secret.fromVariable('db_password') });
      new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/app:1.0.0'), healthCheck: HealthCheck.command(['true']), secrets: { DATABASE_URL: db.connectionUrl } });

      const url = envOf(container(synth(stack), 'test-api')).DATABASE_URL;
      expect(url).toMatch(/^postgresql:\/\/shop:\$\{.*var\.db_password.*\}@db:5432\/shop$/);
    });
  });

  describe('data checksums', () => {
    test('given dataChecksums: false, when synthesized, then initdb gets no --data-checksums', () => {
      const { c } = synthPostgres({ dataChecksums: false });

      expect(envOf(c).POSTGRES_INITDB_ARGS).toBeUndefined();
    });
  });

  describe('settings', () => {
    test('given every setting, when synthesized, then each is a -c flag in Postgres units (MB when whole, else kB)', () => {
      const { c } = synthPostgres({
        settings: {
          sharedBuffers: Size.mebibytes(256),
          workMem: Size.kibibytes(4096),
          effectiveCacheSize: Size.gibibytes(2),
          maintenanceWorkMem: Size.kibibytes(1536),
          maxConnections: 50,
          maxParallelWorkersPerGather: 0,
        },
      });

      expect(c.command).toEqual([
        'postgres',
        '-c', 'shared_buffers=256MB',
        '-c', 'work_mem=4MB',
        '-c', 'effective_cache_size=2048MB',
        '-c', 'maintenance_work_mem=1536kB',
        '-c', 'max_connections=50',
        '-c', 'max_parallel_workers_per_gather=0',
      ]);
    });

    test.each([5, 10000])('given maxConnections %d (a bound), when synthesized, then it is passed', (maxConnections) => {
      expect(synthPostgres({ settings: { maxConnections } }).c.command).toEqual(['postgres', '-c', `max_connections=${maxConnections}`]);
    });

    test.each([4, 10001, 50.5])('fails when maxConnections is %p', (maxConnections) => {
      expect(errorOf(build({ settings: { maxConnections } })).problems[0]).toMatchObject({ path: 'test/db', field: 'settings.maxConnections', value: maxConnections });
    });

    test.each([0, 64])('given maxParallelWorkersPerGather %d (a bound), when synthesized, then it is passed', (maxParallelWorkersPerGather) => {
      expect(synthPostgres({ settings: { maxParallelWorkersPerGather } }).c.command).toEqual(['postgres', '-c', `max_parallel_workers_per_gather=${maxParallelWorkersPerGather}`]);
    });

    test.each([-1, 65])('fails when maxParallelWorkersPerGather is %p', (maxParallelWorkersPerGather) => {
      expect(errorOf(build({ settings: { maxParallelWorkersPerGather } })).problems[0]).toMatchObject({ path: 'test/db', field: 'settings.maxParallelWorkersPerGather' });
    });

    test.each([
      ['not whole kB', Size.bytes(1000)],
      ['zero', Size.bytes(0)],
    ])('fails when a memory setting is %s', (_what, workMem) => {
      const error = errorOf(build({ settings: { workMem } }));
      expect(error.message).toContain(`test/db: settings.workMem = ${workMem}: Postgres memory settings are whole kB`);
    });

    test('fails when a memory setting is a plain number', () => {
      expect(errorOf(build({ settings: { sharedBuffers: 256 } })).problems[0]).toMatchObject({ field: 'settings.sharedBuffers', message: 'not a Size' });
    });

    test('fails when a setting is unknown', () => {
      expect(errorOf(build({ settings: { sharedBufers: Size.mebibytes(256) } })).problems[0]).toMatchObject({ path: 'test/db', field: 'settings', fix: expect.stringContaining('remove sharedBufers') });
    });
  });

  describe('mounts and ports', () => {
    test('given initScriptsDirectory, when synthesized, then it is mounted read-only where the entrypoint runs it once', () => {
      const { c } = synthPostgres({ initScriptsDirectory: '/srv/db/init' });

      expect(c.mounts).toContainEqual({ type: 'bind', source: '/srv/db/init', target: '/docker-entrypoint-initdb.d', read_only: true });
    });

    test('fails when initScriptsDirectory is relative', () => {
      expect(errorOf(build({ initScriptsDirectory: 'init' })).problems[0]).toMatchObject({ path: 'test/db', field: 'initScriptsDirectory', value: 'init', message: 'not an absolute path' });
    });

    test('given a dataVolume, when synthesized, then it is mounted at the data path instead of a new one', () => {
      const stack = newStack();
      const kept = new NamedVolume(stack, 'kept', { volumeName: 'pg-data-kept' });
      const db = new Postgres(stack, 'db', { dataVolume: kept });
      const c = container(synth(stack), 'test-db');

      expect(c.mounts).toEqual([{ type: 'volume', source: 'pg-data-kept', target: POSTGRES_DATA_PATH, read_only: false }]);
      expect(db.dataVolume).toBe(kept);
      expect(db.node.tryFindChild('data')).toBeUndefined();
    });

    test('fails when dataVolume is not a NamedVolume', () => {
      expect(errorOf(build({ dataVolume: 'pg-data' })).problems[0]).toMatchObject({ path: 'test/db', field: 'dataVolume', message: 'not a NamedVolume' });
    });

    test('given a hostPort, when synthesized, then 5432 is published on 127.0.0.1 only', () => {
      const { c } = synthPostgres({ hostPort: Port.tcp(15432) });

      expect(c.ports).toEqual([{ internal: 5432, external: 15432, ip: '127.0.0.1', protocol: 'tcp' }]);
    });

    test('fails when hostPort is a bare number', () => {
      expect(errorOf(build({ hostPort: 5432 })).problems[0]).toMatchObject({ path: 'test/db', field: 'hostPort', message: 'not a Port' });
    });
  });

  describe('overrides', () => {
    test('given Service props, when synthesized, then they override the kind defaults and extra environment is kept', () => {
      const { c } = synthPostgres({ memoryLimit: Size.gibibytes(2), shmSize: Size.mebibytes(512), environment: { TZ: 'UTC' } });

      expect(c).toMatchObject({ memory: 2048, shm_size: 512 });
      expect(envOf(c)).toMatchObject({ TZ: 'UTC', POSTGRES_DB: 'app' });
    });

    test('fails when a prop is unknown, and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new Postgres(stack, 'db', { version: 17 } as unknown as PostgresProps));

      expect(error.problems[0]).toMatchObject({ path: 'test/db', field: '(props)', fix: expect.stringContaining('remove version') });
      expect(stack.node.tryFindChild('db')).toBeUndefined();
    });

    test('fails when several props are wrong, naming each field at once', () => {
      const error = errorOf(build({ database: 'My-DB', user: 'Admin', hostPort: 5432 }));

      expect(error.problems.map((p) => p.field).sort()).toEqual(['database', 'hostPort', 'user']);
    });
  });
});
