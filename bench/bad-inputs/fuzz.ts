// Fuzzed prop sets for Service and every kind: fast-check draws a kind, an id and up to four
// props, each a valid value, an invalid value of the right type (a Size below the minimum, a
// relative path, a port published twice) or a value of the wrong type (undefined, null, NaN,
// a BigInt in a null-prototype object, ...). Value factories are only called with valid
// arguments here: their own bad arguments are the catalogue's. A prop set may be accepted,
// warned about or refused; it must never crash (OTHER_ERROR) nor leave output (PARTIAL_OUTPUT).
import fc from 'fast-check';
import { inspect } from 'util';
import * as api from './api';
import { buildAndSynth, Classified, Kit, wrong } from './harness';

/** The seed of every run, printed with the figures; change it only on purpose. */
export const FUZZ_SEED = 20260707;

/** A value drawn by the fuzzer: how it is shown, and how it is built in a run's stack. */
export interface Recipe {
  readonly show: string;
  make(ctx: FuzzContext): unknown;
}

/** One fuzzed prop set. */
export interface FuzzSample {
  readonly kind: FuzzKind;
  readonly id: string;
  readonly props: Readonly<Record<string, Recipe>>;
}

/** The constructs a prop set may refer to, created on first use in the run's stack `fuzz`. */
export class FuzzContext {
  private readonly made = new Map<string, unknown>();

  constructor(
    readonly kit: Kit,
    readonly stack: api.DockerStack,
  ) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }

  net(): api.StackNetwork {
    return this.once('net', () => new api.StackNetwork(this.stack, 'net'));
  }
  internalNet(): api.StackNetwork {
    return this.once('internal', () => new api.StackNetwork(this.stack, 'private', { internal: true }));
  }
  volume(): api.NamedVolume {
    return this.once('volume', () => new api.NamedVolume(this.stack, 'vol'));
  }
  dependency(): api.Service {
    return this.once('dep', () => this.kit.service(this.stack, 'dep', { networks: [{ network: this.net() }] }));
  }
  unchecked(): api.Service {
    return this.once('unchecked', () => this.kit.service(this.stack, 'unchecked', { healthCheck: api.HealthCheck.none(), networks: [{ network: this.net() }] }));
  }
  redis(): api.Redis {
    return this.once('redis', () => new api.Redis(this.stack, 'cache', { networks: [{ network: this.net() }] }));
  }
  postgres(): api.Postgres {
    return this.once('postgres', () => new api.Postgres(this.stack, 'db', { networks: [{ network: this.net() }] }));
  }
  upstream(): api.PythonApi {
    return this.once('upstream', () => new api.PythonApi(this.stack, 'upstream', { image: this.kit.image(), app: 'app.main:app', networks: [{ network: this.net() }] }));
  }
  elsewhere(): api.Service {
    return this.once('elsewhere', () => this.kit.service(this.kit.stack('other'), 'far'));
  }
}

// ---- recipes -----------------------------------------------------------------------------

/** A literal, shown as JavaScript would write it. */
function lit(value: unknown): Recipe {
  return { show: showLiteral(value), make: () => value };
}

/** A value built in the run (a value type or a construct), shown as the call that builds it. */
function val(show: string, make: (ctx: FuzzContext) => unknown): Recipe {
  return { show, make };
}

function arr(...items: Recipe[]): Recipe {
  return { show: `[${items.map((i) => i.show).join(', ')}]`, make: (ctx) => items.map((i) => i.make(ctx)) };
}

function obj(entries: Readonly<Record<string, Recipe>>): Recipe {
  return {
    show: `{ ${Object.entries(entries)
      .map(([k, v]) => `${/^[A-Za-z_]\w*$/.test(k) ? k : JSON.stringify(k)}: ${v.show}`)
      .join(', ')} }`,
    make: (ctx) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.make(ctx)])),
  };
}

function showLiteral(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return typeof value === 'bigint' ? `${value}n` : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return '() => 1';
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === null) return 'Object.create(null) with a BigInt';
  try {
    return JSON.stringify(value) ?? inspect(value);
  } catch {
    return inspect(value);
  }
}

/** Values of no prop's type: undefined, null, NaN, Infinity, numbers, strings, booleans, [], {}, a symbol, a BigInt, a function, a null-prototype object holding a BigInt. */
const JUNK: readonly Recipe[] = [
  lit(undefined),
  lit(null),
  lit(NaN),
  lit(Infinity),
  lit(-1),
  lit(0),
  lit(1.5),
  lit(''),
  lit('x'),
  lit(true),
  lit([]),
  lit({}),
  lit(Symbol('fuzz')),
  lit(BigInt(10)),
  lit(() => 1),
  lit(Object.assign(Object.create(null) as Record<string, unknown>, { size: BigInt(1) })),
];

/** Valid values mostly, invalid values of the right type sometimes, junk now and then. */
function values(valid: readonly Recipe[], invalid: readonly Recipe[] = []): fc.Arbitrary<Recipe> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 6 },
    ...(invalid.length > 0 ? [{ arbitrary: fc.constantFrom(...invalid), weight: 2 }] : []),
    { arbitrary: fc.constantFrom(...JUNK), weight: 1 },
  );
}

const size = (n: number, unit: 'mebibytes' | 'kibibytes' | 'gibibytes' | 'bytes' = 'mebibytes') => val(`Size.${unit}(${n})`, () => api.Size[unit](n));
const seconds = (n: number) => val(`Duration.seconds(${n})`, () => api.Duration.seconds(n));
const millis = (n: number) => val(`Duration.millis(${n})`, () => api.Duration.millis(n));
const tcp = (n: number) => val(`Port.tcp(${n})`, () => api.Port.tcp(n));
const udp = (n: number) => val(`Port.udp(${n})`, () => api.Port.udp(n));
const image = (reference: string) => val(`ContainerImage.fromRegistry(${JSON.stringify(reference)})`, () => api.ContainerImage.fromRegistry(reference));
const command = (...argv: string[]) => val(`HealthCheck.command(${JSON.stringify(argv)})`, () => api.HealthCheck.command(argv));
const variable = (name: string) => val(`Secret.fromVariable(${JSON.stringify(name)})`, () => api.Secret.fromVariable(name));
const literal = (value: string) => val(`Secret.fromLiteral(${JSON.stringify(value)})`, () => api.Secret.fromLiteral(value));
const net = val('net', (ctx) => ctx.net());
const internalNet = val('privateNet', (ctx) => ctx.internalNet());
const volume = val('vol', (ctx) => ctx.volume());
const dep = val('dep', (ctx) => ctx.dependency());
const unchecked = val('unchecked (HealthCheck.none())', (ctx) => ctx.unchecked());
const redis = val('cache (Redis)', (ctx) => ctx.redis());
const postgres = val('db (Postgres)', (ctx) => ctx.postgres());
const upstream = val('upstream (PythonApi)', (ctx) => ctx.upstream());
const elsewhere = val('other/far (another stack)', (ctx) => ctx.elsewhere());
const schedule = val('CronSchedule.daily({ hour: 3 })', () => api.CronSchedule.daily({ hour: 3 }));

/** Every Service prop, with its valid and invalid values. */
const SERVICE_PROPS: Readonly<Record<string, fc.Arbitrary<Recipe>>> = {
  image: values([image('example/app:1.0.0'), image('python:3.12-slim'), image('postgres:16-alpine')], [image('example/app:latest'), image('example/app')]),
  healthCheck: values(
    [command('true'), val("HealthCheck.httpGet('/health', { port: Port.tcp(8000) })", () => api.HealthCheck.httpGet('/health', { port: api.Port.tcp(8000) })), val('HealthCheck.none()', () => api.HealthCheck.none())],
    [command('curl', '-f', 'http://127.0.0.1:8000/health'), command('sh', '-c', 'wget -q -O- http://127.0.0.1:8000/ || exit 1')],
  ),
  containerName: values([lit('fuzz-web'), lit('web_1')], [lit('my container'), lit('-web'), lit('w'.repeat(70)), lit('fuzz-dep')]),
  command: values([arr(lit('python3'), lit('-m'), lit('app'))], [lit([]), lit('python3 -m app'), lit([1])]),
  entrypoint: values([arr(lit('/entrypoint.sh'))], [lit([]), lit('/entrypoint.sh')]),
  environment: values(
    [obj({ LOG_LEVEL: lit('info') }), obj({ UPSTREAM_URL: lit('http://dep:8000') })],
    [obj({ 'MY-VAR': lit('x') }), obj({ A: lit(1) }), obj({ API_KEY: lit('changeme') }), obj({ DATABASE_URL: lit('postgresql://app:mnemopass@db:5432/app') }), obj({ REDIS_HOST: lit('cache') })],
  ),
  secrets: values(
    [obj({ TOKEN: variable('fuzz_token') }), obj({ DATABASE_URL: val('db.connectionUrl', (ctx) => ctx.postgres().connectionUrl) })],
    [obj({ TOKEN: lit('plain-string') }), obj({ TOKEN: literal('short') }), obj({ '1X': variable('fuzz_token') }), obj({ TOKEN: literal('Change-Me-In-Production\n') })],
  ),
  ports: values(
    [arr(obj({ containerPort: tcp(8080) })), arr(obj({ containerPort: tcp(8080), hostPort: tcp(18080) })), arr(obj({ containerPort: udp(5353) }))],
    [
      arr(obj({ containerPort: lit(8080) })),
      arr(obj({ containerPort: tcp(8080), hostIp: lit('localhost') })),
      arr(obj({ containerPort: tcp(8080) }), obj({ containerPort: tcp(8080) })),
      arr(obj({ containerPort: tcp(53), hostPort: udp(53) })),
      arr(obj({ containerPort: tcp(5432), hostIp: lit('0.0.0.0') })),
    ],
  ),
  public: values([lit(true), lit(false)]),
  networks: values(
    [arr(obj({ network: net })), arr(obj({ network: net, aliases: arr(lit('alias')) })), arr(obj({ network: internalNet }))],
    [arr(obj({ network: lit('net') })), arr(obj({ network: net }), obj({ network: net })), arr(obj({ network: net, aliases: arr(lit('Bad Alias')) }))],
  ),
  volumes: values(
    [arr(obj({ volume, target: lit('/data') })), arr(obj({ volume, target: lit('/data'), readOnly: lit(true) }))],
    [arr(obj({ volume, target: lit('data') })), arr(obj({ volume: lit('vol'), target: lit('/data') })), arr(obj({ volume, target: lit('/data') }), obj({ volume, target: lit('/data') }))],
  ),
  bindMounts: values([arr(obj({ source: lit('/srv/fuzz'), target: lit('/fuzz') }))], [arr(obj({ source: lit('./fuzz'), target: lit('/fuzz') })), arr(obj({ source: lit('/srv'), target: lit('fuzz') }))]),
  files: values([arr(obj({ path: lit('/etc/app.conf'), content: lit('x = 1\n') }))], [arr(obj({ path: lit('app.conf'), content: lit('x') })), arr(obj({ path: lit('/etc/a'), content: lit(1) }))]),
  cpuLimit: values([val('Cpu.cores(0.5)', () => api.Cpu.cores(0.5)), val('Cpu.cores(2)', () => api.Cpu.cores(2))]),
  memoryLimit: values([size(256), size(1, 'gibibytes')], [size(4), size(6 * 1024 + 1, 'kibibytes')]),
  memoryReservation: values([size(64)], [size(8, 'gibibytes'), size(512, 'kibibytes')]),
  shmSize: values([size(128)], [size(100, 'kibibytes')]),
  restartPolicy: values([val('RestartPolicy.onFailure(3)', () => api.RestartPolicy.onFailure(3)), val('RestartPolicy.never()', () => api.RestartPolicy.never())], [val('RestartPolicy.unlessStopped()', () => api.RestartPolicy.unlessStopped())]),
  logging: values([val('LogRotation.jsonFile()', () => api.LogRotation.jsonFile()), val('LogRotation.jsonFile({ maxFiles: 5 })', () => api.LogRotation.jsonFile({ maxFiles: 5 }))]),
  user: values([lit('10001:10001'), lit('app')], [lit('Root User'), lit('1000:')]),
  readOnlyRootFilesystem: values([lit(true), lit(false)]),
  tmpfs: values([obj({ '/tmp': size(16) })], [obj({ tmp: size(16) }), obj({ '/tmp': lit(16) })]),
  capabilities: values([arr(val('Capability.CHOWN', () => api.Capability.CHOWN))], [lit(['NET_ADMIN'])]),
  labels: values([obj({ 'com.example.team': lit('a') })], [obj({ Team: lit('a') }), obj({ 'com.example.n': lit(1) })]),
  replicas: values([lit(1), lit(2)], [lit(0), lit(33), lit(1.5)]),
  stopGracePeriod: values([seconds(30)], [millis(1500)]),
  stopSignal: values([lit('SIGTERM'), lit('SIGINT')], [lit('SIGSTOP'), lit('TERM')]),
  dependsOn: values([arr(dep), arr(redis)], [arr(lit('dep')), arr(unchecked), arr(elsewhere)]),
  workingDir: values([lit('/app')], [lit('app')]),
  init: values([lit(true), lit(false)]),
  hostAccess: values(
    [obj({ reason: lit('manages sibling containers through the Docker API'), dockerSocket: lit(true) })],
    [obj({ reason: lit('needed') }), obj({ privileged: lit(true) }), obj({ reason: lit('manages sibling containers through the Docker API'), root: lit(true) })],
  ),
  updateOrder: values([val('UpdateOrder.STOP_FIRST', () => api.UpdateOrder.STOP_FIRST), val('UpdateOrder.START_FIRST', () => api.UpdateOrder.START_FIRST)], [lit('rolling')]),
  healthcheck: values([command('true')]), // a typo of healthCheck: an unknown prop whatever its value
};

/** Props each kind adds, or re-declares with its own values. */
const KIND_PROPS: Readonly<Record<FuzzKind, Readonly<Record<string, fc.Arbitrary<Recipe>>>>> = {
  Service: {},
  Postgres: {
    database: values([lit('app'), lit('shop_db')], [lit('my-db'), lit('Shop')]),
    user: values([lit('app')], [lit('Admin')]),
    password: values([variable('fuzz_db_password')], [lit('plain-password-string'), literal('postgres')]),
    dataChecksums: values([lit(true), lit(false)]),
    settings: values([obj({ sharedBuffers: size(256), maxConnections: lit(200) })], [obj({ maxConnections: lit(3) }), obj({ workMem: size(1000, 'bytes') }), obj({ shared_buffers: size(256) })]),
    initScriptsDirectory: values([lit('/srv/db-init')], [lit('./db-init')]),
    hostPort: values([tcp(15432)], [lit(5432)]),
    dataVolume: values([volume], [lit('pgdata')]),
  },
  Redis: {
    persistence: values([val('RedisPersistence.NONE', () => api.RedisPersistence.NONE)], [lit('aof')]),
    maxMemory: values([size(128)], [size(512), size(512, 'kibibytes')]),
    evictionPolicy: values([val('RedisEvictionPolicy.ALL_KEYS_LRU', () => api.RedisEvictionPolicy.ALL_KEYS_LRU)], [lit('lru')]),
    hostPort: values([tcp(16379)], [lit(6379)]),
    dataVolume: values([volume], [lit('data')]),
    command: values([arr(lit('redis-server'))]),
  },
  QueueWorker: {
    queue: values([lit('jobs'), lit('scrape:high')], [lit('my queue'), lit('q'.repeat(101))]),
    priority: values([val('QueuePriority.HIGH', () => api.QueuePriority.HIGH)], [lit('URGENT')]),
    concurrency: values([lit(4)], [lit(0), lit(65), lit(2.5)]),
    redis: values([redis], [dep]),
  },
  Scheduler: {
    jobs: values(
      [arr(obj({ name: lit('scrape'), schedule, command: arr(lit('true')) }))],
      [arr(obj({ name: lit('Scrape'), schedule, command: arr(lit('true')) })), arr(obj({ name: lit('scrape'), schedule: lit('0 3 * * *'), command: arr(lit('true')) })), arr(obj({ name: lit('a'), schedule, command: arr(lit('true')) }), obj({ name: lit('a'), schedule, command: arr(lit('true')) }))],
    ),
    backup: values([obj({ database: postgres, schedule, retention: lit(7) })], [obj({ database: postgres, schedule, retention: lit(0) }), obj({ database: dep, schedule, retention: lit(7) })]),
    runner: values([val('CronRunner.DEBIAN_CRON', () => api.CronRunner.DEBIAN_CRON)], [lit('cron')]),
    backupsVolume: values([volume], [lit('backups')]),
  },
  PythonApi: {
    app: values([lit('app.main:app')], [lit('main.py'), lit('app.main')]),
    server: values(
      [val('AsgiServer.uvicorn({ workers: 2 })', () => api.AsgiServer.uvicorn({ workers: 2 })), val('AsgiServer.gunicorn({ workers: 4 })', () => api.AsgiServer.gunicorn({ workers: 4 }))],
      [val('AsgiServer.uvicorn({ workers: 0 })', () => api.AsgiServer.uvicorn({ workers: 0 })), val('AsgiServer.gunicorn({ workers: 4, gracefulTimeout: Duration.millis(1500) })', () => api.AsgiServer.gunicorn({ workers: 4, gracefulTimeout: api.Duration.millis(1500) }))],
    ),
    port: values([tcp(8080)], [lit(8080)]),
    healthPath: values([lit('/healthz')], [lit('health'), lit('/he alth')]),
    hostPort: values([tcp(18000)], [lit(18000)]),
  },
  NginxProxy: {
    routes: values([arr(obj({ path: lit('/'), upstream })), arr(obj({ path: lit('/api/'), upstream, stripPrefix: lit(true) }))], [lit([]), arr(obj({ path: lit('/api'), upstream })), arr(obj({ path: lit('/'), upstream: dep }))]),
    httpPort: values([tcp(8088)], [lit(80)]),
    httpsPort: values([tcp(8443)], [tcp(80)]),
    listeners: values([arr(obj({ hostPort: tcp(9001), routes: arr(obj({ path: lit('/'), upstream })) }))], [arr(obj({ hostPort: tcp(80), routes: arr(obj({ path: lit('/'), upstream })) })), arr(obj({ hostPort: tcp(9001), routes: lit([]) }))]),
    tls: values([obj({ certificateDirectory: lit('/etc/ssl/fuzz') })], [obj({ certificateDirectory: lit('certs') })]),
    probeTool: values([val('ProbeTool.WGET', () => api.ProbeTool.WGET)], [val('ProbeTool.BASH', () => api.ProbeTool.BASH), lit('nc')]),
    clientMaxBodySize: values([size(50)], [lit('50m')]),
    connectTimeout: values([seconds(2)], [millis(0), val('Duration.hours(2)', () => api.Duration.hours(2))]),
    readTimeout: values([seconds(120)], [lit(120)]),
  },
  ChromaDb: {
    hostPort: values([tcp(18001)], [lit(8000)]),
    dataVolume: values([volume], [lit('chroma')]),
  },
  Ollama: {
    keepAlive: values([val('Duration.minutes(10)', () => api.Duration.minutes(10))], [lit('10m')]),
    maxLoadedModels: values([lit(2)], [lit(0), lit(17)]),
    hostPort: values([tcp(11434)], [lit(11434)]),
    modelsVolume: values([volume], [lit('models')]),
  },
};

export const FUZZ_KINDS = ['Service', 'Postgres', 'Redis', 'QueueWorker', 'Scheduler', 'PythonApi', 'NginxProxy', 'ChromaDb', 'Ollama'] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

/** The props a kind needs to exist at all, valid; the fuzzed props go on top (and may remove them). */
const REQUIRED: Readonly<Record<FuzzKind, Readonly<Record<string, Recipe>>>> = {
  Service: { image: image('example/app:1.0.0'), healthCheck: command('true') },
  Postgres: {},
  Redis: {},
  QueueWorker: { image: image('example/app:1.0.0'), command: arr(lit('python3'), lit('-m'), lit('worker')), queue: lit('jobs'), networks: arr(obj({ network: net })) },
  Scheduler: { networks: arr(obj({ network: net })) },
  PythonApi: { image: image('example/app:1.0.0'), app: lit('app.main:app') },
  NginxProxy: { routes: arr(obj({ path: lit('/'), upstream })), networks: arr(obj({ network: net })) },
  ChromaDb: {},
  Ollama: {},
};

const CONSTRUCTORS: Readonly<Record<FuzzKind, (stack: api.DockerStack, id: string, props: unknown) => unknown>> = {
  Service: (s, id, p) => new api.Service(s, id, wrong(p)),
  Postgres: (s, id, p) => new api.Postgres(s, id, wrong(p)),
  Redis: (s, id, p) => new api.Redis(s, id, wrong(p)),
  QueueWorker: (s, id, p) => new api.QueueWorker(s, id, wrong(p)),
  Scheduler: (s, id, p) => new api.Scheduler(s, id, wrong(p)),
  PythonApi: (s, id, p) => new api.PythonApi(s, id, wrong(p)),
  NginxProxy: (s, id, p) => new api.NginxProxy(s, id, wrong(p)),
  ChromaDb: (s, id, p) => new api.ChromaDb(s, id, wrong(p)),
  Ollama: (s, id, p) => new api.Ollama(s, id, wrong(p)),
};

const IDS = fc.oneof({ arbitrary: fc.constant('subject'), weight: 12 }, { arbitrary: fc.constantFrom('my subject', 'Subject', '_subject', 's'.repeat(64), ''), weight: 1 });

/** A kind, an id, and up to four fuzzed props on top of the kind's required ones. */
export const fuzzSample: fc.Arbitrary<FuzzSample> = fc.constantFrom(...FUZZ_KINDS).chain((kind) => {
  const arbitraries = { ...SERVICE_PROPS, ...KIND_PROPS[kind] };
  return fc.tuple(IDS, fc.uniqueArray(fc.constantFrom(...Object.keys(arbitraries)), { maxLength: 4 })).chain(([id, keys]) =>
    fc.tuple(...keys.map((key) => arbitraries[key])).map((drawn) => ({ kind, id, props: { ...REQUIRED[kind], ...Object.fromEntries(keys.map((key, i) => [key, drawn[i]])) } })),
  );
});

/** How a sample is shown in a report: enough to rebuild it by hand. */
export function showSample(sample: FuzzSample): string {
  return `new ${sample.kind}(fuzz, ${JSON.stringify(sample.id)}, ${obj(sample.props).show})`;
}

/** The samples of a run: deterministic for a seed. */
export function fuzzSamples(runs: number, seed = FUZZ_SEED): FuzzSample[] {
  return fc.sample(fuzzSample, { numRuns: runs, seed });
}

/** Builds one sample in stack `fuzz` and synthesizes it, as a case of the catalogue is. */
export function runFuzzSample(sample: FuzzSample): Classified {
  const result = buildAndSynth(
    (kit) => {
      const stack = kit.stack('fuzz');
      const ctx = new FuzzContext(kit, stack);
      const props = Object.fromEntries(Object.entries(sample.props).map(([key, recipe]) => [key, recipe.make(ctx)]));
      CONSTRUCTORS[sample.kind](stack, sample.id, props);
    },
    { at: [] },
  );
  // Which construct a fuzzed error names is not known in advance: judge only that each problem says everything.
  return { ...result, messageProblems: result.messageProblems.filter((p) => !p.startsWith('names ') && !p.startsWith('no message names') && !p.startsWith('warned on ')) };
}
