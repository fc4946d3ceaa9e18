import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, DockerStack, GeneratedSecret, HealthCheck, NamedVolume, Port, Secret, Service, Size, StackNetwork } from '../../constructs';
import { Postgres, POSTGRES_DATA_PATH, POSTGRES_DEFAULT_IMAGE, PostgresProps } from '../../constructs/postgres';
import { container, newStack, synth, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';
import { POSTGRES_PASSWORD_SYNC_PATH, POSTGRES_PASSWORD_SYNC_SCRIPT } from '../../constructs/private/postgres-password-sync';
import { resourceNamed, resourcesOf, swarmStack } from '../support/swarm';

/** A Postgres `db` in a fresh stack `test`, synthesized with validations on. */
function synthPostgres(props: PostgresProps = {}) {
  const stack = newStack();
  const db = new Postgres(stack, 'db', props);
  const json = synth(stack);
  return { db, json, c: container(json, 'test-db') };
}

const build = (props: Record<string, unknown>) => () => new Postgres(newStack(), 'db', props);

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

      expect(c.healthcheck).toEqual({ test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'app', '-d', 'app'], interval: '5s', timeout: '5s', retries: 10, start_period: '20s', start_interval: '1s' });
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
      expect(errorOf(build({ user: 'Admin' })).problems[0]).toMatchObject({
        path: 'test/db',
        field: 'user',
        value: 'Admin',
        message: 'not a plain Postgres identifier',
        fix: 'use lowercase letters, digits and "_"',
      });
    });

    test('fails when the password is a plain string instead of a Secret', () => {
      const error = errorOf(build({ password: 'mnemopass' }));
      expect(error.problems[0]).toMatchObject({ path: 'test/db', field: 'password', message: 'not a Secret', fix: 'use Secret.fromVariable(name) or leave it out to generate one' });
    });

    test('given a password variable, when a consumer uses connectionUrl, then it gets user, password, service name, port 5432 and database', () => {
      const stack = newStack();
      const networks = [{ network: new StackNetwork(stack, 'net') }];
      const db = new Postgres(stack, 'db', { database: 'shop', user: 'shop', password: Secret.fromVariable('db_password'), networks });
      new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/app:1.0.0'), healthCheck: HealthCheck.command(['true']), secrets: { DATABASE_URL: db.connectionUrl }, networks });

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
      expect(error.message).toContain(`test/db: settings.workMem = ${workMem}: Postgres memory settings are whole kB. Fix: use Size.mebibytes(n) or Size.kibibytes(n)`);
    });

    test('fails when a memory setting is a plain number', () => {
      expect(errorOf(build({ settings: { sharedBuffers: 256 } })).problems[0]).toMatchObject({ field: 'settings.sharedBuffers', message: 'not a Size', fix: 'use Size.mebibytes(n)' });
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
      expect(errorOf(build({ dataVolume: 'pg-data' })).problems[0]).toMatchObject({ path: 'test/db', field: 'dataVolume', message: 'not a NamedVolume', fix: 'create it with new NamedVolume(...)' });
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

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.httpGet('/health', { port: Port.tcp(8000) });

/**
 * The `${random_password.<address>.result}` reference of the one password at `path` (below the
 * stack): cdktf names it after the path, `Resource` left out, with a hash suffix.
 */
function passwordReference(json: ReturnType<typeof synth>, path: string): string {
  const addresses = Object.keys(json.resource.random_password ?? {}).filter((address) => new RegExp(`^${path.replace(/\//g, '_')}_[0-9A-F]{8}$`).test(address));
  expect(addresses).toHaveLength(1);
  return `\${random_password.${addresses[0]}.result}`;
}

function env(json: ReturnType<typeof synth>, name: string, key: string): string | undefined {
  return (container(json, name).env as string[]).find((e) => e.startsWith(`${key}=`))?.slice(key.length + 1);
}

describe('Postgres password', () => {
  test('given no password, then a generated one is a child of the Postgres (test/db/password)', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db');
    const json = synth(stack);
    expect(db.node.tryFindChild('password')).toBeDefined();
    expect(db.password.owner?.node.path).toBe('test/db/password');
    expect(env(json, 'test-db', 'POSTGRES_PASSWORD')).toBe(passwordReference(json, 'db/password'));
  });

  test('given two Postgres with the id "db" in two scopes of one stack, then each has its own password', () => {
    const stack = newStack();
    new Postgres(new Construct(stack, 'shop'), 'db', { containerName: 'test-shop-db' });
    new Postgres(new Construct(stack, 'billing'), 'db', { containerName: 'test-billing-db' });

    const json = synth(stack);
    expect(Object.keys(json.resource.random_password)).toHaveLength(2);
    const shop = env(json, 'test-shop-db', 'POSTGRES_PASSWORD');
    const billing = env(json, 'test-billing-db', 'POSTGRES_PASSWORD');
    expect(shop).toBe(passwordReference(json, 'shop/db/password'));
    expect(billing).toBe(passwordReference(json, 'billing/db/password'));
    expect(shop).not.toBe(billing);
  });

  test.each(['db_main', 'Main_DB'])('given the id %p (valid for a Postgres), then it synthesizes with a generated password', (id) => {
    const stack = newStack();
    const networks = [{ network: new StackNetwork(stack, 'net') }];
    const db = new Postgres(stack, id, { networks });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl }, networks });

    const json = synth(stack);
    const serviceName = id.toLowerCase();
    expect(env(json, `test-${serviceName}`, 'POSTGRES_PASSWORD')).toBe(passwordReference(json, `${id}/password`));
    expect(env(json, 'test-api', 'DATABASE_URL')).toContain(`@${serviceName}:5432/app`);
  });

  test('given a generated password, then a moved block carries over a password deployed at the old stack-level address', () => {
    const stack = newStack();
    new Postgres(stack, 'DB');
    const json = synth(stack) as ReturnType<typeof synth> & { moved?: { from: string; to: string }[] };
    expect(json.moved).toEqual([{ from: 'random_password.secret-db-password', to: passwordReference(json, 'DB/password').slice(2, -'.result}'.length) }]);
  });

  test('given two Postgres that used to share the old address, or an id the old scheme refused, then no two moves claim one address', () => {
    const stack = newStack();
    new Postgres(new Construct(stack, 'shop'), 'db', { containerName: 'test-shop-db' });
    new Postgres(new Construct(stack, 'billing'), 'db', { containerName: 'test-billing-db' });
    new Postgres(stack, 'db_main');
    const json = synth(stack) as ReturnType<typeof synth> & { moved?: { from: string; to: string }[] };
    expect(json.moved).toEqual([{ from: 'random_password.secret-db-password', to: passwordReference(json, 'shop/db/password').slice(2, -'.result}'.length) }]);
  });

  test('given a password, then no password is generated', () => {
    const stack = newStack();
    new Postgres(stack, 'db', { password: Secret.fromVariable('shop_db_password') });
    const json = synth(stack);
    expect(json.resource.random_password).toBeUndefined();
    expect(env(json, 'test-db', 'POSTGRES_PASSWORD')).toBe('${var.shop_db_password}');
  });

  test.each([
    ['secrets', { secrets: { POSTGRES_PASSWORD: Secret.fromVariable('other_password') } }],
    ['environment', { environment: { POSTGRES_PASSWORD: 'a-plain-password' } }],
  ])('fails when POSTGRES_PASSWORD is given in %s instead of password', (field, props) => {
    const stack = newStack();
    const error = errorOf(() => new Postgres(stack, 'db', props));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'test/db', field: `${field}.POSTGRES_PASSWORD`, fix: expect.stringContaining('password: Secret.fromVariable') })]);
    expect(stack.node.tryFindChild('db')).toBeUndefined();
  });

  test('given POSTGRES_PASSWORD in secrets and in environment, then both are named, the secret shown and the plain value hidden', () => {
    const other = Secret.fromVariable('other_password');
    const error = errorOf(() => new Postgres(newStack(), 'db', { secrets: { POSTGRES_PASSWORD: other }, environment: { POSTGRES_PASSWORD: 'a-plain-password' } }));
    const rest = { ruleId: 'props', path: 'test/db', message: 'Postgres sets POSTGRES_PASSWORD from its password prop', fix: 'give password: Secret.fromVariable(name) (or leave it out to generate one) instead' };
    expect(error.problems).toEqual([
      { ...rest, field: 'secrets.POSTGRES_PASSWORD', value: other },
      { ...rest, field: 'environment.POSTGRES_PASSWORD', value: '(value hidden)' },
    ]);
  });

  test.each([
    ['a longer id', 'main', 'random_password.secret-main-password'],
    ['an id with "-password" followed by a character the old scheme refused', 'a-password_x', undefined],
    ['an id with "_" before a part that reads as an old address', 'a_secret-b', undefined],
  ])('given %s, then a move from the old address is written only when the old scheme had one', (_what, id, from) => {
    const stack = newStack();
    new Postgres(stack, id);
    const json = synth(stack) as ReturnType<typeof synth> & { moved?: { from: string; to: string }[] };
    expect(json.moved?.map((m) => m.from)).toEqual(from === undefined ? undefined : [from]);
  });
});

describe('Postgres.connectionUrl', () => {
  test('given a variable password, then Terraform percent-encodes it (urlencode, with "+" for a space turned into %20)', () => {
    const stack = newStack();
    const networks = [{ network: new StackNetwork(stack, 'net') }];
    const db = new Postgres(stack, 'db', { password: Secret.fromVariable('shop_db_password'), networks });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl }, networks });
    expect(env(synth(stack), 'test-api', 'DATABASE_URL')).toBe('postgresql://app:${replace(urlencode(var.shop_db_password), "+", "%20")}@db:5432/app');
  });

  test('given a generated password, then its reference is encoded the same way', () => {
    const stack = newStack();
    const networks = [{ network: new StackNetwork(stack, 'net') }];
    const db = new Postgres(stack, 'db', { networks });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl }, networks });
    const json = synth(stack);
    const reference = passwordReference(json, 'db/password').slice(2, -1);
    expect(env(json, 'test-api', 'DATABASE_URL')).toBe(`postgresql://app:\${replace(urlencode(${reference}), "+", "%20")}@db:5432/app`);
  });

  test('given a literal password with URL delimiters, then it is percent-encoded as Terraform would (every byte but A-Z a-z 0-9 - . _ ~)', () => {
    const stack = newStack();
    const networks = [{ network: new StackNetwork(stack, 'net') }];
    const db = new Postgres(stack, 'db', { user: 'shop_user', database: 'shop', password: Secret.fromLiteral("p@ss/w:rd%#? +!*'()~é"), networks });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl }, networks });
    const expected = 'postgresql://shop_user:p%40ss%2Fw%3Ard%25%23%3F%20%2B%21%2A%27%28%29~%C3%A9@db:5432/shop';
    expect(env(synth(stack), 'test-api', 'DATABASE_URL')).toBe(expected);
    expect(db.connectionUrl.knownValue()).toBe(expected);
    expect(decodeURIComponent(new URL(expected).password)).toBe("p@ss/w:rd%#? +!*'()~é");
  });

  test('given a database in another stack with a generated password, when a service uses its connectionUrl, then it fails at once naming the consumer, field, secret and fix', () => {
    const app = Testing.app();
    const shop = new DockerStack(app, 'shop');
    const shopDb = new Postgres(shop, 'db');
    const reports = new DockerStack(app, 'reports');

    const error = errorOf(() => new Service(reports, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: shopDb.connectionUrl } }));
    expect(error.problems).toEqual([
      {
        ruleId: 'props',
        path: 'reports/api',
        field: 'secrets.DATABASE_URL',
        value: 'connection URL of shop/db (from shop/db/password)',
        message: expect.stringContaining('generated in stack shop'),
        fix: expect.stringMatching(/same Secret\.fromVariable\(name\).*one stack/),
      },
    ]);
    expect(reports.node.tryFindChild('api')).toBeUndefined();
    expect(JSON.parse(Testing.synth(reports)).resource?.random_password).toBeUndefined();
  });

  test('given a database in another stack, when a service adds its connectionUrl later, then it fails at once', () => {
    const app = Testing.app();
    const shopDb = new Postgres(new DockerStack(app, 'shop'), 'db');
    const api = new Service(new DockerStack(app, 'reports'), 'api', { image, healthCheck: health });
    expect(errorOf(() => api.addSecret('DATABASE_URL', shopDb.connectionUrl)).problems[0]).toMatchObject({ path: 'reports/api', field: 'secrets.DATABASE_URL' });
  });

  test('fails when the password is a secret generated in another stack, leaving nothing in the tree', () => {
    const app = Testing.app();
    const shop = new DockerStack(app, 'shop');
    const shared = new GeneratedSecret(shop, 'shared-password');
    const reports = new DockerStack(app, 'reports');
    const error = errorOf(() => new Postgres(reports, 'db', { password: shared.secret }));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'reports/db', field: 'password', value: 'shop/shared-password' })]);
    expect(reports.node.tryFindChild('db')).toBeUndefined();
  });

  test('given a database in another stack with a variable password, then the URL carries the same variable, declared in the consumer stack', () => {
    const app = Testing.app();
    const shopDb = new Postgres(new DockerStack(app, 'shop'), 'db', { password: Secret.fromVariable('shop_db_password') });
    const reports = new DockerStack(app, 'reports');
    new Service(reports, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: shopDb.connectionUrl } });
    const json = synth(reports);
    expect(env(json, 'reports-api', 'DATABASE_URL')).toBe('postgresql://app:${replace(urlencode(var.shop_db_password), "+", "%20")}@db:5432/app');
    expect(Object.keys(json.variable ?? {})).toEqual(['shop_db_password']);
    expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
  });
});

describe('Postgres password rotation on Swarm', () => {
  type Json = Record<string, unknown>;
  const containerSpec = (json: SynthesizedStack) => (resourceNamed(json, 'docker_service', 'test-db').task_spec as Json).container_spec as Json;

  test('given a Swarm target, then the task runs the password-sync script (a 0555 docker_config) before the image\'s entrypoint, with the command kept', () => {
    const stack = swarmStack();
    new Postgres(stack, 'db', { password: Secret.fromVariable('db_password'), placement: { node: 'db' } });
    const json = synth(stack);
    const spec = containerSpec(json);

    expect(spec.command).toEqual([POSTGRES_PASSWORD_SYNC_PATH]);
    expect(spec.args).toEqual(['postgres']);
    expect(spec.configs).toEqual([expect.objectContaining({ file_name: POSTGRES_PASSWORD_SYNC_PATH, file_mode: 0o555, file_uid: '0' })]);
    expect(resourcesOf(json, 'docker_config').map((c) => Buffer.from(String(c.data), 'base64').toString())).toEqual([POSTGRES_PASSWORD_SYNC_SCRIPT]);
  });

  test('the script sets the role\'s password in single-user mode only on an existing cluster, from the secret file, then hands over to the image\'s entrypoint', () => {
    expect(POSTGRES_PASSWORD_SYNC_SCRIPT).toMatch(/^#!\/bin\/sh\n/);
    expect(POSTGRES_PASSWORD_SYNC_SCRIPT).toContain('if [ -s "$data/PG_VERSION" ] && [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then');
    expect(POSTGRES_PASSWORD_SYNC_SCRIPT).toContain('postgres --single -j -D "$data" -c log_min_error_statement=panic postgres');
    expect(POSTGRES_PASSWORD_SYNC_SCRIPT).toContain('ALTER ROLE "%s" WITH PASSWORD $cds_password$%s$cds_password$;');
    expect(POSTGRES_PASSWORD_SYNC_SCRIPT.trimEnd().split('\n').pop()).toBe('exec docker-entrypoint.sh "$@"');
  });

  test('given a rotated password, then the secret and the service spec change (a new task), the script stays the same config', () => {
    const render = (variable: string) => {
      const stack = swarmStack();
      new Postgres(stack, 'db', { password: Secret.fromVariable(variable), placement: { node: 'db' } });
      const json = synth(stack);
      return { secret: resourcesOf(json, 'docker_secret')[0].name, config: resourcesOf(json, 'docker_config')[0].name };
    };
    const [before, after] = [render('db_password'), render('db_password_2')];

    expect(after.secret).not.toBe(before.secret);
    expect(after.config).toBe(before.config);
  });

  test('given an entrypoint of the user\'s own, then it is kept and no script is added', () => {
    const stack = swarmStack();
    new Postgres(stack, 'db', { entrypoint: ['/custom-entrypoint.sh'], placement: { node: 'db' } });
    const json = synth(stack);

    expect(containerSpec(json).command).toEqual(['/custom-entrypoint.sh']);
    expect(resourcesOf(json, 'docker_config')).toEqual([]);
  });

  test('given a single engine, then the image\'s entrypoint runs as it is (the engine does not apply a changed password)', () => {
    const { c } = synthPostgres();

    expect(c.entrypoint).toBeUndefined();
    expect(c.upload).toBeUndefined();
  });
});

describe('Postgres init scripts on Swarm', () => {
  type Json = Record<string, unknown>;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-pg-init-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('given initScriptsDirectory on a Swarm target, then its files are uploaded as docker_config into the init directory (.sh executable), not bind-mounted', () => {
    fs.writeFileSync(path.join(dir, '02-seed.sh'), '#!/bin/sh\necho seed\n');
    fs.writeFileSync(path.join(dir, '01-schema.sql'), 'CREATE TABLE t (id int);\n');
    fs.mkdirSync(path.join(dir, 'nested'));
    const stack = swarmStack();
    new Postgres(stack, 'db', { initScriptsDirectory: dir, placement: { node: 'db' } });
    const json = synth(stack);
    const spec = (resourceNamed(json, 'docker_service', 'test-db').task_spec as Json).container_spec as Json;
    const configs = (spec.configs as Json[]).map((c) => [c.file_name, c.file_mode]);

    expect(configs).toEqual([
      ['/docker-entrypoint-initdb.d/01-schema.sql', 0o444],
      ['/docker-entrypoint-initdb.d/02-seed.sh', 0o555],
      [POSTGRES_PASSWORD_SYNC_PATH, 0o555],
    ]);
    expect(resourcesOf(json, 'docker_config').map((c) => Buffer.from(String(c.data), 'base64').toString())).toEqual(
      expect.arrayContaining(['CREATE TABLE t (id int);\n', '#!/bin/sh\necho seed\n']),
    );
    expect(JSON.stringify(spec.mounts ?? [])).not.toContain(dir);
  });

  test('given initScriptsDirectory and an entrypoint of its own on a Swarm target, then the scripts are uploaded without the password sync', () => {
    fs.writeFileSync(path.join(dir, '01-schema.sql'), 'CREATE TABLE t (id int);\n');
    const stack = swarmStack();
    new Postgres(stack, 'db', { initScriptsDirectory: dir, entrypoint: ['docker-entrypoint.sh'], placement: { node: 'db' } });
    const spec = (resourceNamed(synth(stack), 'docker_service', 'test-db').task_spec as Json).container_spec as Json;

    expect((spec.configs as Json[]).map((c) => c.file_name)).toEqual(['/docker-entrypoint-initdb.d/01-schema.sql']);
  });

  test('fails when initScriptsDirectory does not exist on a Swarm target, naming the field and the directory', () => {
    const missing = path.join(dir, 'absent');
    expect(errorOf(() => new Postgres(swarmStack(), 'db', { initScriptsDirectory: missing, placement: { node: 'db' } })).problems).toEqual([
      expect.objectContaining({ path: 'test/db', field: 'initScriptsDirectory', value: missing, message: expect.stringMatching(/^cannot be read \(ENOENT\)/) }),
    ]);
  });
});
