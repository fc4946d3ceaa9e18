/**
 * Which of the library's kinds a compose service becomes. A service whose image is recognised
 * (by the last part of its repository name, tag or digest kept) becomes that kind, so the
 * kind's validation and the rules about it apply to the imported stack; the compose keys the
 * kind derives itself (its data volume, its password and database, Redis' persistence flags)
 * are moved into the kind's props. Where the service sets something the kind cannot express,
 * it stays a Service and the reason is reported. docs/compose-import.md describes the rules.
 */
import { ChromaDbProps, CHROMA_DATA_PATH } from '../chroma-db';
import { ProbeTool } from '../health-check';
import { NginxProxyProps, ProxyRoute } from '../nginx-proxy';
import { Port } from '../port';
import { OllamaProps, OLLAMA_MODELS_PATH } from '../ollama';
import { PostgresProps, POSTGRES_DATA_PATH } from '../postgres';
import { RedisEvictionPolicy, RedisPersistence, RedisProps, REDIS_DATA_PATH } from '../redis';
import { TERRAFORM_VARIABLE_NAME_PATTERN } from '../private/names';
import { Secret } from '../secret';
import type { Service, ServiceProps } from '../service';
import { Size } from '../size';
import { NamedVolume } from '../volume';

/** The kinds an imported service can become. */
export type ComposeServiceKind = 'Service' | 'Postgres' | 'Redis' | 'ChromaDb' | 'Ollama' | 'NginxProxy';

/** What one compose service became, and why. */
export interface ComposeServiceImport {
  /** The construct built for it. */
  readonly kind: ComposeServiceKind;
  /**
   * The kind its image was recognised as, when that differs from `kind` (the service fell back).
   * @default - the image was not recognised, or became its kind
   */
  readonly recognisedAs?: ComposeServiceKind;
  /** What the kind derived or added that the compose file did not say, and why a service fell back; empty for a plain Service. */
  readonly notes: readonly string[];
}

/** A kind and its props, ready to construct. */
export type KindPlan =
  | { readonly kind: 'Service'; readonly props: ServiceProps }
  | { readonly kind: 'Postgres'; readonly props: PostgresProps }
  | { readonly kind: 'Redis'; readonly props: RedisProps }
  | { readonly kind: 'ChromaDb'; readonly props: ChromaDbProps }
  | { readonly kind: 'Ollama'; readonly props: OllamaProps }
  | { readonly kind: 'NginxProxy'; readonly props: NginxProxyProps };

/**
 * The service-level extension that makes an nginx service an NginxProxy: compose ignores
 * `x-` keys, and holds the proxy's routes nowhere else (docs/compose-import.md).
 */
export const PROXY_EXTENSION = 'x-cdktf-proxy';

/** Where nginx reads its configuration: a mount there means the service brings its own. */
const NGINX_CONFIG_DIRECTORY = '/etc/nginx';

/** The last part of an image's repository name: `ghcr.io/chroma-core/chroma:1.0@sha256:…` is `chroma`. */
export function repositoryName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastPart = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  return lastPart.split(':')[0].toLowerCase();
}

/** Repository names recognised, by kind (docs/compose-import.md). */
export const RECOGNISED_IMAGES: Readonly<Record<Exclude<ComposeServiceKind, 'Service'>, readonly string[]>> = {
  Postgres: ['postgres'],
  Redis: ['redis'],
  ChromaDb: ['chroma', 'chromadb'],
  Ollama: ['ollama'],
  NginxProxy: ['nginx'],
};

/** The kind an image is recognised as; undefined for any other image. */
export function recogniseImage(image: string): Exclude<ComposeServiceKind, 'Service'> | undefined {
  const name = repositoryName(image);
  return (Object.keys(RECOGNISED_IMAGES) as Exclude<ComposeServiceKind, 'Service'>[]).find((kind) => RECOGNISED_IMAGES[kind].includes(name));
}

/** What the planner is given about one service. */
export interface KindInput {
  /** The compose `image` (undefined for a service that is built). */
  readonly image: string | undefined;
  /** Whether the compose service has a `healthcheck`. */
  readonly hasHealthCheck: boolean;
  /** The command as arguments, when it has one. */
  readonly command: readonly string[] | undefined;
  /** The `environment` keys whose value is one variable that is set (`${VAR}`), by the variable's name. */
  readonly environmentVariables: Readonly<Record<string, string>>;
  /** The props a Service would be built with. */
  readonly props: ServiceProps;
  /** The service's `x-cdktf-proxy` extension, as written (nginx images only). */
  readonly proxyExtension?: unknown;
  /** Services built so far, by compose name (a proxy's upstreams). */
  readonly built: Readonly<Record<string, Service>>;
  /** Throws a ValidationError about `field` of the extension, with the file and line. */
  readonly fail: (field: readonly (string | number)[], value: unknown, message: string, fix: string) => never;
}

/** The services a proxy extension routes to, by compose name (read leniently: for the creation order). */
export function proxyUpstreams(extension: unknown): string[] {
  const routes = isMap(extension) && isMap(extension.routes) ? extension.routes : {};
  return Object.values(routes).flatMap((r) => (typeof r === 'string' ? [r.split(':')[0]] : isMap(r) && typeof r.upstream === 'string' ? [r.upstream] : []));
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The plan for one service: its kind and props, and the notes of the report. */
export interface KindDecision {
  readonly plan: KindPlan;
  readonly report: ComposeServiceImport;
}

const asService = (props: ServiceProps, recognisedAs: ComposeServiceKind, reasons: readonly string[]): KindDecision => ({
  plan: { kind: 'Service', props },
  report: { kind: 'Service', recognisedAs, notes: reasons.map((r) => `imported as a Service, not as ${recognisedAs}: ${r}`) },
});

/** Props without the keys a kind sets itself; a kind's props minus image and health check when compose left them out. */
function kindBase(input: KindInput): Omit<ServiceProps, 'image' | 'healthCheck'> & Pick<Partial<ServiceProps>, 'image' | 'healthCheck'> {
  const { healthCheck, ...rest } = input.props;
  return input.hasHealthCheck ? { ...rest, healthCheck } : rest;
}

/**
 * The named volume mounted read-write at `target`, and the props without it; or why the kind
 * cannot take the mount there (a bind mount, a tmpfs, a read-only volume).
 */
function dataMount(props: ServiceProps, target: string): { volume?: NamedVolume; volumes: ServiceProps['volumes']; problem?: string } {
  if (props.bindMounts?.some((b) => b.target === target)) return { volumes: props.volumes, problem: `a bind mount at ${target}, where the kind keeps its data in a named volume` };
  if (Object.keys(props.tmpfs ?? {}).includes(target)) return { volumes: props.volumes, problem: `a tmpfs at ${target}, where the kind keeps its data in a named volume` };
  const mount = props.volumes?.find((v) => v.target === target);
  if (mount?.readOnly) return { volumes: props.volumes, problem: `a read-only volume at ${target}, where the kind writes its data` };
  return { volume: mount?.volume, volumes: (props.volumes ?? []).filter((v) => v !== mount) };
}

const addedVolume = (target: string, id: string): string => `no named volume at ${target} in the compose file: the kind adds one (child "${id}"), so the data outlives the container`;
const addedHealthCheck = 'no healthcheck in the compose file: the kind\'s own health check applies';

function postgres(input: KindInput): KindDecision {
  const env = { ...(input.props.environment ?? {}) };
  const reasons: string[] = [];
  const notes: string[] = [];
  // compose's `user:` is the container's user; the kind's `user` prop names the database owner.
  if (input.props.user !== undefined) reasons.push(`user "${input.props.user}" is set, and the kind runs the image's entrypoint as root (it drops to postgres itself); its user prop names the database owner`);
  if (env.POSTGRES_PASSWORD_FILE !== undefined) reasons.push('POSTGRES_PASSWORD_FILE is set, and the kind passes the password itself (POSTGRES_PASSWORD)');
  const initdb = env.POSTGRES_INITDB_ARGS;
  if (initdb !== undefined && initdb.trim() !== '--data-checksums') reasons.push(`POSTGRES_INITDB_ARGS "${initdb}" holds more than --data-checksums, the one initdb flag the kind sets`);
  // The image's defaults: user "postgres", database named as the user.
  const user = env.POSTGRES_USER ?? 'postgres';
  const database = env.POSTGRES_DB ?? user;
  for (const [key, value] of [['POSTGRES_USER', user], ['POSTGRES_DB', database]] as const) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) reasons.push(`${key} "${value}" is not a plain Postgres identifier, which the kind requires`);
  }
  const data = dataMount(input.props, POSTGRES_DATA_PATH);
  if (data.problem) reasons.push(data.problem);
  if (reasons.length > 0) return asService(input.props, 'Postgres', reasons);
  const password = env.POSTGRES_PASSWORD;
  for (const key of ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_PASSWORD', 'POSTGRES_INITDB_ARGS']) delete env[key];
  const secret = password === undefined ? undefined : postgresPassword(password, input.environmentVariables.POSTGRES_PASSWORD);
  if (secret === undefined) notes.push('no POSTGRES_PASSWORD in the compose file: the kind generates one (child "password")');
  else notes.push(secret.note);
  if (!data.volume) notes.push(addedVolume(POSTGRES_DATA_PATH, 'data'));
  if (!input.hasHealthCheck) notes.push(addedHealthCheck);
  const { user: _containerUser, ...base } = kindBase(input);
  void _containerUser;
  const props: PostgresProps = {
    ...base,
    environment: env,
    volumes: data.volumes,
    user,
    database,
    dataChecksums: initdb !== undefined,
    ...(secret !== undefined ? { password: secret.password } : {}),
    ...(data.volume ? { dataVolume: data.volume } : {}),
  };
  return { plan: { kind: 'Postgres', props }, report: { kind: 'Postgres', notes } };
}

/**
 * The kind's password from POSTGRES_PASSWORD: a value compose took from a variable stays that
 * variable (set at deploy time through TF_VAR_<name>), so neither the code nor the synthesized
 * Terraform holds it; a value written in the file, or a default that applied, stays a literal.
 */
function postgresPassword(value: string, variable: string | undefined): { password: Secret; note: string } {
  if (variable !== undefined && TERRAFORM_VARIABLE_NAME_PATTERN.test(variable)) {
    return {
      password: Secret.fromVariable(variable),
      note: `POSTGRES_PASSWORD comes from \${${variable}}: the kind's password is Secret.fromVariable("${variable}"), set when you deploy through TF_VAR_${variable} (the value is in neither the code nor the synthesized Terraform)`,
    };
  }
  const why =
    variable !== undefined
      ? `it comes from \${${variable}}, which is no Terraform variable name (letters, digits and "_", starting with a letter): rename the variable to keep the value out of the code`
      : 'it is written in the compose file (or is a default there): write it as ${VAR} to set it at deploy time instead';
  return { password: Secret.fromLiteral(value), note: `POSTGRES_PASSWORD becomes the kind's password as Secret.fromLiteral, so the value is in the code and the synthesized Terraform; ${why}` };
}

/** Redis' size units (`100mb` is MiB, `100m` is 10^6 bytes). */
function redisBytes(text: string): number | undefined {
  const match = /^(\d+)(k|kb|m|mb|g|gb)?$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const factor: Record<string, number> = { '': 1, k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  return Number(match[1]) * factor[unit];
}

/** `redis-server` flags as the kind's props, or why they cannot be. */
export function redisCommandProps(command: readonly string[]): Pick<RedisProps, 'persistence' | 'maxMemory' | 'evictionPolicy'> | string {
  if (command[0] !== 'redis-server') return `the command runs "${command[0] ?? ''}", and the kind runs redis-server with flags of its own`;
  const flags = new Map<string, string>();
  for (let i = 1; i < command.length; i += 2) {
    const flag = command[i];
    if (!flag.startsWith('--') || i + 1 >= command.length) return `the argument "${flag}" is not a --flag with a value`;
    flags.set(flag.slice(2), command[i + 1]);
  }
  const known = ['appendonly', 'appendfsync', 'save', 'maxmemory', 'maxmemory-policy', 'port', 'dir'];
  const unknown = [...flags.keys()].filter((f) => !known.includes(f));
  if (unknown.length > 0) return `--${unknown[0]} is not one of the flags the kind sets (${known.map((f) => `--${f}`).join(', ')})`;
  if (flags.has('port') && flags.get('port') !== '6379') return `--port ${flags.get('port')}: the kind listens on 6379`;
  if (flags.has('dir') && flags.get('dir') !== REDIS_DATA_PATH) return `--dir ${flags.get('dir')}: the kind keeps its data in ${REDIS_DATA_PATH}`;
  const appendOnly = flags.get('appendonly') ?? 'no';
  const save = flags.get('save');
  if (flags.has('appendfsync') && (appendOnly !== 'yes' || flags.get('appendfsync') !== 'everysec')) return `--appendfsync ${flags.get('appendfsync')}: the kind fsyncs the append-only file every second`;
  let persistence: RedisPersistence;
  if (appendOnly === 'yes' && save === undefined) persistence = RedisPersistence.APPEND_ONLY;
  else if (appendOnly === 'no' && save === undefined) persistence = RedisPersistence.SNAPSHOTS;
  else if (appendOnly === 'no' && save === '') persistence = RedisPersistence.NONE;
  else return `--appendonly ${appendOnly}${save !== undefined ? ` --save "${save}"` : ''}: not one of the kind's persistence modes (append-only, snapshots on the default schedule, none)`;
  const maxMemory = flags.get('maxmemory');
  let bytes: number | undefined;
  if (maxMemory !== undefined) {
    bytes = redisBytes(maxMemory);
    if (bytes === undefined) return `--maxmemory ${maxMemory}: not a size`;
  }
  const policy = flags.get('maxmemory-policy');
  if (policy !== undefined && !(Object.values(RedisEvictionPolicy) as string[]).includes(policy)) return `--maxmemory-policy ${policy}: not a RedisEvictionPolicy`;
  return {
    persistence,
    ...(bytes !== undefined ? { maxMemory: Size.bytes(bytes) } : {}),
    ...(policy !== undefined ? { evictionPolicy: policy as RedisEvictionPolicy } : {}),
  };
}

function redis(input: KindInput): KindDecision {
  const reasons: string[] = [];
  const notes: string[] = [];
  // Without a command the image runs plain redis-server: snapshots on the default schedule.
  const flags = input.command ? redisCommandProps(input.command) : { persistence: RedisPersistence.SNAPSHOTS };
  if (typeof flags === 'string') reasons.push(flags);
  const data = dataMount(input.props, REDIS_DATA_PATH);
  if (data.problem) reasons.push(data.problem);
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent (flags that are a string are in reasons already; the test narrows the type)
  if (reasons.length > 0 || typeof flags === 'string') return asService(input.props, 'Redis', reasons);
  const { command: _command, ...base } = kindBase(input);
  void _command;
  if (flags.maxMemory === undefined) notes.push('no --maxmemory in the compose file: the kind sets 75% of the memory limit, so Redis refuses writes before the kernel kills it');
  if (!data.volume) notes.push(addedVolume(REDIS_DATA_PATH, 'data'));
  if (!input.hasHealthCheck) notes.push(addedHealthCheck);
  if (input.props.user === undefined) notes.push('no user in the compose file: the kind runs Redis as "redis"');
  const props: RedisProps = { ...base, volumes: data.volumes, ...flags, ...(data.volume ? { dataVolume: data.volume } : {}) };
  return { plan: { kind: 'Redis', props }, report: { kind: 'Redis', notes } };
}

function chroma(input: KindInput): KindDecision {
  const env = input.props.environment ?? {};
  const reasons: string[] = [];
  if (env.PERSIST_DIRECTORY !== undefined && env.PERSIST_DIRECTORY !== CHROMA_DATA_PATH) reasons.push(`PERSIST_DIRECTORY is ${env.PERSIST_DIRECTORY}, and the kind keeps its data in ${CHROMA_DATA_PATH}`);
  if (env.IS_PERSISTENT !== undefined && env.IS_PERSISTENT.toUpperCase() !== 'TRUE') reasons.push(`IS_PERSISTENT is ${env.IS_PERSISTENT}, and the kind persists its data`);
  const data = dataMount(input.props, CHROMA_DATA_PATH);
  if (data.problem) reasons.push(data.problem);
  if (reasons.length > 0) return asService(input.props, 'ChromaDb', reasons);
  const notes = ['the kind sets ANONYMIZED_TELEMETRY=FALSE, IS_PERSISTENT=TRUE and PERSIST_DIRECTORY=/data where the compose file does not'];
  if (!data.volume) notes.push(addedVolume(CHROMA_DATA_PATH, 'data'));
  if (!input.hasHealthCheck) notes.push(addedHealthCheck);
  const props: ChromaDbProps = { ...kindBase(input), volumes: data.volumes, ...(data.volume ? { dataVolume: data.volume } : {}) };
  return { plan: { kind: 'ChromaDb', props }, report: { kind: 'ChromaDb', notes } };
}

function ollama(input: KindInput): KindDecision {
  const env = input.props.environment ?? {};
  const reasons: string[] = [];
  if (env.OLLAMA_HOST !== undefined && env.OLLAMA_HOST !== '0.0.0.0:11434' && env.OLLAMA_HOST !== '0.0.0.0') reasons.push(`OLLAMA_HOST is ${env.OLLAMA_HOST}, and the kind listens on 0.0.0.0:11434`);
  const data = dataMount(input.props, OLLAMA_MODELS_PATH);
  if (data.problem) reasons.push(data.problem);
  if (reasons.length > 0) return asService(input.props, 'Ollama', reasons);
  const notes = ['the kind sets OLLAMA_HOST=0.0.0.0:11434 where the compose file does not'];
  if (!data.volume) notes.push(addedVolume(OLLAMA_MODELS_PATH, 'models'));
  if (!input.hasHealthCheck) notes.push(addedHealthCheck);
  const props: OllamaProps = { ...kindBase(input), volumes: data.volumes, ...(data.volume ? { modelsVolume: data.volume } : {}) };
  return { plan: { kind: 'Ollama', props }, report: { kind: 'Ollama', notes } };
}

/** `x-cdktf-proxy.routes` as the kind's routes; a malformed one fails with its key path. */
function proxyRoutes(input: KindInput, extension: Record<string, unknown>): ProxyRoute[] {
  const routes = extension.routes;
  const routeFix = 'write routes: { "/": "api:8000" } or { "/api/": { upstream: api, port: 8000, strip_prefix: true } }';
  if (!isMap(routes) || Object.keys(routes).length === 0) return input.fail(['routes'], routes, 'no routes', routeFix);
  return Object.entries(routes).map(([path, route]) => {
    const long = isMap(route) ? route : undefined;
    const [upstream, port] = typeof route === 'string' ? route.split(':') : [long?.upstream, long?.port];
    const service = typeof upstream === 'string' ? input.built[upstream] : undefined;
    if (service === undefined) return input.fail(['routes', path], route, `upstream ${JSON.stringify(upstream)} is not a service of the file`, routeFix);
    const number = Number(port);
    if (!Number.isInteger(number) || number < 1 || number > 65535) return input.fail(['routes', path], route, `port ${JSON.stringify(port)} is not a port number`, routeFix);
    const stripPrefix = long?.strip_prefix;
    if (stripPrefix !== undefined && typeof stripPrefix !== 'boolean') return input.fail(['routes', path, 'strip_prefix'], stripPrefix, 'not true or false', routeFix);
    return { path, upstream: service, upstreamPort: Port.tcp(number), ...(stripPrefix !== undefined ? { stripPrefix } : {}) };
  });
}

function nginx(input: KindInput): KindDecision {
  const extension = input.proxyExtension;
  if (extension === undefined) {
    return asService(input.props, 'NginxProxy', [
      `NginxProxy writes nginx.conf from typed routes, and the service gives none (its routes live in the configuration nginx reads): it keeps its own configuration. Give the routes in ${PROXY_EXTENSION} to import it as an NginxProxy`,
    ]);
  }
  if (!isMap(extension)) return input.fail([], extension, 'not a mapping', `write ${PROXY_EXTENSION}: { routes: { "/": "api:8000" } }`);
  const unknown = Object.keys(extension).filter((k) => k !== 'routes' && k !== 'probe_tool');
  if (unknown.length > 0) return input.fail([unknown[0]], extension[unknown[0]], 'not a key of the extension', 'use routes and probe_tool');
  const probe = extension.probe_tool;
  if (probe !== undefined && !(Object.values(ProbeTool) as unknown[]).includes(probe)) return input.fail(['probe_tool'], probe, 'not a probe tool', `use one of ${Object.values(ProbeTool).join(', ')}`);
  const routes = proxyRoutes(input, extension);
  const p = input.props;
  const reasons: string[] = [];
  if (p.command !== undefined || p.entrypoint !== undefined) reasons.push('a command or entrypoint is set, and the kind runs nginx with the configuration it writes');
  const underConfig = (target: string): boolean => target === NGINX_CONFIG_DIRECTORY || target.startsWith(`${NGINX_CONFIG_DIRECTORY}/`);
  const mounted = [...(p.volumes ?? []).map((v) => v.target), ...(p.bindMounts ?? []).map((b) => b.target), ...Object.keys(p.tmpfs ?? {}), ...(p.files ?? []).map((f) => f.path)].filter(underConfig);
  if (mounted.length > 0) reasons.push(`${mounted[0]} is mounted, and the kind writes the configuration there itself`);
  const ports = p.ports ?? [];
  const http = ports[0];
  if (ports.length !== 1 || !http.containerPort.equals(Port.tcp(80))) {
    reasons.push('the kind publishes one plain-HTTP port, container port 80 in the compose file (HTTPS needs its certificate directory, written in code)');
  } else if (http.hostIp !== undefined && http.hostIp !== '0.0.0.0' && http.hostIp !== '127.0.0.1') {
    reasons.push(`the port binds ${http.hostIp}, and the kind binds 0.0.0.0 (public) or 127.0.0.1`);
  }
  if (reasons.length > 0) return asService(p, 'NginxProxy', reasons);
  const notes = [`the kind writes nginx.conf from ${PROXY_EXTENSION}.routes and listens on 8080 inside the container (host port ${(http.hostPort ?? http.containerPort).number} kept)`];
  if (input.hasHealthCheck) notes.push("the compose healthcheck is replaced by the kind's (GET /healthz on 8080): the one written probes nginx's old port");
  if (p.user === undefined) notes.push('no user in the compose file: the kind runs nginx as 101:101');
  const { ports: _ports, healthCheck: _healthCheck, ...rest } = p;
  void _ports;
  void _healthCheck;
  const props: NginxProxyProps = {
    ...rest,
    routes,
    httpPort: http.hostPort ?? http.containerPort,
    public: http.hostIp !== '127.0.0.1',
    ...(probe !== undefined ? { probeTool: probe as ProbeTool } : {}),
  };
  return { plan: { kind: 'NginxProxy', props }, report: { kind: 'NginxProxy', notes } };
}

/** The kind a compose service becomes, with its props and the notes for the report. */
export function planKind(input: KindInput): KindDecision {
  const recognised = input.image === undefined ? undefined : recogniseImage(input.image);
  switch (recognised) {
    case 'Postgres':
      return postgres(input);
    case 'Redis':
      return redis(input);
    case 'ChromaDb':
      return chroma(input);
    case 'Ollama':
      return ollama(input);
    case 'NginxProxy':
      return nginx(input);
    default:
      return { plan: { kind: 'Service', props: input.props }, report: { kind: 'Service', notes: [] } };
  }
}
