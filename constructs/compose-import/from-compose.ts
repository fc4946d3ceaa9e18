import * as path from 'path';
import { Construct } from 'constructs';
import { Capability } from '../capability';
import { Cpu } from '../cpu';
import { DockerStack } from '../docker-stack';
import { Duration } from '../duration';
import { ValidationError, ValidationProblem } from '../errors';
import { HealthCheck, HealthCheckOptions } from '../health-check';
import { ContainerImage } from '../image';
import { LogRotation } from '../logging';
import { StackNetwork } from '../network';
import { Port } from '../port';
import { toolsRun } from '../private/shell-commands';
import { RestartPolicy } from '../restart-policy';
import { BindMount, FileUpload, HostAccess, NetworkAttachment, PortMapping, Service, ServiceProps, VolumeMount } from '../service';
import { Size } from '../size';
import { NamedVolume } from '../volume';
import { keyRow, KeySupport, keyTable } from './key-table';
import { ComposeLoadOptions, ComposeProject, loadCompose } from './loader';
import { ComposeMap, isComposeMap, scalarText } from './compose-map';
import { parsePort } from './ports';
import { splitCommand } from './command-line';
import { ComposeServiceImport, KindPlan, planKind, PROXY_EXTENSION, proxyUpstreams } from './kinds';
import { NginxProxy } from '../nginx-proxy';
import { ChromaDb } from '../chroma-db';
import { Ollama } from '../ollama';
import { Postgres } from '../postgres';
import { Redis } from '../redis';
import { composeProblem, formatKeyPath, formatLocation, KeyPath } from './source-location';

/** Options of `fromCompose`: what to load, and whether unsupported keys may pass. */
export interface ComposeImportOptions extends ComposeLoadOptions {
  /**
   * Let keys the library cannot deploy through: they are left out and listed in `warnings`
   * instead of failing the import.
   * @default false
   */
  readonly allowUnsupported?: boolean;
  /**
   * Name prefix of the stack's containers, networks and volumes.
   * @default - the project's `name:`, else the stack id
   */
  readonly namePrefix?: string;
  /**
   * Report the defects compose is silent about (a `depends_on` naming a network alias, a folded
   * command carrying `#` comments) in `defects` instead of failing, and build the stack without
   * them (the dependency left out, the command split as written), so the stack rules can run
   * too: what `import --check` does.
   * @default false
   */
  readonly reportDefects?: boolean;
}

/** What became of one key present in the input. */
export interface ComposeKeyReport {
  /** Key path, e.g. `services.api.deploy.resources.limits.cpus`. */
  readonly key: string;
  /** `file:line` where it was written. */
  readonly location: string;
  /** Mapped, mapped with a caveat, or unsupported (docs/compose-import.md). */
  readonly support: KeySupport;
  /** What it became, or why it was left out. */
  readonly becomes: string;
}

/** A stack imported from compose files. */
export interface ComposeImport {
  /** The stack, built from the library's constructs: every stack rule applies at synth. */
  readonly stack: DockerStack;
  /** Services by compose name: a Postgres, Redis, ChromaDb or Ollama where the image is recognised, else a Service. */
  readonly services: Readonly<Record<string, Service>>;
  /** What each service became (its kind), what the kind added, and why a recognised one stayed a Service. */
  readonly kinds: Readonly<Record<string, ComposeServiceImport>>;
  /** Networks by compose name. */
  readonly networks: Readonly<Record<string, StackNetwork>>;
  /** Named volumes by compose name. */
  readonly volumes: Readonly<Record<string, NamedVolume>>;
  /** Every key of the input and what became of it. */
  readonly report: readonly ComposeKeyReport[];
  /** Unsupported keys let through (`allowUnsupported`), caveats, unset variables, inactive services. */
  readonly warnings: readonly string[];
  /** The loaded project the stack was built from. */
  readonly project: ComposeProject;
  /** With `reportDefects`: the defects found, each with file, line, key path and fix; else always empty. */
  readonly defects: readonly ValidationProblem[];
}

/**
 * Loads compose files (see `loadCompose`) and builds a DockerStack `id` under `scope` with the
 * same constructs a hand-written stack uses, so every validation rule applies. Every key of
 * the input is mapped or reported (docs/compose-import.md); an unsupported key is a
 * ValidationError naming file, line and key path unless `allowUnsupported`. Defects a typed
 * model rules out (a `depends_on` naming a network alias, a folded command carrying `#`
 * comments) are errors too. Nothing is added to `scope` when the import fails.
 */
export function fromCompose(scope: Construct, id: string, options: ComposeImportOptions): ComposeImport {
  const project = loadCompose(options);
  return new ComposeMapper(project, options).build(scope, id);
}

/** The construct a plan names. */
function construct(scope: Construct, id: string, plan: KindPlan): Service {
  switch (plan.kind) {
    case 'Postgres':
      return new Postgres(scope, id, plan.props);
    case 'Redis':
      return new Redis(scope, id, plan.props);
    case 'ChromaDb':
      return new ChromaDb(scope, id, plan.props);
    case 'Ollama':
      return new Ollama(scope, id, plan.props);
    case 'NginxProxy':
      return new NginxProxy(scope, id, plan.props);
    default:
      return new Service(scope, id, plan.props);
  }
}

/** Docker's default size of a tmpfs written without one is half the memory; the library sizes each one. */
const DEFAULT_TMPFS = Size.mebibytes(64);
/** The restart texts the import maps: the four policies of the compose specification. */
const RESTART_TEXT = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;

class ComposeMapper {
  private readonly problems: ValidationProblem[] = [];
  private readonly defects: ValidationProblem[] = [];
  private readonly warnings: string[] = [];
  private readonly report: ComposeKeyReport[] = [];

  constructor(
    private readonly project: ComposeProject,
    private readonly options: ComposeImportOptions,
  ) {}

  build(scope: Construct, id: string): ComposeImport {
    const p = this.project;
    // The loader gives every section, empty when the files have none: only those with entries are keys of the input.
    const sections = Object.entries({ services: p.services, networks: p.networks, volumes: p.volumes, secrets: p.secrets, configs: p.configs }).filter(([, entries]) => Object.keys(entries).length > 0);
    this.reportKeys('top', [], { ...p.other, ...(p.name ? { name: p.name } : {}), ...Object.fromEntries(sections) });
    for (const [name, n] of Object.entries(p.networks)) {
      this.reportKeys('network', ['networks', name], n);
      if (n.driver !== undefined && n.driver !== 'bridge') this.unsupported(['networks', name, 'driver'], n.driver, 'the library creates bridge networks only');
    }
    for (const [name, v] of Object.entries(p.volumes)) {
      this.reportKeys('volume', ['volumes', name], v);
      if (v.driver !== undefined && v.driver !== 'local') this.unsupported(['volumes', name, 'driver'], v.driver, "the engine creates volumes with its default (local) driver only");
    }
    for (const [name, s] of Object.entries(p.secrets)) this.reportKeys('secret', ['secrets', name], s);
    for (const [name, c] of Object.entries(p.configs)) this.reportKeys('config', ['configs', name], c);
    for (const [name, s] of Object.entries(p.services)) this.reportService(name, s);
    this.checkDependencies();
    this.checkCommands();
    if (p.unsetVariables.length > 0) this.warnings.push(`variables not set, read as empty strings: ${p.unsetVariables.join(', ')}`);
    if (p.inactiveServices.length > 0) this.warnings.push(`services left out (no active profile): ${p.inactiveServices.join(', ')}`);
    // Everything is checked before any construct exists, so a failed import adds nothing to scope.
    if (this.problems.length > 0) throw new ValidationError(this.problems);

    const stack = new DockerStack(scope, id, { namePrefix: this.options.namePrefix ?? (p.name !== undefined ? p.name.toLowerCase().replace(/[^a-z0-9-]/g, '-') : undefined) });
    const clashes = this.constructIdClashes(stack);
    if (clashes.length > 0) {
      scope.node.tryRemoveChild(id);
      throw new ValidationError(clashes);
    }
    const networks: Record<string, StackNetwork> = {};
    const network = (name: string): StackNetwork => {
      const n = p.networks[name] ?? {};
      // Ids apart from the services' (a service may be called "default"); names as compose's keys say.
      networks[name] ??= new StackNetwork(stack, `network-${name}`, { internal: n.internal === true, networkName: typeof n.name === 'string' ? n.name : `${stack.namePrefix}-${name}` });
      return networks[name];
    };
    const volumes: Record<string, NamedVolume> = {};
    const volume = (name: string): NamedVolume => {
      const v = p.volumes[name] ?? {};
      volumes[name] ??= new NamedVolume(stack, `volume-${name}`, { volumeName: typeof v.name === 'string' ? v.name : `${stack.namePrefix}-${name}` });
      return volumes[name];
    };
    const services: Record<string, Service> = {};
    const kinds: Record<string, ComposeServiceImport> = {};
    for (const name of this.creationOrder()) {
      const s = p.services[name];
      try {
        const props = this.serviceProps(name, s, stack.namePrefix, network, volume, services);
        const decision = planKind({
          image: isComposeMap(s.build) || typeof s.image !== 'string' ? undefined : s.image,
          hasHealthCheck: s.healthcheck !== undefined && s.healthcheck !== null,
          command: props.command,
          environmentVariables: p.environmentVariables[name] ?? {},
          props,
          proxyExtension: s[PROXY_EXTENSION],
          built: services,
          fail: (field, value, message, fix) => {
            const keyPath = ['services', name, PROXY_EXTENSION, ...field];
            throw new ValidationError([composeProblem(p.locations.find(keyPath), keyPath, value, message, fix)]);
          },
        });
        kinds[name] = decision.report;
        if (s[PROXY_EXTENSION] !== undefined && decision.report.kind !== 'NginxProxy' && decision.report.recognisedAs !== 'NginxProxy') {
          this.warnings.push(`${this.at(['services', name, PROXY_EXTENSION])}: services.${name}.${PROXY_EXTENSION} is read on nginx images only: ignored`);
        }
        for (const note of decision.report.notes) if (decision.report.recognisedAs) this.warnings.push(`${this.at(['services', name])}: services.${name}: ${note}`);
        services[name] = construct(stack, name, decision.plan);
      } catch (error) {
        scope.node.tryRemoveChild(id);
        if (!ValidationError.isValidationError(error)) throw error;
        // Name the compose file and line beside the construct path.
        const where = formatLocation(p.locations.find(['services', name]));
        throw new ValidationError(error.problems.map((problem) => (problem.ruleId === 'compose' ? problem : { ...problem, path: `${problem.path} (${where})` })));
      }
    }
    this.warnCopiedPasswords(services);
    return { stack, services, kinds, networks, volumes, report: this.report, warnings: this.warnings, project: p, defects: this.defects };
  }

  /**
   * A Postgres password kept as a variable is still plain text wherever compose copied its value
   * (a `DATABASE_URL` built from the same variable): each copy is a warning with its place.
   */
  private warnCopiedPasswords(services: Readonly<Record<string, Service>>): void {
    for (const [owner, service] of Object.entries(services)) {
      const variable = Postgres.isPostgres(service) ? service.password.variableName : undefined;
      const value = this.project.services[owner].environment;
      const password = variable !== undefined && isComposeMap(value) ? value.POSTGRES_PASSWORD : undefined;
      if (typeof password !== 'string' || password === '') continue;
      for (const [name, s] of Object.entries(this.project.services)) {
        for (const [key, text] of Object.entries(isComposeMap(s.environment) ? s.environment : {})) {
          if ((name === owner && key === 'POSTGRES_PASSWORD') || typeof text !== 'string' || !text.includes(password)) continue;
          this.warnings.push(
            `${this.at(['services', name, 'environment', key])}: services.${name}.environment.${key} holds the value of \${${variable}}, the password of ${owner}: it stays plain text in the code and the synthesized Terraform; in code, pass ${owner}'s connectionUrl (a secret) through the service's secrets instead`,
          );
        }
      }
    }
  }

  /** Services after their dependencies (a depends_on cycle is a defect, see checkDependencies; with reportDefects, the edge that closes it is skipped here). */
  private creationOrder(): string[] {
    const order: string[] = [];
    const visit = (name: string, seen: readonly string[]): void => {
      if (order.includes(name) || seen.includes(name)) return;
      const service = this.project.services[name];
      for (const d of [...Object.keys(this.dependsOn(service)), ...proxyUpstreams(service[PROXY_EXTENSION])]) if (d in this.project.services) visit(d, [...seen, name]);
      order.push(name);
    };
    for (const name of Object.keys(this.project.services)) visit(name, []);
    return order;
  }

  private dependsOn(s: ComposeMap): ComposeMap {
    return isComposeMap(s.depends_on) ? s.depends_on : {};
  }

  private at(keyPath: KeyPath): string {
    return formatLocation(this.project.locations.find(keyPath));
  }

  private reportKeys(section: string, keyPath: KeyPath, map: ComposeMap): void {
    for (const [key, value] of Object.entries(map)) {
      if (value === undefined) continue;
      const row = keyRow(section, key);
      const full = [...keyPath, key];
      if (!row) {
        this.unsupported(full, value, 'a key the import does not know');
        continue;
      }
      this.report.push({ key: formatKeyPath(full), location: this.at(full), support: row.support, becomes: row.becomes });
      if (row.support === KeySupport.UNSUPPORTED) this.unsupported(full, value, row.becomes);
      const nested = `${section}.${key}`;
      if (section.startsWith('service') && isComposeMap(value) && nested in keyTable()) this.reportKeys(nested, full, value);
    }
  }

  private unsupported(keyPath: KeyPath, value: unknown, why: string): void {
    const location = this.project.locations.find(keyPath);
    if (this.options.allowUnsupported) {
      this.warnings.push(`${formatLocation(location)}: ${formatKeyPath(keyPath)} is not imported (${why})`);
    } else {
      this.problems.push(composeProblem(location, keyPath, value, `not supported by the import: ${why}`, 'remove the key, or pass allowUnsupported (--allow-unsupported) to import without it'));
    }
  }

  private reportService(name: string, s: ComposeMap): void {
    this.reportKeys('service', ['services', name], s);
    // Values of mapped keys the constructs cannot take.
    const at = (...rest: (string | number)[]): KeyPath => ['services', name, ...rest];
    const logging = isComposeMap(s.logging) ? s.logging : undefined;
    if (logging && logging.driver !== undefined && logging.driver !== 'json-file') this.unsupported(at('logging', 'driver'), logging.driver, 'only the json-file driver (LogRotation.jsonFile)');
    for (const option of Object.keys(isComposeMap(logging?.options) ? logging.options : {})) {
      if (option !== 'max-size' && option !== 'max-file') this.unsupported(at('logging', 'options', option), option, 'LogRotation.jsonFile takes max-size and max-file only');
    }
    const deploy = isComposeMap(s.deploy) ? s.deploy : {};
    if (deploy.mode !== undefined && deploy.mode !== 'replicated') this.unsupported(at('deploy', 'mode'), deploy.mode, 'only "replicated" (a fixed number of containers)');
    if (typeof s.network_mode === 'string' && !['host', 'bridge', 'none'].includes(s.network_mode)) this.unsupported(at('network_mode'), s.network_mode, 'only host, bridge and none');
    if (typeof s.restart === 'string' && !RESTART_TEXT.test(s.restart)) this.unsupported(at('restart'), s.restart, 'restart takes "no", "always", "unless-stopped" or "on-failure[:n]"');
    if (typeof s.ipc === 'string' && !['host', 'private', 'shareable'].includes(s.ipc)) this.unsupported(at('ipc'), s.ipc, 'only host, private and shareable');
    for (const [i, opt] of (Array.isArray(s.security_opt) ? s.security_opt : []).entries()) {
      if (!/^no-new-privileges(:true)?$/.test(scalarText(opt))) this.unsupported(at('security_opt', i), opt, 'the library sets no-new-privileges:true and no other option');
    }
    (Array.isArray(s.volumes) ? s.volumes : []).forEach((v, i) => {
      if (typeof v === 'string' && !v.includes(':')) this.unsupported(at('volumes', i), v, 'an anonymous volume: give it a name (a named volume keeps data across redeploys)');
      if (isComposeMap(v) && v.type === 'volume' && v.source === undefined) this.unsupported(at('volumes', i), v, 'an anonymous volume: give it a name');
    });
  }

  private defect(problem: ValidationProblem): void {
    (this.options.reportDefects ? this.defects : this.problems).push(problem);
  }

  /**
   * Services whose name, their construct id, is already an id in the imported stack: its provider's
   * (`docker`), a network's (`network-<name>`) or a volume's (`volume-<name>`). The constructs
   * library would refuse the second one without a file and line; the ids stay as they are, so that
   * the Terraform addresses of earlier imports do not move.
   */
  private constructIdClashes(stack: DockerStack): ValidationProblem[] {
    const taken = new Map<string, string>(stack.node.children.map((child) => [child.node.id, `the stack's own "${child.node.id}"`]));
    for (const name of ['default', ...Object.keys(this.project.networks)]) taken.set(`network-${name}`, `network "${name}"`);
    for (const name of Object.keys(this.project.volumes)) taken.set(`volume-${name}`, `volume "${name}"`);
    return Object.keys(this.project.services).flatMap((name) => {
      const owner = taken.get(name);
      const keyPath = ['services', name];
      return owner === undefined ? [] : [composeProblem(this.project.locations.find(keyPath), keyPath, name, `the import gives this service the construct id "${name}", which is already that of ${owner}`, 'rename the service, and the entries that name it (depends_on, links)')];
    });
  }

  /** `depends_on` must name a service: compose accepts a network alias nowhere, and the seeds wrote one. */
  private checkDependencies(): void {
    for (const [name, s] of Object.entries(this.project.services)) {
      for (const dependency of Object.keys(this.dependsOn(s))) {
        if (dependency in this.project.services) continue;
        const owner = Object.entries(this.project.services).find(([, other]) =>
          Object.values(isComposeMap(other.networks) ? other.networks : {}).some((n) => isComposeMap(n) && Array.isArray(n.aliases) && n.aliases.includes(dependency)),
        );
        const keyPath = ['services', name, 'depends_on', dependency];
        this.defect(
          composeProblem(
            this.project.locations.find(keyPath),
            keyPath,
            dependency,
            owner ? `"${dependency}" is a network alias of service "${owner[0]}", not a service: compose refuses it, and no start-up order follows` : `no service is named "${dependency}"`,
            owner ? `write depends_on: { ${owner[0]}: { condition: service_healthy } }` : `name one of: ${Object.keys(this.project.services).join(', ')}`,
          ),
        );
      }
    }
    for (const cycle of this.dependencyCycles()) {
      const keyPath = ['services', cycle[0], 'depends_on', cycle[1]];
      this.defect(composeProblem(this.project.locations.find(keyPath), keyPath, cycle.join(' -> '), 'depends_on forms a cycle: compose refuses it, and no service of it could start first', 'remove one depends_on of the cycle'));
    }
  }

  /**
   * Each depends_on cycle once, as the services along it from one back to itself (a -> b -> a),
   * starting where the walk in file order first met it.
   */
  private dependencyCycles(): string[][] {
    const services = this.project.services;
    const done = new Set<string>();
    const cycles: string[][] = [];
    const visit = (name: string, path: readonly string[]): void => {
      const start = path.indexOf(name);
      if (start >= 0) {
        cycles.push([...path.slice(start), name]);
        return;
      }
      if (done.has(name)) return;
      for (const dependency of Object.keys(this.dependsOn(services[name]))) if (dependency in services) visit(dependency, [...path, name]);
      done.add(name);
    };
    for (const name of Object.keys(services)) visit(name, []);
    return cycles;
  }

  /** A string command holding ` #`: a folded YAML block (`>`) keeps comment lines as arguments. */
  private checkCommands(): void {
    for (const [name, s] of Object.entries(this.project.services)) {
      for (const key of ['command', 'entrypoint']) {
        const value = s[key];
        if (typeof value !== 'string' || !/(^|\s)#/.test(value)) continue;
        const keyPath = ['services', name, key];
        const words = splitCommand(value);
        const from = words.findIndex((w) => w.startsWith('#'));
        this.defect(
          composeProblem(
            this.project.locations.find(keyPath),
            keyPath,
            words.slice(from, from + 6).join(' '),
            `the ${key} is one string holding "#": YAML folds the lines and keeps the "comments", so they reach the process as arguments`,
            `write ${key} as a list (one argument per item) and put comments on YAML lines of their own, outside the value`,
          ),
        );
      }
    }
  }

  private serviceProps(name: string, s: ComposeMap, prefix: string, network: (n: string) => StackNetwork, volume: (n: string) => NamedVolume, built: Record<string, Service>): ServiceProps {
    const p = this.project;
    const at = (...rest: (string | number)[]): string => this.at(['services', name, ...rest]);
    const deploy = isComposeMap(s.deploy) ? s.deploy : {};
    const resources = isComposeMap(deploy.resources) ? deploy.resources : {};
    const limits = isComposeMap(resources.limits) ? resources.limits : {};
    const reservations = isComposeMap(resources.reservations) ? resources.reservations : {};
    const cpus = limits.cpus ?? s.cpus;
    const memory = limits.memory ?? s.mem_limit;
    const reservation = reservations.memory ?? s.mem_reservation;
    const replicas = deploy.replicas ?? s.scale;
    const environment = Object.fromEntries(Object.entries(isComposeMap(s.environment) ? s.environment : {}).map(([k, v]) => [k, scalarText(v)]));
    const hostAccess = this.hostAccess(s, at());
    const { volumes, bindMounts, tmpfs } = this.mounts(name, s, volume);
    const files: FileUpload[] = [];
    for (const [kind, section] of [['secrets', p.secrets], ['configs', p.configs]] as const) {
      for (const ref of Array.isArray(s[kind]) ? (s[kind] as unknown[]) : []) {
        const source = isComposeMap(ref) ? scalarText(ref.source) : scalarText(ref);
        const def = section[source] ?? {};
        // As compose places them: a secret under /run/secrets/, a config at the root.
        const baseDirectory = kind === 'secrets' ? '/run/secrets/' : '/';
        const target = isComposeMap(ref) && typeof ref.target === 'string' ? `${ref.target.startsWith('/') ? '' : baseDirectory}${ref.target}` : `${baseDirectory}${source}`;
        if (typeof def.file === 'string') bindMounts.push({ source: path.resolve(p.projectDirectory, def.file), target, readOnly: true });
        else if (typeof def.content === 'string') files.push({ path: target, content: def.content });
        else if (typeof def.environment === 'string') files.push({ path: target, content: scalarText((this.options.environment ?? process.env)[def.environment] ?? '') });
      }
    }
    return {
      image: this.image(name, s, prefix),
      healthCheck: this.healthCheck(s),
      ...(typeof s.container_name === 'string' ? { containerName: s.container_name } : {}),
      ...(s.command !== undefined && s.command !== null ? { command: typeof s.command === 'string' ? splitCommand(s.command) : (s.command as unknown[]).map(String) } : {}),
      ...(s.entrypoint !== undefined && s.entrypoint !== null ? { entrypoint: typeof s.entrypoint === 'string' ? splitCommand(s.entrypoint) : (s.entrypoint as unknown[]).map(String) } : {}),
      ...(Object.keys(environment).length > 0 ? { environment } : {}),
      ports: (Array.isArray(s.ports) ? s.ports : []).flatMap((port, i) => this.port(port, ['services', name, 'ports', i])),
      networks: this.networks(s, network),
      volumes,
      bindMounts,
      files,
      ...(Object.keys(tmpfs).length > 0 ? { tmpfs } : {}),
      ...(cpus !== undefined ? { cpuLimit: Cpu.cores(Number(cpus)) } : {}),
      ...(memory !== undefined ? { memoryLimit: Size.parse(scalarText(memory)) } : {}),
      ...(reservation !== undefined ? { memoryReservation: Size.parse(scalarText(reservation)) } : {}),
      ...(s.shm_size !== undefined ? { shmSize: Size.parse(scalarText(s.shm_size)) } : {}),
      restartPolicy: this.restart(s, deploy),
      ...(isComposeMap(s.logging) ? { logging: this.logging(s.logging) } : {}),
      ...(s.user !== undefined ? { user: scalarText(s.user) } : {}),
      ...(s.working_dir !== undefined ? { workingDir: scalarText(s.working_dir) } : {}),
      ...(s.init === true ? { init: true } : {}),
      ...(s.read_only === true ? { readOnlyRootFilesystem: true } : {}),
      ...(Array.isArray(s.cap_add) ? { capabilities: (s.cap_add as unknown[]).map((c) => (scalarText(c).startsWith('CAP_') ? scalarText(c) : `CAP_${scalarText(c)}`) as Capability) } : {}),
      ...(isComposeMap(s.labels) ? { labels: Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, scalarText(v ?? '')])) } : {}),
      ...(replicas !== undefined ? { replicas: Number(replicas) } : {}),
      ...(s.stop_grace_period !== undefined ? { stopGracePeriod: Duration.parse(scalarText(s.stop_grace_period)) } : {}),
      ...(typeof s.stop_signal === 'string' ? { stopSignal: s.stop_signal as ServiceProps['stopSignal'] } : {}),
      dependsOn: Object.keys(this.dependsOn(s)).filter((d) => d in built).map((d) => built[d]),
      ...(hostAccess ? { hostAccess } : {}),
    };
  }

  private image(name: string, s: ComposeMap, prefix: string): ContainerImage {
    const build = isComposeMap(s.build) ? s.build : undefined;
    if (build) {
      // Compose tags a built image <project>-<service>; a version-like tag keeps CDS-IMAGE-UNPINNED for images that really float.
      const tag = typeof s.image === 'string' ? s.image : `${prefix}-${name}:build`;
      const args = Object.fromEntries(Object.entries(isComposeMap(build.args) ? build.args : {}).map(([k, v]) => [k, scalarText(v ?? '')]));
      return ContainerImage.fromBuild(scalarText(build.context ?? this.project.projectDirectory), { tag, ...(typeof build.dockerfile === 'string' ? { dockerfile: build.dockerfile } : {}), ...(Object.keys(args).length > 0 ? { buildArgs: args } : {}) });
    }
    return ContainerImage.fromRegistry(scalarText(s.image));
  }

  private healthCheck(s: ComposeMap): HealthCheck {
    const h = isComposeMap(s.healthcheck) ? s.healthcheck : undefined;
    if (!h || h.disable === true) return HealthCheck.none();
    const options: HealthCheckOptions = {
      ...(h.interval !== undefined ? { interval: Duration.parse(scalarText(h.interval)) } : {}),
      ...(h.timeout !== undefined ? { timeout: Duration.parse(scalarText(h.timeout)) } : {}),
      ...(h.retries !== undefined ? { retries: Number(h.retries) } : {}),
      ...(h.start_period !== undefined ? { startPeriod: Duration.parse(scalarText(h.start_period)) } : {}),
      ...(h.start_interval !== undefined ? { startInterval: Duration.parse(scalarText(h.start_interval)) } : {}),
    };
    const test = h.test;
    if (typeof test === 'string') return HealthCheck.shell(test, toolsRun(['sh', '-c', test]).filter((t) => t !== 'sh'), options);
    const argv = Array.isArray(test) ? test.map(String) : [];
    if (argv[0] === 'NONE') return HealthCheck.none();
    if (argv[0] === 'CMD-SHELL') return HealthCheck.shell(argv.slice(1).join(' '), toolsRun(['sh', '-c', argv.slice(1).join(' ')]).filter((t) => t !== 'sh'), options);
    return HealthCheck.command(argv[0] === 'CMD' ? argv.slice(1) : argv, options);
  }

  private port(value: unknown, keyPath: KeyPath): PortMapping[] {
    const parsed = parsePort(value);
    if (typeof parsed === 'string') {
      this.unsupportedNow(keyPath, value, parsed);
      return [];
    }
    return parsed.map((m) => {
      const make = (n: number): Port => (m.protocol === 'udp' ? Port.udp(n) : Port.tcp(n));
      return { containerPort: make(m.target), hostPort: make(m.published ?? m.target), hostIp: m.hostIp ?? '0.0.0.0' };
    });
  }

  /** A problem found while building (after the key checks), thrown at once. */
  private unsupportedNow(keyPath: KeyPath, value: unknown, why: string): void {
    if (this.options.allowUnsupported) this.warnings.push(`${this.at(keyPath)}: ${formatKeyPath(keyPath)} is not imported (${why})`);
    else throw new ValidationError([composeProblem(this.project.locations.find(keyPath), keyPath, value, `not supported by the import: ${why}`, 'rewrite the value, or pass allowUnsupported')]);
  }

  private networks(s: ComposeMap, network: (n: string) => StackNetwork): NetworkAttachment[] {
    if (typeof s.network_mode === 'string') return [];
    const attached = isComposeMap(s.networks) ? s.networks : { default: null };
    return Object.entries(attached).map(([name, a]) => ({ network: network(name), ...(isComposeMap(a) && Array.isArray(a.aliases) ? { aliases: (a.aliases as unknown[]).map(String) } : {}) }));
  }

  private mounts(name: string, s: ComposeMap, volume: (n: string) => NamedVolume): { volumes: VolumeMount[]; bindMounts: BindMount[]; tmpfs: Record<string, Size> } {
    const volumes: VolumeMount[] = [];
    const bindMounts: BindMount[] = [];
    const tmpfs: Record<string, Size> = {};
    for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
      if (typeof v === 'string') {
        const [source, target, mode = ''] = v.split(':');
        if (target === undefined) continue;
        const readOnly = mode.split(',').includes('ro');
        if (path.isAbsolute(source)) bindMounts.push({ source, target, readOnly });
        else volumes.push({ volume: volume(source), target, readOnly });
      } else if (isComposeMap(v)) {
        const readOnly = v.read_only === true;
        if (v.type === 'bind') bindMounts.push({ source: scalarText(v.source), target: scalarText(v.target), readOnly });
        else if (v.type === 'tmpfs') tmpfs[scalarText(v.target)] = isComposeMap(v.tmpfs) && v.tmpfs.size !== undefined ? Size.parse(typeof v.tmpfs.size === 'number' ? `${v.tmpfs.size}b` : scalarText(v.tmpfs.size)) : DEFAULT_TMPFS;
        else if (v.source !== undefined) volumes.push({ volume: volume(scalarText(v.source)), target: scalarText(v.target), readOnly });
      }
    }
    for (const t of typeof s.tmpfs === 'string' ? [s.tmpfs] : Array.isArray(s.tmpfs) ? s.tmpfs.map(String) : []) {
      const [target, options = ''] = t.split(':');
      const size = /(?:^|,)size=([^,]+)/.exec(options)?.[1];
      tmpfs[target] = size ? Size.parse(/^\d+$/.test(size) ? `${size}b` : size) : DEFAULT_TMPFS;
    }
    void name;
    return { volumes, bindMounts, tmpfs };
  }

  private restart(s: ComposeMap, deploy: ComposeMap): RestartPolicy {
    const policy = isComposeMap(deploy.restart_policy) ? deploy.restart_policy : undefined;
    // Other text is a problem (reportService), or with allowUnsupported not imported: the default below.
    if (typeof s.restart === 'string' && RESTART_TEXT.test(s.restart)) {
      const onFailure = /^on-failure(?::(\d+))?$/.exec(s.restart);
      if (onFailure) return RestartPolicy.onFailure(onFailure[1] !== undefined ? Number(onFailure[1]) : 5);
      if (s.restart === 'no') return RestartPolicy.never();
      return RestartPolicy.unlessStopped();
    }
    if (policy) {
      if (policy.condition === 'none') return RestartPolicy.never();
      if (policy.condition === 'any') return RestartPolicy.unlessStopped();
      return RestartPolicy.onFailure(policy.max_attempts !== undefined ? Number(policy.max_attempts) : 5);
    }
    return RestartPolicy.onFailure(5);
  }

  private logging(logging: ComposeMap): LogRotation {
    const options = isComposeMap(logging.options) ? logging.options : {};
    return LogRotation.jsonFile({
      ...(options['max-size'] !== undefined ? { maxSize: Size.parse(scalarText(options['max-size'])) } : {}),
      ...(options['max-file'] !== undefined ? { maxFiles: Number(options['max-file']) } : {}),
    });
  }

  private hostAccess(s: ComposeMap, where: string): HostAccess | undefined {
    const access: HostAccess = {
      reason: `imported from the compose file (${where})`,
      ...(s.privileged === true ? { privileged: true } : {}),
      ...(s.network_mode === 'host' ? { hostNetwork: true } : {}),
      ...(s.pid === 'host' ? { hostPid: true } : {}),
      ...(s.ipc === 'host' ? { hostIpc: true } : {}),
    };
    return Object.keys(access).length > 1 ? access : undefined;
  }
}
