import { ContainerImage, HealthCheck, NginxProxy, Port, Postgres, Redis, Secret, Service, StackNetwork, StackNetworks } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack, validationMessages } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);
const password = Secret.fromVariable('db_password');
const RULE = 'CDS-NO-SHARED-NETWORK';

describe('CDS-NO-SHARED-NETWORK', () => {
  test('compliant: the api shares the backend with the database it depends on and addresses', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    const db = new Postgres(stack, 'db', { password, networks: [{ network: nets.backend }] });
    const cache = new Redis(stack, 'cache', { networks: [{ network: nets.backend }] });
    new Service(stack, 'api', {
      image,
      healthCheck: health,
      networks: [{ network: nets.frontend }, { network: nets.backend }],
      environment: { REDIS_URL: cache.url, POSTGRES_HOST: db.hostname },
      secrets: { DATABASE_URL: db.connectionUrl },
      dependsOn: [db, cache],
    });
    expect(findings(stack, RULE)).toEqual([]);
  });

  test('non-compliant: dependsOn a database on another network', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    const db = new Postgres(stack, 'db', { password, networks: [{ network: nets.backend }] });
    new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: nets.frontend }], dependsOn: [db] });
    expect(findings(stack, RULE)).toEqual([
      '[CDS-NO-SHARED-NETWORK] test/api: dependsOn = "test/db": depends on test/db, but they share no network (api: test-frontend; db: test-backend), so "db" does not resolve. ' +
        'Fix: also connect api to a network db joins (test-backend)',
    ]);
  });

  test('non-compliant: a connectionUrl secret addressing a database on another network, reported once with dependsOn', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    const db = new Postgres(stack, 'db', { networks: [{ network: nets.backend }] });
    new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: nets.frontend }], secrets: { DATABASE_URL: db.connectionUrl }, dependsOn: [db] });
    const messages = findings(stack, RULE);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^\[CDS-NO-SHARED-NETWORK\] test\/api: secrets\.DATABASE_URL = "connection URL of test\/db .*\(value hidden\)": addresses test\/db, but they share no network/);
  });

  test.each<[string, Record<string, string>]>([
    ['a URL', { CACHE: 'redis://cache:6379/0' }],
    ['a URL with credentials', { CACHE: 'redis://user:pw@cache:6379/0' }],
    ['host:port', { CACHE_ADDR: 'cache:6379' }],
    ['a *_HOST variable holding the name', { REDIS_HOST: 'cache' }],
    ['a HOST variable holding the name', { HOST: 'cache' }],
    ['a *_HOSTNAME variable holding the name with spaces around it', { REDIS_HOSTNAME: ' cache ' }],
    ['a network alias', { CACHE: 'redis://kv:6379' }],
    ['a network alias with a dot', { CACHE: 'redis://kv.internal:6379' }],
    ['a URL, in capitals', { CACHE: 'redis://CACHE:6379/0' }],
    ['host:port, in capitals', { CACHE_ADDR: 'Cache:6379' }],
  ])('non-compliant: an environment value addressing another service by %s, without dependsOn', (_what, environment) => {
    const stack = newStack();
    const a = new StackNetwork(stack, 'a');
    const b = new StackNetwork(stack, 'b');
    new Redis(stack, 'cache', { networks: [{ network: b, aliases: ['kv', 'kv.internal'] }] });
    new Service(stack, 'worker', { image, healthCheck: health, networks: [{ network: a }], environment });
    const [key, value] = Object.entries(environment)[0];
    expect(findings(stack, RULE)).toEqual([expect.stringContaining(`test/worker: environment.${key} = "${value}": addresses test/cache, but they share no network`)]);
  });

  test.each<[string, Record<string, string>]>([
    ['another host whose name starts with the service name', { CACHE: 'redis://cache.example.com:6379' }],
    ['the name as a plain word', { MODE: 'cache' }],
    ['the name in a path', { URL: 'http://example.com/cache:1' }],
    ['the name in a variable that is not a *_HOST', { HOST_LABEL: 'cache' }],
    ['a name that matches an alias only if its dot matched anything', { CACHE: 'redis://kvxinternal:6379' }],
  ])('compliant: %s is not an address of the service', (_what, environment) => {
    const stack = newStack();
    new Redis(stack, 'cache', { networks: [{ network: new StackNetwork(stack, 'b'), aliases: ['kv.internal'] }] });
    new Service(stack, 'worker', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'a') }], environment });
    expect(findings(stack, RULE)).toEqual([]);
  });

  test('non-compliant: a literal secret addressing another service, with both sides\' networks listed', () => {
    const stack = newStack();
    new Redis(stack, 'cache', { networks: [{ network: new StackNetwork(stack, 'b') }] });
    new Service(stack, 'worker', {
      image,
      healthCheck: health,
      networks: [{ network: new StackNetwork(stack, 'a') }, { network: new StackNetwork(stack, 'c') }],
      secrets: { CACHE_URL: Secret.fromLiteral('redis://cache:6379/0') },
    });
    expect(findings(stack, RULE)).toEqual([
      '[CDS-NO-SHARED-NETWORK] test/worker: secrets.CACHE_URL = "a literal value (value hidden)": addresses test/cache, but they share no network (worker: test-a, test-c; cache: test-b), so "cache" does not resolve. ' +
        'Fix: also connect worker to a network cache joins (test-b)',
    ]);
  });

  test('compliant: a literal secret that addresses no other service', () => {
    const stack = newStack();
    new Redis(stack, 'cache', { networks: [{ network: new StackNetwork(stack, 'b') }] });
    new Service(stack, 'worker', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'a') }], secrets: { TOKEN: Secret.fromLiteral('a-long-random-token-value-1234567890') } });
    expect(findings(stack, RULE)).toEqual([]);
  });

  test('non-compliant: a secret derived from the target\'s password and another secret addresses the target', () => {
    const stack = newStack();
    new Postgres(stack, 'db', { password, networks: [{ network: new StackNetwork(stack, 'b') }] });
    const dsn = Secret.derived('dsn', [password, Secret.fromVariable('dsn_options')], ([pw, options]) => `pw=${pw} ${options}`);
    new Service(stack, 'worker', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'a') }], secrets: { DSN: dsn } });
    expect(findings(stack, RULE)).toEqual([expect.stringContaining('test/worker: secrets.DSN = "dsn (from variable db_password (TF_VAR_db_password), variable dsn_options (TF_VAR_dsn_options)) (value hidden)": addresses test/db, but')]);
  });

  test('non-compliant: addressing a service when neither joins a network (the default bridge resolves no names)', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl } });
    expect(findings(stack, RULE)).toEqual([
      expect.stringContaining("addresses test/db, but api joins no network, and on Docker's default bridge service names do not resolve. Fix: connect both to a common network"),
    ]);
  });

  test('non-compliant: addressing a service that joins no network, from one that does', () => {
    const stack = newStack();
    const cache = new Redis(stack, 'cache');
    new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'net') }], environment: { REDIS_URL: cache.url } });
    expect(findings(stack, RULE)).toEqual([expect.stringContaining('cache joins no network, so its name resolves nowhere. Fix: also connect cache to a network api joins (test-net)')]);
  });

  test('non-compliant: addressing a service that uses the host network', () => {
    const stack = newStack();
    new Service(stack, 'agent', { image, healthCheck: health, hostAccess: { reason: 'reads the host network interfaces', hostNetwork: true } });
    new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'net') }], environment: { AGENT_URL: 'http://agent:9100/metrics' } });
    expect(findings(stack, RULE)).toEqual([
      '[CDS-NO-SHARED-NETWORK] test/api: environment.AGENT_URL = "http://agent:9100/metrics": addresses test/agent, but agent uses the host network and joins no network, so its name resolves nowhere. ' +
        'Fix: reach agent through a port it publishes on 127.0.0.1, or drop hostNetwork and connect both to a common network',
    ]);
  });

  test('non-compliant: addressing a service by name from the host network', () => {
    const stack = newStack();
    const net = new StackNetwork(stack, 'net');
    const cache = new Redis(stack, 'cache', { networks: [{ network: net }] });
    new Service(stack, 'agent', {
      image,
      healthCheck: health,
      hostAccess: { reason: 'reads the host network interfaces', hostNetwork: true },
      environment: { REDIS_URL: cache.url },
    });
    expect(findings(stack, RULE)).toEqual([expect.stringContaining('agent uses the host network, where service names do not resolve. Fix: reach cache through a port it publishes on 127.0.0.1')]);
  });

  test.each<[string, (stack: ReturnType<typeof newStack>) => void]>([
    [
      'dependsOn when neither joins a network (ordering only)',
      (stack) => new Service(stack, 'api', { image, healthCheck: health, dependsOn: [new Service(stack, 'db', { image, healthCheck: health })] }),
    ],
    [
      'dependsOn when only the dependency joins a network',
      (stack) => new Service(stack, 'api', { image, healthCheck: health, dependsOn: [new Service(stack, 'db', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'n') }] })] }),
    ],
    [
      'dependsOn from the host network',
      (stack) =>
        new Service(stack, 'agent', {
          image,
          healthCheck: health,
          hostAccess: { reason: 'reads the host network interfaces', hostNetwork: true },
          dependsOn: [new Service(stack, 'db', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'n') }] })],
        }),
    ],
    [
      'a service addressing itself',
      (stack) => new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'n') }], environment: { PUBLIC_URL: 'http://api:8000' } }),
    ],
  ])('compliant: %s', (_what, build) => {
    const stack = newStack();
    build(stack);
    expect(findings(stack, RULE)).toEqual([]);
  });
});

describe('CDS-NO-SHARED-NETWORK beside CDS-PROXY-UPSTREAM-UNREACHABLE', () => {
  test('non-compliant: an NginxProxy upstream on another network is reported once, by the proxy, with the route', () => {
    const stack = newStack();
    const api = new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: new StackNetwork(stack, 'back') }] });
    new NginxProxy(stack, 'proxy', { networks: [{ network: new StackNetwork(stack, 'front') }], routes: [{ path: '/', upstream: api, upstreamPort: Port.tcp(8000) }] });
    expect(validationMessages(stack)).toEqual([expect.stringMatching(/^\[CDS-PROXY-UPSTREAM-UNREACHABLE\] test\/proxy: routes = "\/"/)]);
  });
});
