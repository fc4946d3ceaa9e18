import { Capability } from '../capability';
import { ChromaDb } from '../chroma-db';
import { Duration } from '../duration';
import { NGINX_CONFIG_PATH, NGINX_HTTP_LISTEN_PORT, NginxProxy } from '../nginx-proxy';
import { Ollama } from '../ollama';
import { Postgres } from '../postgres';
import { hasBrand } from '../private/brand';
import { Redis, RedisEvictionPolicy, RedisPersistence } from '../redis';
import { HealthCheck } from '../health-check';
import { StackNetwork } from '../network';
import { Service, SERVICE_LABELS } from '../service';
import { Size } from '../size';
import { NamedVolume } from '../volume';
import type { ComposeImport } from './from-compose';

/** Options of `renderStackSource`. */
export interface StackSourceOptions {
  /** Module the generated file imports the constructs from. */
  readonly importFrom: string;
  /** Class name of the generated stack. */
  readonly className: string;
  /** The compose files, named in the header comment. */
  readonly files: readonly string[];
}

const text = (value: string): string => JSON.stringify(value);
// Every base holds a letter or digit: a service's id starts with one (its DNS name), and the bases
// of networks and volumes end in "Network" and "Volume".
const identifier = (base: string): string => {
  // Stryker disable next-line Regex: equivalent (without "+", a run of separators leaves empty words, which the filter drops)
  const words = base.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const camel = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  const candidate = /^[0-9]/.test(camel) ? `_${camel}` : camel;
  return RESERVED.has(candidate) ? `${candidate}Service` : candidate;
};

/** Words a variable cannot be called (a compose service may be called `default` or `new`). */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined'.split(' '),
);

function size(value: Size): string {
  const bytes = value.toBytes();
  if (bytes % 1024 ** 3 === 0) return `Size.gibibytes(${bytes / 1024 ** 3})`;
  if (bytes % 1024 ** 2 === 0) return `Size.mebibytes(${bytes / 1024 ** 2})`;
  if (bytes % 1024 === 0) return `Size.kibibytes(${bytes / 1024})`;
  return `Size.bytes(${bytes})`;
}

const duration = (value: Duration): string => `Duration.parse(${text(value.toGoString())})`;

function healthCheck(check: HealthCheck): string {
  if (check.isNone) return 'HealthCheck.none()';
  const options = `{ interval: ${duration(check.interval)}, timeout: ${duration(check.timeout)}, retries: ${check.retries}, startPeriod: ${duration(check.startPeriod)}${check.startIntervalGiven ? `, startInterval: ${duration(check.startInterval)}` : ''} }`;
  const test = check.testCommand;
  if (test[0] === 'CMD-SHELL') return `HealthCheck.shell(${text(test[1])}, ${JSON.stringify(check.tools.slice(1))}, ${options})`;
  return `HealthCheck.command(${JSON.stringify(test.slice(1))}, ${options})`;
}

/** How a service is written: its class, the props its kind takes, and what the kind sets itself. */
interface KindSource {
  readonly className: string;
  /** The kind's own props, written first. */
  readonly props: readonly string[];
  /** Environment variables the kind sets from its props (left out of `environment`). */
  readonly setsEnvironment?: readonly string[];
  /** Whether the kind makes its command from its props (Redis). */
  readonly setsCommand: boolean;
  /** The volume the kind mounts itself (left out of `volumes`). */
  readonly ownVolume?: NamedVolume;
  /** Whether the kind publishes its ports and writes its configuration file itself (NginxProxy). */
  readonly setsPortsAndConfig?: boolean;
}

const enumMember = (enumeration: Readonly<Record<string, string>>, value: string): string => Object.keys(enumeration).find((key) => enumeration[key] === value) ?? value;

/** The kind's volume: passed by name when the stack owns it, left to the kind when the kind made it. */
function volumeProp(prop: string, volume: NamedVolume, names: ReadonlyMap<unknown, string>): string[] {
  const name = names.get(volume);
  return name === undefined ? [] : [`${prop}: ${name}`];
}

function kindOf(service: Service, names: ReadonlyMap<unknown, string>): KindSource {
  const plain = { props: [], setsCommand: false };
  if (Postgres.isPostgres(service)) {
    const password = service.password;
    // A variable stays a variable and a literal from the compose file is written back; a
    // generated one is generated again.
    const variable = password.variableName;
    // (A generated password's value is not known: knownValue() is undefined.)
    const literal = variable === undefined ? password.knownValue() : undefined;
    return {
      className: 'Postgres',
      props: [
        `user: ${text(service.user)}`,
        `database: ${text(service.database)}`,
        `dataChecksums: ${service.environmentVariables.has('POSTGRES_INITDB_ARGS')}`,
        ...(variable !== undefined ? [`password: Secret.fromVariable(${text(variable)})`] : []),
        ...(literal !== undefined ? [`password: Secret.fromLiteral(${text(literal)})`] : []),
        ...volumeProp('dataVolume', service.dataVolume, names),
      ],
      setsEnvironment: ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS'],
      setsCommand: false,
      ownVolume: service.dataVolume,
    };
  }
  if (Redis.isRedis(service)) {
    return {
      className: 'Redis',
      props: [
        `persistence: RedisPersistence.${enumMember(RedisPersistence, service.persistence)}`,
        `maxMemory: ${size(service.maxMemory)}`,
        `evictionPolicy: RedisEvictionPolicy.${enumMember(RedisEvictionPolicy, service.evictionPolicy)}`,
        ...volumeProp('dataVolume', service.dataVolume, names),
      ],
      setsCommand: true,
      ownVolume: service.dataVolume,
    };
  }
  if (hasBrand(service, 'ChromaDb')) {
    const chroma = service as ChromaDb;
    return { className: 'ChromaDb', ...plain, props: volumeProp('dataVolume', chroma.dataVolume, names), ownVolume: chroma.dataVolume };
  }
  if (hasBrand(service, 'Ollama')) {
    const ollama = service as Ollama;
    return { className: 'Ollama', ...plain, props: volumeProp('modelsVolume', ollama.modelsVolume, names), ownVolume: ollama.modelsVolume };
  }
  if (hasBrand(service, 'NginxProxy')) {
    const proxy = service as NginxProxy;
    // Stryker disable next-line ConditionalExpression: equivalent (an imported NginxProxy publishes one port, the HTTP one)
    const http = proxy.ports.find((p) => p.containerPort.number === NGINX_HTTP_LISTEN_PORT.number);
    const routes = proxy.routes.map((r) => `{ path: ${text(r.path)}, upstream: ${names.get(r.upstream)}, upstreamPort: Port.tcp(${r.upstreamPort.number}), stripPrefix: ${r.stripPrefix} }`);
    return {
      className: 'NginxProxy',
      // Stryker disable next-line OptionalChaining: equivalent (the proxy always publishes its HTTP port)
      props: [`routes: [${routes.join(', ')}]`, `httpPort: Port.tcp(${proxy.httpPort.number})`, `public: ${http?.hostIp !== '127.0.0.1'}`],
      setsCommand: true,
      setsPortsAndConfig: true,
    };
  }
  return { className: 'Service', ...plain };
}

/**
 * The imported stack as a TypeScript file on the public constructs, for a team that wants to own
 * the code: one class, the compose names as construct ids and variable names, every prop written
 * out. It builds the same constructs with the same ids, so it synthesizes to the same Terraform.
 */
export function renderStackSource(imported: ComposeImport, options: StackSourceOptions): string {
  const { stack } = imported;
  const names = new Map<unknown, string>();
  // The constructor's parameters; reserved words ("this" too) never come out of identifier().
  const used = new Set<string>(['scope', 'id']);
  const variable = (construct: unknown, base: string): string => {
    let name = identifier(base);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    names.set(construct, name);
    return name;
  };
  const lines: string[] = [];
  for (const network of stack.node.findAll().filter((c): c is StackNetwork => StackNetwork.isStackNetwork(c))) {
    // Stryker disable next-line Regex: equivalent (every network's id starts with "network-", so the first match is at the start)
    lines.push(`    const ${variable(network, `${network.node.id.replace(/^network-/, '')}Network`)} = new StackNetwork(this, ${text(network.node.id)}, { networkName: ${text(network.networkName)}, internal: ${network.internal} });`);
  }
  // A kind's own volume (a child of it) is made again by the kind, under the same id.
  for (const volume of stack.node.findAll().filter((c): c is NamedVolume => NamedVolume.isNamedVolume(c) && c.node.scope === stack)) {
    // Stryker disable next-line Regex: equivalent (every stack-owned volume's id starts with "volume-", so the first match is at the start)
    lines.push(`    const ${variable(volume, `${volume.node.id.replace(/^volume-/, '')}Volume`)} = new NamedVolume(this, ${text(volume.node.id)}, { volumeName: ${text(volume.volumeName)} });`);
  }
  for (const service of stack.node.findAll().filter((c): c is Service => Service.isService(c))) {
    const s = service.containerSettings;
    const build = service.image.buildContext;
    const own = Object.entries(s.labels).filter(([k]) => !(Object.values(SERVICE_LABELS) as string[]).includes(k));
    const kind = kindOf(service, names);
    const environment = [...service.environmentVariables].filter(([k]) => !kind.setsEnvironment?.includes(k));
    const volumes = service.volumes.filter((v) => v.volume !== kind.ownVolume);
    const files = service.files.filter((f) => !(kind.setsPortsAndConfig && f.path === NGINX_CONFIG_PATH));
    const props: string[] = [
      ...kind.props,
      build
        ? `image: ContainerImage.fromBuild(${text(build.context)}, { tag: ${text(service.image.reference)}, dockerfile: ${text(build.dockerfile)}${Object.keys(build.buildArgs).length > 0 ? `, buildArgs: ${JSON.stringify(build.buildArgs)}` : ''} })`
        : `image: ContainerImage.fromRegistry(${text(service.image.reference)})`,
      `healthCheck: ${healthCheck(service.healthCheck)}`,
      ...(s.replicas === 1 && service.containerNames[0] !== `${stack.namePrefix}-${service.serviceName}` ? [`containerName: ${text(service.containerNames[0])}`] : []),
      ...(s.command && !kind.setsCommand ? [`command: ${JSON.stringify(s.command)}`] : []),
      ...(s.entrypoint ? [`entrypoint: ${JSON.stringify(s.entrypoint)}`] : []),
      ...(environment.length > 0 ? [`environment: ${JSON.stringify(Object.fromEntries(environment))}`] : []),
      ...(service.ports.length > 0 && !kind.setsPortsAndConfig
        ? [`ports: [${service.ports.map((p) => `{ containerPort: Port.${p.containerPort.protocol}(${p.containerPort.number}), hostPort: Port.${p.hostPort.protocol}(${p.hostPort.number}), hostIp: ${text(p.hostIp)} }`).join(', ')}]`]
        : []),
      ...(service.networks.length > 0 ? [`networks: [${service.networks.map((a) => `{ network: ${names.get(a.network)}${a.aliases.length > 0 ? `, aliases: ${JSON.stringify(a.aliases)}` : ''} }`).join(', ')}]`] : []),
      ...(volumes.length > 0 ? [`volumes: [${volumes.map((v) => `{ volume: ${names.get(v.volume)}, target: ${text(v.target)}, readOnly: ${v.readOnly} }`).join(', ')}]`] : []),
      ...(service.bindMounts.length > 0 ? [`bindMounts: ${JSON.stringify(service.bindMounts)}`] : []),
      ...(files.length > 0 ? [`files: ${JSON.stringify(files)}`] : []),
      `cpuLimit: Cpu.cores(${Number(s.cpuLimit.toProviderString())})`,
      `memoryLimit: ${size(s.memoryLimit)}`,
      ...(s.memoryReservation ? [`memoryReservation: ${size(s.memoryReservation)}`] : []),
      ...(s.shmSize ? [`shmSize: ${size(s.shmSize)}`] : []),
      `restartPolicy: ${service.restartPolicy.name === 'on-failure' ? `RestartPolicy.onFailure(${service.restartPolicy.maxRetries})` : service.restartPolicy.name === 'no' ? 'RestartPolicy.never()' : 'RestartPolicy.unlessStopped()'}`,
      `logging: LogRotation.jsonFile({ maxSize: ${size(s.logging.maxSize)}, maxFiles: ${s.logging.maxFiles} })`,
      ...(s.user !== undefined && !Postgres.isPostgres(service) ? [`user: ${text(s.user)}`] : []),
      ...(s.workingDir !== undefined ? [`workingDir: ${text(s.workingDir)}`] : []),
      ...(s.init ? ['init: true'] : []),
      ...(s.readOnlyRootFilesystem ? ['readOnlyRootFilesystem: true'] : []),
      ...(Object.keys(s.tmpfs).length > 0 ? [`tmpfs: { ${Object.entries(s.tmpfs).map(([p, v]) => `${text(p)}: ${size(v)}`).join(', ')} }`] : []),
      ...(s.capabilities.length > 0 ? [`capabilities: [${s.capabilities.map((c) => `Capability.${enumMember(Capability, c)}`).join(', ')}]`] : []),
      ...(own.length > 0 ? [`labels: ${JSON.stringify(Object.fromEntries(own))}`] : []),
      ...(s.replicas !== 1 ? [`replicas: ${s.replicas}`] : []),
      `stopGracePeriod: ${duration(s.stopGracePeriod)}`,
      ...(s.stopSignal !== undefined ? [`stopSignal: ${text(s.stopSignal)}`] : []),
      ...(service.dependsOn.length > 0 ? [`dependsOn: [${service.dependsOn.map((d) => names.get(d)).join(', ')}]`] : []),
      ...(service.hostAccess ? [`hostAccess: ${JSON.stringify(service.hostAccess)}`] : []),
    ];
    lines.push(`    const ${variable(service, service.serviceName)} = new ${kind.className}(this, ${text(service.node.id)}, {\n${props.map((p) => `      ${p},`).join('\n')}\n    });`);
  }
  const serviceNames = [...names.entries()].filter(([c]) => Service.isService(c)).map(([, n]) => n);
  const body = lines.join('\n');
  // Only what the body uses, so the file passes noUnusedLocals.
  const imports = ['Capability', 'ChromaDb', 'NginxProxy', 'Ollama', 'Postgres', 'Redis', 'RedisEvictionPolicy', 'RedisPersistence', 'Secret', 'ContainerImage', 'Cpu', 'Duration', 'HealthCheck', 'LogRotation', 'NamedVolume', 'Port', 'RestartPolicy', 'Service', 'Size', 'StackNetwork'].filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  return [
    `// Generated by \`cdktf-docker-stacks import\` from ${options.files.join(', ')}.`,
    '// The stack is yours now: edit it freely; the compose file is no longer read.',
    "import { Construct } from 'constructs';",
    `import { ${['DockerStack', ...imports].sort().join(', ')} } from ${text(options.importFrom)};`,
    '',
    `/** The stack of ${options.files.map((f) => f.split('/').pop()).join(' + ')}. */`,
    `export class ${options.className} extends DockerStack {`,
    '  constructor(scope: Construct, id: string) {',
    `    super(scope, id, { namePrefix: ${text(stack.namePrefix)} });`,
    body,
    `    void [${serviceNames.join(', ')}];`,
    '  }',
    '}',
    '',
  ].join('\n');
}
