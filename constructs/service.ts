import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { container as dockerContainer, service as dockerService } from '../.gen/providers/docker';
import { id as randomId } from '../.gen/providers/random';
import { Capability } from './capability';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { ValidationError, ValidationProblem } from './errors';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { PROXY_DNS_CACHE_VALIDITY_MILLIS, START_FIRST_LEAST_FIRST_PROBE_MILLIS } from './limits';
import { LogRotation } from './logging';
import { StackNetwork } from './network';
import { Port } from './port';
import { brand, hasBrand } from './private/brand';
import { createGeneration } from './private/generation-keepers';
import { CONTAINER_NAME_PATTERN, derivedNameProblem, SERVICE_NAME_PATTERN } from './private/names';
import { ABSOLUTE_PATH, ENV_KEY, memoryReservationProblem, REPLICAS_MAX, SERVICE_DEFAULT_MEMORY_LIMIT, servicePropsSchema } from './private/service-schema';
import { stackContextOf } from './private/stack-context';
import { statefulKindOf } from './private/stateful-kinds';
import { SwarmServiceRenderer } from './private/swarm-service';
import { targetPropProblems } from './private/target-props';
import { terraformLiteral } from './private/terraform-literal';
import { dependsOnReference } from './private/terraform-address';
import { childPath, parseProps } from './private/validation';
import { PublishedPort } from './published-port';
import { RestartPolicy } from './restart-policy';
import { Secret } from './secret';
import { Size } from './size';
import type { ServiceContainerSettings } from './service-container-settings';
import type { SwarmPlacement, SwarmServiceOptions } from './swarm-service-options';
import { UpdateOrder } from './update-order';
import { NamedVolume } from './volume';

export { REPLICAS_MAX };

/** Label keys this library puts on every container. */
export const SERVICE_LABELS = {
  stack: 'org.cdktf-docker-stacks.stack',
  service: 'org.cdktf-docker-stacks.service',
  healthCheck: 'org.cdktf-docker-stacks.health-check',
} as const;


/** A container port published on the host. */
export interface PortMapping {
  /** Port inside the container. */
  readonly containerPort: Port;
  /**
   * Port on the host.
   * @default - the same number as the container port
   */
  readonly hostPort?: Port;
  /**
   * Host address to bind.
   * @default "127.0.0.1" (or "0.0.0.0" when the service is public)
   */
  readonly hostIp?: string;
}

/** A network the service joins. */
export interface NetworkAttachment {
  /** Network to join; the service's name resolves there for every other container on it. */
  readonly network: StackNetwork;
  /**
   * Extra DNS names on this network (the service's id is always one).
   * @default - none
   */
  readonly aliases?: readonly string[];
}

/** A named volume mounted into the service. */
export interface VolumeMount {
  /** Volume to mount; the engine creates it on first use and keeps it when the container goes. */
  readonly volume: NamedVolume;
  /** Absolute path inside the container. */
  readonly target: string;
  /**
   * Mount read-only. Only read-only mounts are accepted with several replicas or
   * `UpdateOrder.START_FIRST`, where two containers would write to one volume.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A host directory or file mounted into the service (code, certificates, init scripts). */
export interface BindMount {
  /** Absolute path on the Docker host. */
  readonly source: string;
  /** Absolute path inside the container. */
  readonly target: string;
  /**
   * Read-only unless the service must write there.
   * @default true
   */
  readonly readOnly?: boolean;
}

/** A file written into the container before it starts (generated configuration). */
export interface FileUpload {
  /** Absolute path inside the container. */
  readonly path: string;
  /** Text of the file; may be a token resolved at synth time (a configuration rendered from routes added later). */
  readonly content: string;
  /**
   * Make the file executable (a script the entrypoint or cron runs).
   * @default false
   */
  readonly executable?: boolean;
}

/** Opt-ins for access to the host, each of which a review must see. */
export interface HostAccess {
  /** Why the service needs it; required, shown in reviews. */
  readonly reason: string;
  /**
   * Run privileged: every capability and every host device, so the container controls the host.
   * @default false
   */
  readonly privileged?: boolean;
  /**
   * Share the host's network stack (`network_mode = host`): the service listens on the host's
   * own addresses.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Share the host's process namespace: the container sees every process of the host.
   * @default false
   */
  readonly hostPid?: boolean;
  /**
   * Share the host's IPC namespace (shared memory, semaphores) instead of a private one.
   * @default false
   */
  readonly hostIpc?: boolean;
  /**
   * Allow a bind mount of the Docker socket (`/var/run/docker.sock` or `/run/docker.sock`),
   * which controls the whole engine. It adds no mount: list the socket in `bindMounts`.
   * @default false
   */
  readonly dockerSocket?: boolean;
}

/**
 * Props of a Service. The image and the health check are required; everything else has a
 * default, chosen to be the safe one.
 */
export interface ServiceProps extends SwarmServiceOptions {
  /** Image the containers run. */
  readonly image: ContainerImage;
  /**
   * How Docker decides the service is healthy. Required: pass `HealthCheck.none()` to opt out,
   * which forbids others from depending on this service.
   */
  readonly healthCheck: HealthCheck;
  /**
   * Container name (with several replicas: `<name>-<n>`). Single engine only: Swarm names its tasks.
   * @default - `<stack name prefix>-<construct id>`
   */
  readonly containerName?: string;
  /**
   * Command, as an argument array (never a folded string: comments would become arguments).
   * @default - the image's CMD
   */
  readonly command?: readonly string[];
  /**
   * Entrypoint, as an argument array.
   * @default - the image's ENTRYPOINT
   */
  readonly entrypoint?: readonly string[];
  /**
   * Plain environment variables. Put passwords and keys in `secrets`.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Sensitive environment variables, passed as Terraform sensitive values.
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, Secret>>;
  /**
   * Published ports. Bound to 127.0.0.1 unless the service is `public`.
   * @default - none
   */
  readonly ports?: readonly PortMapping[];
  /**
   * Bind published ports on all host addresses by default.
   * @default false
   */
  readonly public?: boolean;
  /**
   * Networks to join; the service's id is a DNS alias on each.
   * @default - none (the engine's default bridge is never used)
   */
  readonly networks?: readonly NetworkAttachment[];
  /**
   * Named volumes.
   * @default - none
   */
  readonly volumes?: readonly VolumeMount[];
  /**
   * Host paths, read-only by default.
   * @default - none
   */
  readonly bindMounts?: readonly BindMount[];
  /**
   * Files written into the container before start.
   * @default - none
   */
  readonly files?: readonly FileUpload[];
  /**
   * CPU limit.
   * @default Cpu.cores(1)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled (memory_swap = memory).
   * @default Size.mebibytes(512)
   */
  readonly memoryLimit?: Size;
  /**
   * Memory reservation (soft limit); at most memoryLimit, which the engine requires.
   * @default - none
   */
  readonly memoryReservation?: Size;
  /**
   * Size of /dev/shm.
   * @default - the engine's default (64 MiB)
   */
  readonly shmSize?: Size;
  /**
   * What Docker does when the container stops. Bounded by default, so a crash loop ends as an
   * exited container with its logs.
   * @default RestartPolicy.onFailure(5)
   */
  readonly restartPolicy?: RestartPolicy;
  /**
   * Log driver and rotation; every option is written out, so the daemon's defaults never apply.
   * @default LogRotation.jsonFile() (10 MiB x 3)
   */
  readonly logging?: LogRotation;
  /**
   * User (name or uid[:gid]) the process runs as.
   * @default - the image's USER
   */
  readonly user?: string;
  /**
   * Mount the root file system read-only; give writable paths in `tmpfs`.
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * tmpfs mounts: path inside the container -> size.
   * @default - none
   */
  readonly tmpfs?: Readonly<Record<string, Size>>;
  /**
   * Capabilities added back; all others are dropped.
   * @default - none
   */
  readonly capabilities?: readonly Capability[];
  /**
   * Labels on every container.
   * @default - only the library's own labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Identical containers to run (on Swarm: tasks of the service, placed by `placement`).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Time the process gets after SIGTERM (or `stopSignal`) before it is killed, on stop and destroy.
   * @default Duration.seconds(10)
   */
  readonly stopGracePeriod?: Duration;
  /**
   * Signal sent to stop the process.
   * @default - the image's STOPSIGNAL
   */
  readonly stopSignal?: 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGKILL' | 'SIGHUP' | 'SIGUSR1' | 'SIGUSR2';
  /**
   * Services that must be healthy before this one is created.
   * @default - none
   */
  readonly dependsOn?: readonly Service[];
  /**
   * Working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * Run an init process (tini) as PID 1 to reap zombies and forward signals.
   * @default false
   */
  readonly init?: boolean;
  /**
   * Access to the host. Without it, privileged mode, host namespaces and the Docker socket are refused.
   * @default - none
   */
  readonly hostAccess?: HostAccess;
  /**
   * How a deploy replaces the containers when their image or configuration changes.
   * `UpdateOrder.START_FIRST` starts the new container beside the old one and removes the old
   * one only once the new one is healthy; it rules out host ports, writable named volumes and
   * `containerName`, and needs a health check.
   * @default UpdateOrder.STOP_FIRST
   */
  readonly updateOrder?: UpdateOrder;
}

/**
 * Props every kind construct (Postgres, Redis, ...) accepts: a Service's props, with the
 * image and health check defaulted by the kind. Values given here override the kind's defaults.
 */
export interface KindProps extends Omit<ServiceProps, 'image' | 'healthCheck'> {
  /**
   * Image the containers run.
   * @default - the kind's pinned default image
   */
  readonly image?: ContainerImage;
  /**
   * How Docker decides the service is healthy.
   * @default - the kind's own health check
   */
  readonly healthCheck?: HealthCheck;
}

export type { ServiceContainerSettings } from './service-container-settings';

/** Margin added to a health check's worst case for Terraform's `wait_timeout`. */
export const WAIT_TIMEOUT_MARGIN = Duration.seconds(30);

/**
 * The one hardened service: validated props in, `docker_container` resources out. Every kind
 * construct (Postgres, Redis, ...) is a Service with opinions.
 *
 * Defaults are the safe ones: ports on 127.0.0.1, all capabilities dropped, no new
 * privileges, rotated json-file logs, bounded restarts, cpu and memory limits.
 */
export class Service extends Construct {
  /** True for a Service (or kind) of any installed copy of this library (a brand check, not `instanceof`). */
  static isService(this: void, value: unknown): value is Service {
    return hasBrand(value, 'Service');
  }

  /** The containers, one per replica; the first has the id `Resource`. Empty on Swarm (see `swarmService`). */
  readonly containers: readonly dockerContainer.Container[];
  /**
   * Container names (on Swarm, the one service name); with `UpdateOrder.START_FIRST` each gets a generation suffix
   * (`<name>-<6 hex digits>`), which these names do not include.
   */
  readonly containerNames: readonly string[];
  /** Logical name: DNS alias on every network, and label value. */
  readonly serviceName: string;
  /** Image the containers run. */
  readonly image: ContainerImage;
  /** How Docker decides the containers are healthy; `HealthCheck.none()` when the service opted out. */
  readonly healthCheck: HealthCheck;
  /** True when `public` was given: published ports bind to 0.0.0.0 unless a mapping names an address. */
  readonly isPublic: boolean;
  /** The host access granted, with its reason; undefined when none was. */
  readonly hostAccess: HostAccess | undefined;
  /** What Docker does when a container stops: `restartPolicy`, else `RestartPolicy.onFailure(5)`. */
  readonly restartPolicy: RestartPolicy;
  /** How a deploy replaces the containers: `updateOrder`, else `UpdateOrder.STOP_FIRST`. */
  readonly updateOrder: UpdateOrder;
  /**
   * With `UpdateOrder.START_FIRST`: the generation whose hex id suffixes the container names.
   * Its keepers digest the whole container configuration, so any change that replaces the
   * containers also gives them new names, and old and new can exist side by side.
   */
  readonly generation: randomId.Id | undefined;

  private readonly environment = new Map<string, string>();
  private readonly secretEnvironment = new Map<string, Secret>();
  private readonly publishedPorts: PublishedPort[] = [];
  private readonly attachments: Required<NetworkAttachment>[] = [];
  private readonly volumeMounts: Required<VolumeMount>[] = [];
  private readonly binds: Required<BindMount>[] = [];
  private readonly uploads: FileUpload[] = [];
  private readonly dependencies: Service[] = [];
  private readonly imageId: string;
  private readonly swarm: SwarmServiceRenderer | undefined;
  /** Tasks (Swarm) or containers (engine) the service runs. */
  private readonly replicaCount: number;
  private readonly validatedProps: ServiceProps;
  private readonly containerLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    // Validate before the node exists, so a rejected service leaves nothing in the tree.
    const path = childPath(scope, id);
    const p = parseProps(path, servicePropsSchema, props) as ServiceProps;
    const stack = stackContextOf(scope);
    const serviceName = id.toLowerCase();
    const baseName = p.containerName ?? `${stack.namePrefix}-${serviceName}`;
    const problems = [
      // One problem per id: a bad DNS name can only be fixed in the id, so it is the one reported.
      derivedNameProblem(path, id, 'DNS name', serviceName, SERVICE_NAME_PATTERN, undefined) ??
        // Stryker disable next-line ConditionalExpression: equivalent (parseProps has already refused a given containerName that fails the same pattern)
        (p.containerName === undefined ? derivedNameProblem(path, id, 'container name', baseName, CONTAINER_NAME_PATTERN, 'containerName') : undefined),
      memoryReservationProblem(path, p),
      ...targetPropProblems(path, stack.target, p),
      startIntervalProblem(path, p.healthCheck, stack.probesStartInterval),
      ...(p.updateOrder === UpdateOrder.START_FIRST ? startFirstProblems(path, p, stack.probesStartInterval) : []),
      ...Object.entries(p.secrets ?? {}).flatMap(([key, secret]) => secret.problemsIn(scope, path, `secrets.${key}`)),
      ...(p.dependsOn ?? []).map((dependency) => crossStackDependencyProblem(path, scope, dependency)),
    ].filter((problem): problem is ValidationProblem => problem !== undefined);
    if (problems.length > 0) throw new ValidationError(problems);
    super(scope, id);
    brand(this, 'Service');
    this.serviceName = serviceName;
    this.image = p.image;
    this.healthCheck = p.updateOrder === UpdateOrder.START_FIRST ? startFirstHealthCheck(p.healthCheck) : p.healthCheck;
    this.isPublic = p.public ?? false;
    this.hostAccess = p.hostAccess;
    this.restartPolicy = p.restartPolicy ?? RestartPolicy.onFailure(5);
    this.updateOrder = p.updateOrder ?? UpdateOrder.STOP_FIRST;
    const replicas = p.replicas ?? 1;
    const onSwarm = stack.target.isSwarm;
    this.replicaCount = replicas;
    // On Swarm one service runs every replica: its name stands for all of them.
    this.containerNames = replicas === 1 || onSwarm ? [baseName] : Array.from({ length: replicas }, (_, i) => `${baseName}-${i + 1}`);
    // Swarm nodes pull the image by reference themselves; an engine gets a docker_image.
    this.imageId = onSwarm ? this.image.reference : this.image.bind(stack);
    this.validatedProps = p;

    const memory = (p.memoryLimit ?? SERVICE_DEFAULT_MEMORY_LIMIT).toMebibytes();
    const log = (p.logging ?? LogRotation.jsonFile()).render();
    const grace = (p.stopGracePeriod ?? Duration.seconds(10)).toSecondsCeil();
    const engine = { startInterval: stack.probesStartInterval };
    const labels = { ...(p.labels ?? {}), [SERVICE_LABELS.stack]: stack.namePrefix, [SERVICE_LABELS.service]: this.serviceName, [SERVICE_LABELS.healthCheck]: this.healthCheck.hash(engine) };
    this.containerLabels = labels;
    const health = this.healthCheck.render(engine);
    const hostAccess = p.hostAccess;
    this.generation = !onSwarm && this.updateOrder === UpdateOrder.START_FIRST ? createGeneration(this, stack, () => this.containers) : undefined;
    const suffix = this.generation ? `-${this.generation.hex}` : '';

    this.swarm = onSwarm
      ? new SwarmServiceRenderer(this, {
          ...this.containerSettingsOf(p, labels),
          name: baseName,
          serviceName,
          target: stack.target,
          image: this.imageId,
          healthCheck: this.healthCheck,
          restartPolicy: this.restartPolicy,
          cpuReservation: p.cpuReservation,
          placement: p.placement,
          givenOrder: p.updateOrder,
          isStateful: () => statefulKindOf(this) !== undefined,
        })
      : undefined;
    this.containers = onSwarm ? [] : this.containerNames.map(
      (name, index) =>
        new dockerContainer.Container(this, index === 0 ? 'Resource' : `Replica${index + 1}`, {
          name: `${name}${suffix}`,
          image: this.imageId,
          command: p.command?.map(terraformLiteral),
          entrypoint: p.entrypoint?.map(terraformLiteral),
          user: p.user,
          workingDir: p.workingDir,
          init: p.init,
          memory,
          memorySwap: memory,
          memoryReservation: p.memoryReservation?.toMebibytes(),
          cpus: (p.cpuLimit ?? Cpu.cores(1)).toProviderString(),
          shmSize: p.shmSize?.toMebibytes(),
          restart: this.restartPolicy.name,
          maxRetryCount: this.restartPolicy.name === 'on-failure' ? this.restartPolicy.maxRetries : undefined,
          logDriver: log.driver,
          logOpts: log.options,
          readOnly: p.readOnlyRootFilesystem ?? false,
          tmpfs: p.tmpfs ? Object.fromEntries(Object.entries(p.tmpfs).map(([path, s]) => [path, `size=${s.toBytes()}`])) : undefined,
          capabilities: { drop: ['ALL'], add: [...(p.capabilities ?? [])].sort() },
          securityOpts: ['no-new-privileges:true'],
          privileged: hostAccess?.privileged ?? false,
          networkMode: hostAccess?.hostNetwork ? 'host' : 'bridge',
          pidMode: hostAccess?.hostPid ? 'host' : undefined,
          ipcMode: hostAccess?.hostIpc ? 'host' : 'private',
          labels: Object.entries(labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([label, value]) => ({ label, value: terraformLiteral(value) })),
          healthcheck: health ? { ...health, test: health.test.map(terraformLiteral) } : undefined,
          wait: health !== undefined,
          waitTimeout: health ? this.healthCheck.worstCaseStart().plus(WAIT_TIMEOUT_MARGIN).toSecondsCeil() : undefined,
          stopSignal: p.stopSignal,
          stopTimeout: grace,
          destroyGraceSeconds: grace,
          mustRun: true,
          lifecycle: this.generation ? { createBeforeDestroy: true } : undefined,
        }),
    );

    for (const [key, value] of Object.entries(p.environment ?? {})) this.addEnvironment(key, value);
    for (const [key, secret] of Object.entries(p.secrets ?? {})) this.addSecret(key, secret);
    for (const mapping of p.ports ?? []) this.addPort(mapping);
    for (const attachment of p.networks ?? []) this.connect(attachment.network, attachment.aliases);
    for (const mount of p.volumes ?? []) this.mountVolume(mount.volume, mount.target, { readOnly: mount.readOnly });
    for (const bind of p.bindMounts ?? []) this.mountHostPath(bind);
    for (const file of p.files ?? []) this.addFile(file);
    for (const dependency of p.dependsOn ?? []) this.addDependency(dependency);
  }

  /** Adds a plain environment variable; a key already set (plain or secret) throws. */
  addEnvironment(key: string, value: string): void {
    this.assertNewEnvKey(key, 'addEnvironment');
    this.environment.set(key, value);
    this.renderEnvironment();
  }

  /**
   * Adds a sensitive environment variable. A secret generated in another stack is refused:
   * that stack's Terraform state holds its value.
   */
  addSecret(key: string, secret: Secret): void {
    this.assertNewEnvKey(key, 'addSecret');
    const problems = secret.problemsIn(this, this.node.path, `secrets.${key}`);
    if (problems.length > 0) throw new ValidationError(problems);
    this.secretEnvironment.set(key, secret);
    this.swarm?.addSecret(key, secret.resolve(this));
    this.renderEnvironment();
  }

  /** Publishes a container port; one binding per container port, host addresses 127.0.0.1 by default. */
  addPort(mapping: PortMapping): void {
    if (this.updateOrder === UpdateOrder.START_FIRST) {
      this.fail('ports', mapping.containerPort, START_FIRST_PORT_PROBLEM, START_FIRST_PORT_FIX);
    }
    if (this.containers.length > 1) {
      this.fail('ports', mapping.containerPort, `${this.containerNames.length} replicas cannot publish one host port`, 'publish the port from a proxy in front of the replicas, or use one replica');
    }
    if (this.publishedPorts.some((p) => p.containerPort.equals(mapping.containerPort))) {
      this.fail('ports', mapping.containerPort, 'this container port is already published', 'publish each container port once');
    }
    const hostPort = mapping.hostPort ?? mapping.containerPort;
    if (hostPort.protocol !== mapping.containerPort.protocol) {
      this.fail('ports', hostPort, 'host and container port protocols differ', 'use the same protocol on both sides');
    }
    this.publishedPorts.push({ hostIp: mapping.hostIp ?? (this.isPublic ? '0.0.0.0' : '127.0.0.1'), hostPort, containerPort: mapping.containerPort });
    this.forEachContainer((c) =>
      c.putPorts(this.publishedPorts.map((p) => ({ internal: p.containerPort.number, external: p.hostPort.number, ip: p.hostIp, protocol: p.containerPort.protocol }))),
    );
  }

  /** Joins a network; the service's name is always a DNS alias there. */
  connect(network: StackNetwork, aliases: readonly string[] = []): void {
    if (this.hostAccess?.hostNetwork) {
      // The engine refuses it at deploy time: "container sharing network namespace with another container or host cannot be connected to any other network".
      this.fail('networks', network.networkName, 'a service on the host network uses the host\'s network stack and cannot join a network', 'remove the network, or drop hostAccess.hostNetwork');
    }
    if (this.attachments.some((a) => a.network === network)) {
      this.fail('networks', network.networkName, 'the service already joins this network', 'connect each network once');
    }
    this.attachments.push({ network, aliases });
    this.forEachContainer((c) =>
      c.putNetworksAdvanced(this.attachments.map((a) => ({ name: a.network.networkId, aliases: [...new Set([this.serviceName, ...a.aliases])].sort() }))),
    );
  }

  /** Mounts a named volume. */
  mountVolume(volume: NamedVolume, target: string, options: { readonly readOnly?: boolean } = {}): void {
    this.assertNewMountTarget(target);
    if (this.updateOrder === UpdateOrder.START_FIRST && !options.readOnly) {
      this.fail('volumes', target, START_FIRST_VOLUME_PROBLEM, START_FIRST_VOLUME_FIX);
    }
    if (this.replicaCount > 1 && !options.readOnly) {
      this.fail('volumes', target, `${this.replicaCount} replicas would write to one volume`, 'mount it read-only, or use one replica');
    }
    this.volumeMounts.push({ volume, target, readOnly: options.readOnly ?? false });
    this.renderMounts();
  }

  /** Mounts a host path, read-only unless told otherwise. */
  mountHostPath(bind: BindMount): void {
    this.assertNewMountTarget(bind.target);
    this.binds.push({ ...bind, readOnly: bind.readOnly ?? true });
    this.renderMounts();
  }

  /**
   * Writes a file into the container before it starts. `content` may be a token that resolves
   * at synth time (a configuration rendered from routes added later); a path written twice throws.
   */
  addFile(file: FileUpload): void {
    if (!ABSOLUTE_PATH.test(file.path)) this.fail('files.path', file.path, 'not an absolute path', 'start the path with "/"');
    if (this.uploads.some((u) => u.path === file.path)) this.fail('files.path', file.path, 'two files at the same path', 'write each path once');
    this.uploads.push(file);
    this.swarm?.addFile(file.path, file.content, file.executable ?? false);
    this.forEachContainer((c) => c.putUpload(this.uploads.map((u) => ({ file: u.path, content: terraformLiteral(u.content), executable: u.executable ?? false }))));
  }

  /** Files written into the container before start. */
  get files(): readonly FileUpload[] {
    return this.uploads;
  }

  /**
   * This service is created only once `dependency` is healthy. Both must be in one stack:
   * `depends_on` cannot reach into another Terraform state.
   */
  addDependency(dependency: Service): void {
    if (dependency === this) this.fail('dependsOn', dependency.serviceName, 'a service cannot depend on itself', 'remove it from dependsOn');
    const crossStack = crossStackDependencyProblem(this.node.path, this, dependency);
    if (crossStack) throw new ValidationError([crossStack]);
    if (this.dependencies.includes(dependency)) return;
    this.dependencies.push(dependency);
    this.forEachContainer((c) => {
      c.dependsOn = [...(c.dependsOn ?? []), ...dependency.containers.map(dependsOnReference)];
    });
    // Stryker disable next-line LogicalOperator: equivalent (both services have their stack's one target: the cross-stack check above refuses any other)
    if (this.swarm && dependency.swarmService) this.swarm.addDependency(dependency.swarmService);
  }

  /** Identical containers (engine) or tasks (Swarm) the service runs: `replicas`, else 1. */
  get replicas(): number {
    return this.replicaCount;
  }

  /** Where the tasks run on a Swarm target: `placement`; undefined when not given. */
  get placement(): SwarmPlacement | undefined {
    return this.validatedProps.placement;
  }

  /** On a Swarm target, the `docker_service` (id `Resource`, escape hatch); undefined on a single engine. */
  get swarmService(): dockerService.Service | undefined {
    return this.swarm?.resource;
  }

  /** Published ports, for rules and documentation. */
  get ports(): readonly PublishedPort[] {
    return this.publishedPorts;
  }

  /** Networks joined, from `networks` and `connect()`, with their extra aliases. */
  get networks(): readonly Required<NetworkAttachment>[] {
    return this.attachments;
  }

  /** Services that must be healthy before this one is created, from `dependsOn` and `addDependency()`. */
  get dependsOn(): readonly Service[] {
    return this.dependencies;
  }

  /** Named volumes mounted, from `volumes` and `mountVolume()`, with `readOnly` filled in. */
  get volumes(): readonly Required<VolumeMount>[] {
    return this.volumeMounts;
  }

  /** Host paths mounted, from `bindMounts` and `mountHostPath()`, with `readOnly` filled in. */
  get bindMounts(): readonly Required<BindMount>[] {
    return this.binds;
  }

  /** Sensitive environment variables by name, from `secrets` and `addSecret()`; kinds add their own (Postgres' `POSTGRES_PASSWORD`). */
  get secrets(): ReadonlyMap<string, Secret> {
    return this.secretEnvironment;
  }

  /** Plain environment variables by name, from `environment` and `addEnvironment()`; kinds add their own. */
  get environmentVariables(): ReadonlyMap<string, string> {
    return this.environment;
  }

  /** How the containers run (command, user, limits, logging, ...), with every default filled in. */
  get containerSettings(): ServiceContainerSettings {
    return this.containerSettingsOf(this.validatedProps, this.containerLabels);
  }

  private containerSettingsOf(p: ServiceProps, labels: Readonly<Record<string, string>>): ServiceContainerSettings {
    return {
      command: p.command,
      entrypoint: p.entrypoint,
      user: p.user,
      workingDir: p.workingDir,
      init: p.init ?? false,
      cpuLimit: p.cpuLimit ?? Cpu.cores(1),
      memoryLimit: p.memoryLimit ?? SERVICE_DEFAULT_MEMORY_LIMIT,
      memoryReservation: p.memoryReservation,
      shmSize: p.shmSize,
      logging: p.logging ?? LogRotation.jsonFile(),
      readOnlyRootFilesystem: p.readOnlyRootFilesystem ?? false,
      tmpfs: p.tmpfs ?? {},
      capabilities: p.capabilities ?? [],
      securityOptions: ['no-new-privileges:true'],
      labels,
      stopGracePeriod: p.stopGracePeriod ?? Duration.seconds(10),
      stopSignal: p.stopSignal,
      replicas: this.replicaCount,
    };
  }

  /** Host DNS name other services on a shared network use to reach this one. */
  get hostname(): string {
    return this.serviceName;
  }

  private renderEnvironment(): void {
    const plain = [...this.environment].map(([k, v]) => `${k}=${terraformLiteral(v)}`);
    const secret = [...this.secretEnvironment].map(([k, s]) => `${k}=${s.resolve(this)}`);
    this.forEachContainer((c) => {
      c.env = [...plain, ...secret].sort();
    });
  }

  private renderMounts(): void {
    const mounts = [
      ...this.volumeMounts.map((m) => ({ type: 'volume', source: m.volume.volumeName, target: m.target, readOnly: m.readOnly })),
      ...this.binds.map((b) => ({ type: 'bind', source: b.source, target: b.target, readOnly: b.readOnly })),
    ].sort((a, b) => a.target.localeCompare(b.target));
    this.forEachContainer((c) => c.putMounts(mounts));
  }

  private assertNewEnvKey(key: string, method: string): void {
    if (!ENV_KEY.test(key)) this.fail(`${method}(key)`, key, 'not a valid variable name', 'use letters, digits and "_"');
    if (this.environment.has(key) || this.secretEnvironment.has(key)) {
      this.fail(`${method}(key)`, key, 'this environment variable is already set', 'set each variable once');
    }
  }

  private assertNewMountTarget(target: string): void {
    if (!ABSOLUTE_PATH.test(target)) this.fail('mount target', target, 'not an absolute path', 'start the path with "/"');
    if ([...this.volumeMounts, ...this.binds].some((m) => m.target === target)) {
      this.fail('mount target', target, 'two mounts at the same path', 'mount one thing per path');
    }
  }

  private forEachContainer(apply: (c: dockerContainer.Container) => void): void {
    for (const c of this.containers) apply(c);
  }

  private fail(field: string, value: unknown, message: string, remedy: string): never {
    throw new ValidationError([{ ruleId: 'props', path: this.node.path, field, value, message, fix: remedy }]);
  }
}

const START_FIRST_PORT_PROBLEM = 'with UpdateOrder.START_FIRST two containers exist during a deploy, and a host port can be bound by one only';
const START_FIRST_PORT_FIX = 'publish the port from a proxy (NginxProxy) in front of the service, or use UpdateOrder.STOP_FIRST';
const START_FIRST_VOLUME_PROBLEM = 'with UpdateOrder.START_FIRST two containers would write to this volume during a deploy';
const START_FIRST_VOLUME_FIX = 'mount it read-only, or use UpdateOrder.STOP_FIRST for a service that writes data';

/**
 * A dependency in another stack than `scope`'s: each stack is planned and applied on its own,
 * so a `depends_on` there would only be a reference to the other state, never an ordering.
 */
function crossStackDependencyProblem(path: string, scope: IConstruct, dependency: IConstruct): ValidationProblem | undefined {
  const stack = TerraformStack.of(scope);
  const home = TerraformStack.of(dependency);
  if (home === stack) return undefined;
  return {
    ruleId: 'props',
    path,
    field: 'dependsOn',
    value: dependency.node.path,
    message: `the dependency is in stack ${home.node.path} and this service in stack ${stack.node.path}; depends_on cannot cross Terraform states (each stack is deployed on its own)`,
    fix: `put both services in one stack, or drop dependsOn and make stack ${stack.node.path} depend on stack ${home.node.path} (stack.addDependency(otherStack)), so cdktf deploys ${home.node.path} first`,
  };
}

/** START_FIRST's least delay to the first probe (see START_FIRST_LEAST_FIRST_PROBE_MILLIS). */
const START_FIRST_LEAST_FIRST_PROBE = Duration.millis(START_FIRST_LEAST_FIRST_PROBE_MILLIS);

/** The check a START_FIRST service runs: a defaulted start interval raised to the least first-probe delay. */
function startFirstHealthCheck(healthCheck: HealthCheck): HealthCheck {
  return healthCheck.withDefaultStartIntervalAtLeast(START_FIRST_LEAST_FIRST_PROBE);
}

/**
 * A START_FIRST check that could turn the new container healthy, and so remove the old one,
 * while a proxy's cached DNS answer still holds only the old container's address.
 */
function startFirstProbeProblem(path: string, given: HealthCheck, probesStartInterval: boolean): ValidationProblem | undefined {
  const healthCheck = startFirstHealthCheck(given);
  if (healthCheck.isNone) return undefined;
  const engine = { startInterval: probesStartInterval };
  const delay = healthCheck.firstProbeDelay(engine);
  if (delay.compareTo(START_FIRST_LEAST_FIRST_PROBE) >= 0) return undefined;
  // A default start interval is never above the interval: then the interval is what to change.
  const byInterval = healthCheck.interval.compareTo(START_FIRST_LEAST_FIRST_PROBE) < 0;
  return {
    ruleId: 'props',
    path,
    field: byInterval ? 'healthCheck.interval' : 'healthCheck.startInterval',
    value: delay,
    message:
      `with UpdateOrder.START_FIRST the old container is removed once the new one is healthy, and its first probe comes ${delay} after it starts; ` +
      `a proxy caches Docker's DNS answers for ${Duration.millis(PROXY_DNS_CACHE_VALIDITY_MILLIS)} and could still send requests to the removed container`,
    fix: byInterval
      ? `use an interval of at least ${START_FIRST_LEAST_FIRST_PROBE}`
      : `use a startInterval of at least ${START_FIRST_LEAST_FIRST_PROBE}, or leave it out (START_FIRST services default to ${START_FIRST_LEAST_FIRST_PROBE})`,
  };
}

/** Every reason the validated props rule out UpdateOrder.START_FIRST, reported together. */
function startFirstProblems(path: string, p: ServiceProps, probesStartInterval: boolean): ValidationProblem[] {
  const problem = (field: string, value: unknown, message: string, fixText: string): ValidationProblem => ({ ruleId: 'props', path, field, value, message, fix: fixText });
  const probe = startFirstProbeProblem(path, p.healthCheck, probesStartInterval);
  return [
    ...(probe ? [probe] : []),
    ...(p.healthCheck.isNone ? [problem('healthCheck', p.healthCheck, 'UpdateOrder.START_FIRST removes the old container once the new one is healthy, which needs a health check', 'give a health check, or use UpdateOrder.STOP_FIRST')] : []),
    ...(p.containerName !== undefined ? [problem('containerName', p.containerName, 'UpdateOrder.START_FIRST names each generation of containers apart, so a fixed name cannot be kept', 'remove containerName (the name is <prefix>-<id>-<generation>), or use UpdateOrder.STOP_FIRST')] : []),
    ...(p.ports ?? []).map((m) => problem('ports', m.containerPort, START_FIRST_PORT_PROBLEM, START_FIRST_PORT_FIX)),
    ...(p.volumes ?? []).filter((m) => !m.readOnly).map((m) => problem('volumes', m.target, START_FIRST_VOLUME_PROBLEM, START_FIRST_VOLUME_FIX)),
  ];
}

/** A health check that sets `startInterval` for an engine that drops it (older than 25). */
function startIntervalProblem(path: string, healthCheck: HealthCheck, engineProbesStartInterval: boolean): ValidationProblem | undefined {
  if (engineProbesStartInterval || !healthCheck.startIntervalGiven) return undefined;
  return {
    ruleId: 'props',
    path,
    field: 'healthCheck.startInterval',
    value: healthCheck.startInterval,
    message: "the stack's engineVersion is older than 25, which drops start_interval: every plan would show it again",
    fix: 'leave startInterval out for this engine (checks then run every interval from the start), or upgrade the engine and its engineVersion',
  };
}
