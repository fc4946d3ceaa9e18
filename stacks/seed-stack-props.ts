import { IConstruct } from 'constructs';
import { DeployTarget, DockerStackProps, NginxProxyProps, Port, ProxyTls, StateBackend, SwarmPlacement } from '../constructs';
import { HTTPS_HOST_PORT_SUFFIX, REPLICA_KEYS, ReplicaKey, StacksConfig, SWARM_DEFAULT_REPLICAS } from './config';
import { StackImages } from './images';

/** What every documented stack takes: its images and the host ports the configuration sets. */
export interface SeedStackProps extends DockerStackProps {
  readonly images: StackImages;
  /**
   * Host ports by service, from the configuration's `hostPorts` ("<stack>.<service>").
   * @default - each stack's documented ports
   */
  readonly hostPorts?: Readonly<Record<string, number>>;
  /**
   * HTTPS for reverse proxies, from the configuration's `tls` ("<stack>.<service>").
   * @default - HTTP only
   */
  readonly tls?: Readonly<Record<string, ProxyTls>>;
  /**
   * Replica counts by service, from the configuration's `replicas` ("<stack>.<service>", the
   * keys of REPLICA_KEYS).
   * @default - 1 on an engine, SWARM_DEFAULT_REPLICAS (2) on Swarm
   */
  readonly replicas?: Readonly<Record<string, number>>;
  /**
   * On a Swarm target, the value of the target's node label on the node that keeps the stack's
   * data: the stateful services (and the scheduler with its backups volume) are pinned to it.
   * Required on Swarm (CDS-SWARM-STATEFUL-PLACEMENT refuses an unpinned stateful service).
   * @default - no pin
   */
  readonly dataNode?: string;
}

/** A host port a seed stack asked for: its `hostPorts` key, the port it got, and its documented default. */
export interface SeedHostPort {
  /** `"<stack>.<service>"`, as the configuration's `hostPorts` names it. */
  readonly key: string;
  readonly port: Port;
  readonly defaultPort: number;
}

const HOST_PORTS = new WeakMap<IConstruct, SeedHostPort[]>();

/**
 * The default host ports let all six stacks run on one engine (DockerApp's CDS-APP-PORT-COLLISION
 * checks it). The stack from seed 00N publishes its loopback HTTP ports in 8N00-8N99, at 8N00
 * plus the last two digits of the seed's own port (nexten 8000, arkalia 8100, mnemolite 8380,
 * my-ia 8400 and 8480). Two exceptions keep the ports their clients expect: vibecoding's nginx,
 * the one public entry point, on 80 (and 443 with tls); vibecoding-dev's Postgres and Redis on
 * 5432 and 6379 for an API run on the host. README.md "Host ports" has the table.
 *
 * The host port for `service` in `stack` (key `"<stack id>.<service>"`): the configured one,
 * else the documented default. Each call is recorded (hostPortsOf), so the `hostPorts` keys a
 * configuration may use are exactly those the stacks ask for.
 */
export function hostPort(stack: IConstruct, props: SeedStackProps, service: string, defaultPort: number): Port {
  const key = `${stack.node.id}.${service}`;
  const port = Port.tcp(props.hostPorts?.[key] ?? defaultPort);
  HOST_PORTS.set(stack, [...(HOST_PORTS.get(stack) ?? []), { key, port, defaultPort }]);
  return port;
}

/** The host ports `stack` asked for through hostPort(), in order. */
export function hostPortsOf(stack: IConstruct): readonly SeedHostPort[] {
  return HOST_PORTS.get(stack) ?? [];
}

/**
 * HTTPS for the proxy `service` in `stack`, as NginxProxy props: with a configured certificate
 * directory, `tls` and an HTTPS host port (hostPorts "<stack>.<service>-https", else
 * `httpsDefault`); without one, nothing (HTTP only, the proxy unchanged).
 */
export function proxyTls(stack: IConstruct, props: SeedStackProps, service: string, httpsDefault: number): Pick<NginxProxyProps, 'tls' | 'httpsPort'> {
  const tls = props.tls?.[`${stack.node.id}.${service}`];
  return tls ? { tls, httpsPort: hostPort(stack, props, `${service}${HTTPS_HOST_PORT_SUFFIX}`, httpsDefault) } : {};
}

/** Whether `props` deploy to a Swarm cluster. */
export function onSwarm(props: SeedStackProps): boolean {
  return props.target?.isSwarm ?? false;
}

/**
 * Replicas of `service` in `stack` (key `"<stack id>.<service>"`, one of REPLICA_KEYS): the
 * configured count, else 1 on an engine and SWARM_DEFAULT_REPLICAS on Swarm, so that losing
 * one node does not stop the service.
 */
export function replicasOf(stack: IConstruct, props: SeedStackProps, service: string): number {
  const key = `${stack.node.id}.${service}`;
  if (!(REPLICA_KEYS as readonly string[]).includes(key)) throw new Error(`${key} is not in REPLICA_KEYS (stacks/config.ts): add it there and to the docs`);
  return props.replicas?.[key as ReplicaKey] ?? (onSwarm(props) ? SWARM_DEFAULT_REPLICAS : 1);
}

/** Where a stateful service runs: on Swarm, pinned to the `dataNode`; on an engine, nothing to say. */
export function dataPlacement(props: SeedStackProps): { placement?: SwarmPlacement } {
  return onSwarm(props) ? { placement: { node: props.dataNode } } : {};
}

/**
 * The stack's entry point (its reverse proxy) on Swarm: one task on every node (global mode),
 * publishing its port on every node's address, which on Swarm is what an entry point is for
 * (`public`; CDS-SWARM-LOOPBACK-PORT refuses a loopback binding there). On an engine, nothing:
 * the proxy keeps its own binding.
 */
export function entryPointPlacement(props: SeedStackProps): Pick<NginxProxyProps, 'public' | 'placement'> {
  return onSwarm(props) ? { public: true, placement: { global: true } } : {};
}

/**
 * The configuration's target for stack `id`: `DeployTarget.swarm(...)` for a `"kind": "swarm"`
 * entry, else undefined (DockerStack's default, one engine).
 */
export function deployTarget(id: string, config: StacksConfig): DeployTarget | undefined {
  const target = config.targets?.[id];
  if (target?.kind !== 'swarm') return undefined;
  return DeployTarget.swarm({ nodeLabel: target.nodeLabel, endpointMode: target.endpointMode, publishMode: target.publishMode });
}

/** Props for stack `id` from the configuration. */
export function seedStackProps(id: string, config: StacksConfig, images: StackImages): SeedStackProps {
  return {
    images,
    hostPorts: config.hostPorts,
    tls: config.tls,
    replicas: config.replicas,
    target: deployTarget(id, config),
    dataNode: config.targets?.[id]?.dataNode,
    dockerHost: config.dockerHost,
    engineVersion: config.engineVersion,
    namePrefix: config.namePrefix ? `${config.namePrefix}-${id}` : id,
    stateBackend: stateBackend(config),
  };
}

/**
 * The backend the configuration's `state` chooses (each stack gets its own file or schema in
 * it); without `state`, none: DockerStack's default, `StateBackend.local()`.
 */
export function stateBackend(config: StacksConfig): StateBackend | undefined {
  if (config.state === undefined) return undefined;
  return config.state.backend === 'pg' ? StateBackend.postgres() : StateBackend.local({ directory: config.state.directory });
}

/** The part of the props DockerStack itself takes. */
export function stackOnly(props: SeedStackProps): DockerStackProps {
  return { namePrefix: props.namePrefix, dockerHost: props.dockerHost, engineVersion: props.engineVersion, stateBackend: props.stateBackend, target: props.target };
}
