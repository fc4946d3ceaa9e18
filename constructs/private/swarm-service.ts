import { Lazy, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { service as dockerService } from '../../.gen/providers/docker';
import type { Cpu } from '../cpu';
import { type DeployTarget, SwarmPublishMode } from '../deploy-target';
import { Duration } from '../duration';
import type { HealthCheck } from '../health-check';
import { SWARM_RESTART_DELAY_MILLIS, SWARM_RESTART_WINDOW_MILLIS } from '../limits';
import type { PublishedPort } from '../published-port';
import type { RestartPolicy } from '../restart-policy';
import type { ServiceContainerSettings } from '../service-container-settings';
import type { SwarmPlacement } from '../swarm-service-options';
import type { UpdateOrder } from '../update-order';
import { contentHashedConfig } from './swarm-config';
import { contentHashedSecret, secretFilePath } from './swarm-secret';
import { shortGoDuration, swarmDuration } from './swarm-duration';
import { swarmUpdateOrder, swarmUpdateSettings } from './swarm-update';
import { dependsOnReference } from './terraform-address';
import { terraformLiteral } from './terraform-literal';

/** File mode of a mounted secret or config: readable by the task's user, whoever it is (0444). */
const READ_ONLY_FILE_MODE = 0o444;
/** File mode of an executable config (a cron script): 0555. */
const EXECUTABLE_FILE_MODE = 0o555;

/** What the renderer reads from a Service at synth time (late additions included). */
export interface SwarmServiceSource extends IConstruct {
  readonly ports: readonly PublishedPort[];
  readonly networks: readonly { readonly network: { readonly networkId: string }; readonly aliases: readonly string[] }[];
  readonly volumes: readonly { readonly volume: { readonly volumeName: string }; readonly target: string; readonly readOnly: boolean }[];
  readonly bindMounts: readonly { readonly source: string; readonly target: string; readonly readOnly: boolean }[];
  readonly environmentVariables: ReadonlyMap<string, string>;
}

/**
 * What the renderer is given once, at construction: the Service's container settings (every
 * default filled in; security options have no `docker_service` field) and the Swarm-only ones.
 */
export interface SwarmServiceSettings extends Omit<ServiceContainerSettings, 'securityOptions'> {
  /** Name of the Swarm service: `<stack prefix>-<service name>`. */
  readonly name: string;
  readonly serviceName: string;
  readonly target: DeployTarget;
  /** Registry reference every node pulls (by digest, ideally). */
  readonly image: string;
  readonly healthCheck: HealthCheck;
  readonly restartPolicy: RestartPolicy;
  readonly cpuReservation: Cpu | undefined;
  readonly placement: SwarmPlacement | undefined;
  readonly givenOrder: UpdateOrder | undefined;
  /** Whether the service is a stateful kind; asked at synth, once the kind's constructor has run. */
  readonly isStateful: () => boolean;
}

/**
 * Renders one Service as a `docker_service` (id `Resource`), with its secrets as
 * content-hashed `docker_secret`s and its files as content-hashed `docker_config`s, children
 * of the Service. Lists that grow after construction (environment, ports, networks, mounts,
 * secrets, files) are rendered lazily, so late additions land in the output.
 */
export class SwarmServiceRenderer {
  /** The `docker_service` resource (escape hatch). */
  readonly resource: dockerService.Service;
  private readonly secretFiles: { key: string; id: string; name: string }[] = [];
  private readonly configFiles: { path: string; id: string; name: string; executable: boolean }[] = [];

  constructor(
    private readonly scope: Construct & SwarmServiceSource,
    private readonly settings: SwarmServiceSettings,
  ) {
    const s = settings;
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent (the service's check writes no start interval, whatever render gives)
    const health = s.healthCheck.render({ startInterval: false });
    const log = s.logging.render();
    const global = s.placement?.global ?? false;
    const labels = Object.entries(s.labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, value]) => ({ label, value: terraformLiteral(value) }));
    // Stryker disable next-line BooleanLiteral: equivalent (the order these two decide is decided again at synth, below)
    const updateInput = { healthCheck: s.healthCheck, givenOrder: s.givenOrder, stateful: false, hostModePorts: false, replicas: global ? undefined : s.replicas };
    const update = swarmUpdateSettings(updateInput);
    // Ports may be added, and a kind's brand set, after construction: the order is decided at synth.
    const order = Lazy.stringValue({
      produce: () => swarmUpdateOrder({ ...updateInput, stateful: s.isStateful(), hostModePorts: s.target.publishMode === SwarmPublishMode.HOST && this.scope.ports.length > 0 }),
    });
    this.resource = new dockerService.Service(scope, 'Resource', {
      name: s.name,
      labels,
      mode: global ? { global: true } : { replicated: { replicas: s.replicas } },
      taskSpec: {
        containerSpec: {
          image: s.image,
          command: s.entrypoint?.map(terraformLiteral),
          args: s.command?.map(terraformLiteral),
          user: s.user,
          dir: s.workingDir,
          init: s.init,
          readOnly: s.readOnlyRootFilesystem,
          capAdd: [...s.capabilities].sort(),
          capDrop: ['ALL'],
          labels,
          env: Token.asStringMap(Lazy.anyValue({ produce: () => this.environment() })),
          // Always the whole check: a partial one would leave the image's own fields in place.
          healthcheck: health
            ? {
                test: health.test.map(terraformLiteral),
                interval: shortGoDuration(health.interval),
                timeout: shortGoDuration(health.timeout),
                retries: health.retries,
                startPeriod: shortGoDuration(health.startPeriod),
              }
            : { test: ['NONE'] },
          mounts: Lazy.anyValue({ produce: () => this.mounts() }),
          secrets: Lazy.anyValue({ produce: () => this.secretFiles.map((f) => ({ secret_id: f.id, secret_name: f.name, file_name: secretFilePath(f.key), file_mode: READ_ONLY_FILE_MODE, file_uid: '0', file_gid: '0' })) }),
          configs: Lazy.anyValue({
            produce: () => this.configFiles.map((f) => ({ config_id: f.id, config_name: f.name, file_name: f.path, file_mode: f.executable ? EXECUTABLE_FILE_MODE : READ_ONLY_FILE_MODE, file_uid: '0', file_gid: '0' })),
          }),
          stopGracePeriod: swarmDuration(s.stopGracePeriod),
          stopSignal: s.stopSignal,
        },
        networksAdvanced: Lazy.anyValue({
          // By id: a name is deprecated and forces a replacement on every plan.
          produce: () => this.scope.networks.map((a) => ({ id: a.network.networkId, aliases: [...new Set([s.serviceName, ...a.aliases])].sort() })),
        }),
        resources: {
          limits: { nanoCpus: s.cpuLimit.toNanoCpus(), memoryBytes: s.memoryLimit.toBytes() },
          // Stryker disable next-line ConditionalExpression: equivalent (a reservation of two undefined fields is left out of the JSON)
          reservation: s.cpuReservation || s.memoryReservation ? { nanoCpus: s.cpuReservation?.toNanoCpus(), memoryBytes: s.memoryReservation?.toBytes() } : undefined,
        },
        restartPolicy: restartPolicyBlock(s.restartPolicy),
        logDriver: { name: log.driver, options: log.options },
        placement: placementBlock(s.target, s.placement),
      },
      endpointSpec: {
        mode: s.target.endpointMode,
        ports: Lazy.anyValue({
          produce: () =>
            this.scope.ports.map((p) => ({ target_port: p.containerPort.number, published_port: p.hostPort.number, protocol: p.containerPort.protocol, publish_mode: s.target.publishMode })),
        }),
      },
      updateConfig: { ...update.updateConfig, order },
      rollbackConfig: { ...update.rollbackConfig, order },
      convergeConfig: update.convergeConfig,
      // Swarm fills in the image's platforms when a placement block exists; they are not ours to set.
      lifecycle: { ignoreChanges: ['task_spec[0].placement[0].platforms'] },
    });
  }

  /**
   * Gives the task the secret `key` as the file /run/secrets/<key>, and `<key>_FILE` naming that
   * file: the convention official images follow (PostgreSQL's POSTGRES_PASSWORD_FILE). The
   * value is in no environment variable. `value` is the Terraform expression of the secret.
   */
  addSecret(key: string, value: string): void {
    const secret = contentHashedSecret(this.scope, `Secret-${key}`, `${this.settings.name}-${key.toLowerCase().replace(/_/g, '-')}`, value);
    this.secretFiles.push({ key, id: secret.id, name: secret.name });
  }

  /** Gives the task a file as a content-hashed `docker_config` mounted at `path`. */
  addFile(path: string, content: string, executable: boolean): void {
    const index = this.configFiles.length + 1;
    const config = contentHashedConfig(this.scope, `Config-${index}`, `${this.settings.name}-file${index}`, content);
    this.configFiles.push({ path, id: config.id, name: config.name, executable });
  }

  /** This service is created only once `dependency` has converged (every task healthy). */
  addDependency(dependency: dockerService.Service): void {
    this.resource.dependsOn = [...(this.resource.dependsOn ?? []), dependsOnReference(dependency)];
  }

  private environment(): Record<string, string> {
    const plain = Object.fromEntries([...this.scope.environmentVariables].map(([k, v]) => [k, terraformLiteral(v)]));
    const files = Object.fromEntries(this.secretFiles.map((f) => [`${f.key}_FILE`, secretFilePath(f.key)]));
    return Object.fromEntries(Object.entries({ ...plain, ...files }).sort(([a], [b]) => a.localeCompare(b)));
  }

  private mounts(): object[] {
    const s = this.settings;
    const tmpfs = { ...s.tmpfs, ...(s.shmSize ? { '/dev/shm': s.shmSize } : {}) };
    return [
      ...this.scope.volumes.map((m) => ({ type: 'volume', source: m.volume.volumeName, target: m.target, read_only: m.readOnly })),
      ...this.scope.bindMounts.map((b) => ({ type: 'bind', source: b.source, target: b.target, read_only: b.readOnly })),
      ...Object.entries(tmpfs).map(([target, size]) => ({ type: 'tmpfs', target, read_only: false, tmpfs_options: { size_bytes: size.toBytes() } })),
    ].sort((a, b) => a.target.localeCompare(b.target));
  }
}

/** The restart policy, bounded: Swarm's `on-failure` with max_attempts; delay and window set explicitly (the provider reads unset ones back as 0s), in the form it reads them back. */
function restartPolicyBlock(policy: RestartPolicy): dockerService.ServiceTaskSpecRestartPolicy {
  const timing = { delay: swarmDuration(Duration.millis(SWARM_RESTART_DELAY_MILLIS)), window: swarmDuration(Duration.millis(SWARM_RESTART_WINDOW_MILLIS)) };
  switch (policy.name) {
    case 'on-failure':
      return { condition: 'on-failure', maxAttempts: policy.maxRetries, ...timing };
    case 'unless-stopped':
      return { condition: 'any', maxAttempts: 0, ...timing };
    case 'no':
      return { condition: 'none', maxAttempts: 0, ...timing };
  }
}

/** Placement constraints and preferences from the target's node label. */
function placementBlock(target: DeployTarget, placement: SwarmPlacement | undefined): dockerService.ServiceTaskSpecPlacement | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent for the whole test made false (a block of undefined fields is left out of the JSON)
  if (!placement || (placement.node === undefined && placement.spreadOver === undefined && placement.maxReplicasPerNode === undefined)) return undefined;
  return {
    constraints: placement.node !== undefined ? [`node.labels.${target.nodeLabel}==${placement.node}`] : undefined,
    prefs: placement.spreadOver !== undefined ? [`spread=node.labels.${placement.spreadOver}`] : undefined,
    maxReplicas: placement.maxReplicasPerNode,
  };
}
