// Construct props of every kind with bad values: wrong types, out of range, unknown keys, and
// combinations a kind cannot honour. Each must end in a ValidationError naming the construct.
import {
  Capability,
  ChromaDb,
  CronSchedule,
  Duration,
  HealthCheck,
  NamedVolume,
  NginxProxy,
  Ollama,
  Port,
  Postgres,
  RestartPolicy,
  PythonApi,
  QueueWorker,
  Redis,
  Scheduler,
  Secret,
  Service,
  Size,
  StackNetwork,
  UpdateOrder,
  AsgiServer,
} from '../api';
import { BadInput } from '../case';
import { Kit, wrong } from '../harness';

type Props = Record<string, unknown>;

/** A Service `api` in stack `shop` with the kit's image and health check, and `props` on top. */
function service(name: string, props: (kit: Kit) => Props, extra: Partial<BadInput> = {}): BadInput {
  return {
    name: `Service ${name}`,
    class: 'props',
    expected: 'VALIDATION_ERROR',
    at: 'shop/api',
    build: (kit) => void new Service(kit.stack(), 'api', wrong({ image: kit.image(), healthCheck: kit.check(), ...props(kit) })),
    ...extra,
  };
}

/** Any construct built in stack `shop`, expected to fail at `shop/<id>`. */
function kind(name: string, id: string, build: (kit: Kit) => void, extra: Partial<BadInput> = {}): BadInput {
  return { name, class: 'props', expected: 'VALIDATION_ERROR', at: `shop/${id}`, build, ...extra };
}

const app = { app: 'app.main:app' };

export const PROPS_CASES: readonly BadInput[] = [
  // Service
  service('without image', (kit) => ({ image: undefined, healthCheck: kit.check() })),
  service("with image 'postgres:17' (a string)", () => ({ image: 'postgres:17' })),
  service('without healthCheck', () => ({ healthCheck: undefined })),
  kind('Service with props null', 'api', (kit) => void new Service(kit.stack(), 'api', wrong(null))),
  service("with containerName 'my container'", () => ({ containerName: 'my container' })),
  service("with command 'python app.py' (a folded string)", () => ({ command: 'python app.py' })),
  service('with command []', () => ({ command: [] })),
  service("with environment { 'MY-VAR': 'x' }", () => ({ environment: { 'MY-VAR': 'x' } })),
  service('with environment { A: 42 }', () => ({ environment: { A: 42 } })),
  service('with the same key in environment and secrets', () => ({ environment: { TOKEN_TTL: '60' }, secrets: { TOKEN_TTL: Secret.fromVariable('token_ttl') } })),
  service('with ports [{ containerPort: 8080 }] (a number)', () => ({ ports: [{ containerPort: 8080 }] })),
  service("with ports hostIp 'localhost'", () => ({ ports: [{ containerPort: Port.tcp(8080), hostIp: 'localhost' }] })),
  service('with one container port published twice', () => ({ ports: [{ containerPort: Port.tcp(8080) }, { containerPort: Port.tcp(8080), hostPort: Port.tcp(9090) }] })),
  service('with ports tcp inside, udp outside', () => ({ ports: [{ containerPort: Port.tcp(53), hostPort: Port.udp(5353) }] })),
  kind("Service with volumes target 'data' (relative)", 'api', (kit) => {
    const stack = kit.stack();
    new Service(stack, 'api', { image: kit.image(), healthCheck: kit.check(), volumes: [{ volume: new NamedVolume(stack, 'data'), target: 'data' }] });
  }),
  service("with bindMounts source './certs' (relative)", () => ({ bindMounts: [{ source: './certs', target: '/certs' }] })),
  service('with two mounts at /data', () => ({ bindMounts: [{ source: '/srv/a', target: '/data' }, { source: '/srv/b', target: '/data' }] })),
  service('with memoryLimit Size.mebibytes(4) (below 6 MiB)', () => ({ memoryLimit: Size.mebibytes(4) })),
  service('with memoryLimit Size.kibibytes(1536) (not whole MiB)', () => ({ memoryLimit: Size.kibibytes(6 * 1024 + 512) })),
  service("with memoryLimit '512m' (a string)", () => ({ memoryLimit: '512m' })),
  service('with cpuLimit 2 (a number)', () => ({ cpuLimit: 2 })),
  service('with replicas 0', () => ({ replicas: 0 })),
  service('with replicas 33', () => ({ replicas: 33 })),
  service('with replicas 1.5', () => ({ replicas: 1.5 })),
  service('with replicas NaN', () => ({ replicas: NaN }), { shows: 'NaN' }),
  service('with replicas 2 and a host port', () => ({ replicas: 2, ports: [{ containerPort: Port.tcp(8080) }] })),
  service('with stopGracePeriod Duration.millis(1500)', () => ({ stopGracePeriod: Duration.millis(1500) })),
  service('with stopGracePeriod 30 (a number)', () => ({ stopGracePeriod: 30 })),
  service("with stopSignal 'SIGSTOP'", () => ({ stopSignal: 'SIGSTOP' })),
  service("with user 'Root User'", () => ({ user: 'Root User' })),
  service("with workingDir 'app' (relative)", () => ({ workingDir: 'app' })),
  service("with hostAccess { reason: 'needed' } (too short)", () => ({ hostAccess: { reason: 'needed', dockerSocket: true } })),
  service('with hostAccess { privileged: true } (no reason)', () => ({ hostAccess: { privileged: true } })),
  service("with labels { Team: 'a' }", () => ({ labels: { Team: 'a' } })),
  service("with tmpfs { tmp: Size } (relative)", () => ({ tmpfs: { tmp: Size.mebibytes(16) } })),
  service("with capabilities ['NET_ADMIN']", () => ({ capabilities: ['NET_ADMIN'] })),
  service('with capabilities [Capability.NET_RAW, 42]', () => ({ capabilities: [Capability.NET_RAW, 42] })),
  service("with healthcheck (typo of healthCheck)", (kit) => ({ healthcheck: kit.check() })),
  service("with updateOrder 'rolling'", () => ({ updateOrder: 'rolling' })),
  service('with UpdateOrder.START_FIRST and a host port', () => ({ updateOrder: UpdateOrder.START_FIRST, ports: [{ containerPort: Port.tcp(8080) }] })),
  service('with UpdateOrder.START_FIRST and HealthCheck.none()', () => ({ updateOrder: UpdateOrder.START_FIRST, healthCheck: HealthCheck.none() })),
  service("with image 'example/api:latest' (unpinned)", (kit) => ({ image: kit.image('example/api:latest') })),
  service("with image 'example/api' (no tag)", (kit) => ({ image: kit.image('example/api') })),
  service("with public 'yes'", () => ({ public: 'yes' })),
  service("with restartPolicy 'always'", () => ({ restartPolicy: 'always' })),
  service("with logging { driver: 'json-file' }", () => ({ logging: { driver: 'json-file' } })),
  service('with files [{ path: /etc/x, content: 42 }]', () => ({ files: [{ path: '/etc/x', content: 42 }] })),
  service("with networks [{ network: 'frontend' }]", () => ({ networks: [{ network: 'frontend' }] })),
  kind("Service with networks aliases ['My Alias']", 'api', (kit) => {
    const stack = kit.stack();
    new Service(stack, 'api', { image: kit.image(), healthCheck: kit.check(), networks: [{ network: kit.network(stack), aliases: ['My Alias'] }] });
  }),
  service('with dependsOn [undefined]', () => ({ dependsOn: [undefined] })),
  // Postgres
  kind("Postgres with database 'my-db'", 'db', (kit) => void new Postgres(kit.stack(), 'db', { database: 'my-db' })),
  kind("Postgres with user 'Admin'", 'db', (kit) => void new Postgres(kit.stack(), 'db', { user: 'Admin' })),
  kind('Postgres with settings.maxConnections 3', 'db', (kit) => void new Postgres(kit.stack(), 'db', { settings: { maxConnections: 3 } })),
  kind('Postgres with settings.sharedBuffers Size.bytes(1000)', 'db', (kit) => void new Postgres(kit.stack(), 'db', { settings: { sharedBuffers: Size.bytes(1000) } })),
  kind('Postgres with hostPort 5432 (a number)', 'db', (kit) => void new Postgres(kit.stack(), 'db', { hostPort: wrong(5432) })),
  kind("Postgres with password 'hunter2-but-longer' (a string)", 'db', (kit) => void new Postgres(kit.stack(), 'db', { password: wrong('hunter2-but-longer') })),
  kind("Postgres with initScriptsDirectory './init' (relative)", 'db', (kit) => void new Postgres(kit.stack(), 'db', { initScriptsDirectory: './init' })),
  kind('Postgres with environment POSTGRES_PASSWORD', 'db', (kit) => void new Postgres(kit.stack(), 'db', { environment: { POSTGRES_PASSWORD: 'a-long-enough-password-1' } })),
  kind('Postgres with port (unknown prop)', 'db', (kit) => void new Postgres(kit.stack(), 'db', wrong({ port: 5433 }))),
  kind('Postgres with memoryReservation above its default memoryLimit', 'db', (kit) => void new Postgres(kit.stack(), 'db', { memoryReservation: Size.gibibytes(2) }), { source: 'issue 7 defect 7' }),
  // Redis
  kind('Redis with maxMemory equal to memoryLimit', 'cache', (kit) => void new Redis(kit.stack(), 'cache', { maxMemory: Size.mebibytes(256), memoryLimit: Size.mebibytes(256) })),
  kind("Redis with command ['redis-server']", 'cache', (kit) => void new Redis(kit.stack(), 'cache', wrong({ command: ['redis-server'] }))),
  kind("Redis with persistence 'aof'", 'cache', (kit) => void new Redis(kit.stack(), 'cache', { persistence: wrong('aof') })),
  kind('Redis with maxMemory Size.kibibytes(512)', 'cache', (kit) => void new Redis(kit.stack(), 'cache', { maxMemory: Size.kibibytes(512) })),
  kind('Redis with maxMemory 512 MiB above its default memoryLimit', 'cache', (kit) => void new Redis(kit.stack(), 'cache', { maxMemory: Size.mebibytes(512) })),
  // QueueWorker
  kind("QueueWorker with queue 'my queue'", 'worker', (kit) => void new QueueWorker(kit.stack(), 'worker', { image: kit.image(), command: ['python3', '-m', 'app.worker'], queue: 'my queue' })),
  kind('QueueWorker without queue', 'worker', (kit) => void new QueueWorker(kit.stack(), 'worker', wrong({ image: kit.image(), command: ['python3', '-m', 'app.worker'] }))),
  kind('QueueWorker with concurrency 0', 'worker', (kit) => void new QueueWorker(kit.stack(), 'worker', { image: kit.image(), command: ['python3'], queue: 'jobs', concurrency: 0 })),
  kind('QueueWorker with concurrency 65', 'worker', (kit) => void new QueueWorker(kit.stack(), 'worker', { image: kit.image(), command: ['python3'], queue: 'jobs', concurrency: 65 })),
  kind('QueueWorker with environment QUEUE_NAME', 'worker', (kit) =>
    void new QueueWorker(kit.stack(), 'worker', { image: kit.image(), command: ['python3'], queue: 'jobs', environment: { QUEUE_NAME: 'other' } }),
  ),
  kind('QueueWorker without command', 'worker', (kit) => void new QueueWorker(kit.stack(), 'worker', wrong({ image: kit.image(), queue: 'jobs' }))),
  kind('QueueWorker with readOnlyRootFilesystem and no tmpfs for its heartbeat', 'worker', (kit) =>
    void new QueueWorker(kit.stack(), 'worker', { image: kit.image(), command: ['python3'], queue: 'jobs', readOnlyRootFilesystem: true }),
  ),
  kind('QueueWorker with redis: a plain Service', 'worker', (kit) => {
    const stack = kit.stack();
    new QueueWorker(stack, 'worker', { image: kit.image(), command: ['python3'], queue: 'jobs', redis: wrong(kit.service(stack, 'not-redis')) });
  }),
  // Scheduler
  kind("Scheduler with user 'app'", 'cron', (kit) => void new Scheduler(kit.stack(), 'cron', { user: 'app' })),
  kind('Scheduler with replicas 2', 'cron', (kit) => void new Scheduler(kit.stack(), 'cron', { replicas: 2 })),
  kind("Scheduler with job name 'Nightly_Backup'", 'cron', (kit) =>
    void new Scheduler(kit.stack(), 'cron', { jobs: [{ name: 'Nightly_Backup', schedule: CronSchedule.daily({ hour: 3 }), command: ['true'] }] }),
  ),
  kind('Scheduler with two jobs named scrape', 'cron', (kit) =>
    void new Scheduler(kit.stack(), 'cron', {
      jobs: [
        { name: 'scrape', schedule: CronSchedule.everyHours(3), command: ['true'] },
        { name: 'scrape', schedule: CronSchedule.everyHours(6), command: ['true'] },
      ],
    }),
  ),
  kind("Scheduler with job schedule '0 3 * * *' (a string)", 'cron', (kit) =>
    void new Scheduler(kit.stack(), 'cron', { jobs: [{ name: 'nightly', schedule: wrong('0 3 * * *'), command: ['true'] }] }),
  ),
  kind('Scheduler with backup retention 0', 'cron', (kit) => {
    const stack = kit.stack();
    const net = kit.network(stack);
    const db = new Postgres(stack, 'db', { networks: [{ network: net }] });
    new Scheduler(stack, 'cron', { networks: [{ network: net }], backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 0 } });
  }),
  kind('Scheduler with backup database: a plain Service', 'cron', (kit) => {
    const stack = kit.stack();
    new Scheduler(stack, 'cron', { backup: { database: wrong(kit.service(stack, 'db')), schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } });
  }),
  kind("Scheduler with command ['crond']", 'cron', (kit) => void new Scheduler(kit.stack(), 'cron', wrong({ command: ['crond'] }))),
  kind('Scheduler with backupsVolume and no backup', 'cron', (kit) => {
    const stack = kit.stack();
    new Scheduler(stack, 'cron', { backupsVolume: new NamedVolume(stack, 'backups') });
  }),
  // PythonApi
  kind("PythonApi with app 'main.py'", 'api', (kit) => void new PythonApi(kit.stack(), 'api', { image: kit.image(), app: 'main.py' })),
  kind('PythonApi without app', 'api', (kit) => void new PythonApi(kit.stack(), 'api', wrong({ image: kit.image() }))),
  kind("PythonApi with healthPath 'health'", 'api', (kit) => void new PythonApi(kit.stack(), 'api', { image: kit.image(), ...app, healthPath: 'health' })),
  kind('PythonApi with port 8000 (a number)', 'api', (kit) => void new PythonApi(kit.stack(), 'api', { image: kit.image(), ...app, port: wrong(8000) })),
  kind('PythonApi with stopGracePeriod not above gunicorn gracefulTimeout', 'api', (kit) =>
    void new PythonApi(kit.stack(), 'api', { image: kit.image(), ...app, server: AsgiServer.gunicorn({ workers: 4, gracefulTimeout: Duration.seconds(30) }), stopGracePeriod: Duration.seconds(30) }),
  ),
  // NginxProxy
  kind('NginxProxy with routes []', 'proxy', (kit) => void new NginxProxy(kit.stack(), 'proxy', { routes: [] })),
  ...(
    [
      ["NginxProxy with route path '/api' (no trailing /)", { path: '/api' }],
      ["NginxProxy with route path '/healthz/'", { path: '/healthz/' }],
      ['NginxProxy with route upstreamPort 8000 (a number)', { upstreamPort: 8000 }],
    ] as const
  ).map(([name, route]) =>
    kind(name, 'proxy', (kit) => {
      const stack = kit.stack();
      const net = kit.network(stack);
      const api = new PythonApi(stack, 'api', { image: kit.image(), ...app, networks: [{ network: net }] });
      new NginxProxy(stack, 'proxy', wrong({ networks: [{ network: net }], routes: [{ path: '/', upstream: api, ...route }] }));
    }),
  ),
  kind("NginxProxy with route upstream 'api' (a string)", 'proxy', (kit) => void new NginxProxy(kit.stack(), 'proxy', { routes: [{ path: '/', upstream: wrong('api') }] })),
  kind('NginxProxy with a route to a plain Service and no upstreamPort', 'proxy', (kit) => {
    const stack = kit.stack();
    const net = kit.network(stack);
    const upstream = kit.service(stack, 'web', { networks: [{ network: net }] });
    new NginxProxy(stack, 'proxy', { networks: [{ network: net }], routes: [{ path: '/', upstream }] });
  }),
  ...(
    [
      ['NginxProxy with httpsPort and no tls', { httpsPort: Port.tcp(443) }],
      ["NginxProxy with tls certificateDirectory 'certs' (relative)", { tls: { certificateDirectory: 'certs' } }],
      ['NginxProxy with a listener on httpPort 80', { listeners: 'clash' }],
      ['NginxProxy with two routes on /', { routes: 'twice' }],
      ['NginxProxy with 9 listeners', { listeners: 'nine' }],
      ['NginxProxy with connectTimeout Duration.millis(0)', { connectTimeout: Duration.millis(0) }],
      ["NginxProxy with probeTool 'nc'", { probeTool: 'nc' }],
      ['NginxProxy with clientMaxBodySize 10 (a number)', { clientMaxBodySize: 10 }],
    ] as const
  ).map(([name, extra]) =>
    kind(name, 'proxy', (kit) => {
      const stack = kit.stack();
      const net = kit.network(stack);
      const api = new PythonApi(stack, 'api', { image: kit.image(), ...app, networks: [{ network: net }] });
      const route = { path: '/', upstream: api };
      const special: Props = {
        ...extra,
        ...('listeners' in extra && extra.listeners === 'clash' ? { listeners: [{ hostPort: Port.tcp(80), routes: [route] }] } : {}),
        ...('listeners' in extra && extra.listeners === 'nine' ? { listeners: Array.from({ length: 9 }, (_, i) => ({ hostPort: Port.tcp(9001 + i), routes: [route] })) } : {}),
        ...('routes' in extra ? { routes: [route, route] } : { routes: [route] }),
      };
      new NginxProxy(stack, 'proxy', wrong({ networks: [{ network: net }], ...special }));
    }),
  ),
  kind('NginxProxy.addRoute twice on /api/', 'proxy', (kit) => {
    const stack = kit.stack();
    const net = kit.network(stack);
    const api = new PythonApi(stack, 'api', { image: kit.image(), ...app, networks: [{ network: net }] });
    const proxy = new NginxProxy(stack, 'proxy', { networks: [{ network: net }], routes: [{ path: '/', upstream: api }] });
    proxy.addRoute({ path: '/api/', upstream: api });
    proxy.addRoute({ path: '/api/', upstream: api });
  }),
  // ChromaDb, Ollama
  kind('ChromaDb with hostPort 8000 (a number)', 'chroma', (kit) => void new ChromaDb(kit.stack(), 'chroma', { hostPort: wrong(8000) })),
  kind("ChromaDb with dataVolume 'chroma-data' (a string)", 'chroma', (kit) => void new ChromaDb(kit.stack(), 'chroma', { dataVolume: wrong('chroma-data') })),
  kind('Ollama with maxLoadedModels 17', 'ollama', (kit) => void new Ollama(kit.stack(), 'ollama', { maxLoadedModels: 17 })),
  kind("Ollama with keepAlive '5m' (a string)", 'ollama', (kit) => void new Ollama(kit.stack(), 'ollama', { keepAlive: wrong('5m') })),
  kind('Ollama with keepAlive and environment OLLAMA_KEEP_ALIVE', 'ollama', (kit) =>
    void new Ollama(kit.stack(), 'ollama', { keepAlive: Duration.minutes(5), environment: { OLLAMA_KEEP_ALIVE: '10m' } }),
  ),
  // StackNetwork, NamedVolume, DockerStack
  kind("StackNetwork with networkName 'front end'", 'net', (kit) => void new StackNetwork(kit.stack(), 'net', { networkName: 'front end' })),
  kind("StackNetwork with internal 'yes'", 'net', (kit) => void new StackNetwork(kit.stack(), 'net', { internal: wrong('yes') })),
  kind("NamedVolume with volumeName '/data'", 'data', (kit) => void new NamedVolume(kit.stack(), 'data', { volumeName: '/data' })),
  kind("NamedVolume with size '1g' (unknown prop)", 'data', (kit) => void new NamedVolume(kit.stack(), 'data', wrong({ size: '1g' }))),
  { name: "DockerStack with namePrefix 'Shop'", class: 'props', expected: 'VALIDATION_ERROR', at: 'shop', build: (kit) => void kit.stack('shop', { namePrefix: 'Shop' }) },
  { name: "DockerStack with namePrefix 'my_shop'", class: 'props', expected: 'VALIDATION_ERROR', at: 'shop', build: (kit) => void kit.stack('shop', { namePrefix: 'my_shop' }) },
  { name: 'DockerStack with namePrefix of 41 letters', class: 'props', expected: 'VALIDATION_ERROR', at: 'shop', build: (kit) => void kit.stack('shop', { namePrefix: 'a'.repeat(41) }) },
  { name: "DockerStack with dockerHost 'localhost:2375' (no scheme)", class: 'props', expected: 'VALIDATION_ERROR', at: 'shop', build: (kit) => void kit.stack('shop', { dockerHost: 'localhost:2375' }) },
  { name: "DockerStack with dockerHost 'http://engine:2375'", class: 'props', expected: 'VALIDATION_ERROR', at: 'shop', build: (kit) => void kit.stack('shop', { dockerHost: 'http://engine:2375' }) },
  { name: "DockerStack with prefix (typo of namePrefix)", class: 'props', expected: 'VALIDATION_ERROR', at: 'shop', build: (kit) => void kit.stack('shop', wrong({ prefix: 'shop' })) },
  // Advice, not errors: data stores published beyond loopback.
  {
    name: 'Postgres with public: true and hostPort 5432 (0.0.0.0:5432)',
    class: 'props',
    expected: 'WARNING',
    at: 'shop/db',
    source: 'issue 7 defect 7',
    build: (kit) => void new Postgres(kit.stack(), 'db', { public: true, hostPort: Port.tcp(5432) }),
  },
  { name: "Redis with hostPort and hostIp '0.0.0.0'", class: 'props', expected: 'WARNING', at: 'shop/cache', build: (kit) => void new Redis(kit.stack(), 'cache', { ports: [{ containerPort: Port.tcp(6379), hostIp: '0.0.0.0' }] }) },
  {
    name: "Service on image 'postgres:16-alpine' with public: true and a port",
    class: 'props',
    expected: 'WARNING',
    at: 'shop/pg',
    build: (kit) => void kit.service(kit.stack(), 'pg', { image: kit.image('postgres:16-alpine'), healthCheck: HealthCheck.command(['pg_isready']), public: true, ports: [{ containerPort: Port.tcp(5432) }] }),
  },
  {
    name: 'Service with RestartPolicy.unlessStopped() (unbounded)',
    class: 'props',
    expected: 'WARNING',
    at: 'shop/api',
    build: (kit) => void kit.service(kit.stack(), 'api', { restartPolicy: RestartPolicy.unlessStopped() }),
  },
];
