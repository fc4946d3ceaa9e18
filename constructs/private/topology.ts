import type { IConstruct } from 'constructs';
import type { StackNetwork } from '../network';
import type { Service } from '../service';
import { UpdateOrder } from '../update-order';
import { hasBrand } from './brand';

/**
 * File DockerApp writes next to each stack's `cdk.tf.json`: the stack's topology, read from
 * the construct tree at synth time. Terraform reads only `*.tf.json` in that directory, so it
 * ignores this file; `cdktf-docker-stacks diagram` renders it.
 */
export const TOPOLOGY_FILE = 'docker-stacks.topology.json';

/** Bumped when a field changes meaning, so the CLI can refuse a file it would misread. */
export const TOPOLOGY_VERSION = 1;

/** A published port: host address and port, container port. */
export interface TopologyPort {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
}

/** A named volume mounted by a service. */
export interface TopologyMount {
  readonly volume: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** One service, as the diagram shows it. */
export interface TopologyService {
  /** Logical name (DNS alias, `org.cdktf-docker-stacks.service` label). */
  readonly name: string;
  /** Construct path, e.g. `mnemolite/api`. */
  readonly path: string;
  readonly image: string;
  /** Container names, one per replica, without a START_FIRST generation suffix. */
  readonly containerNames: readonly string[];
  readonly startFirst: boolean;
  readonly healthCheck: boolean;
  readonly hostNetwork: boolean;
  /** Docker network names joined, in the order joined. */
  readonly networks: readonly string[];
  readonly volumes: readonly TopologyMount[];
  /** Names of the services this one waits for (healthy) before it is created. */
  readonly dependsOn: readonly string[];
  readonly ports: readonly TopologyPort[];
}

/** A network of the stack. */
export interface TopologyNetwork {
  /** Docker network name. */
  readonly name: string;
  readonly internal: boolean;
}

/** What a stack is made of, read from its construct tree. */
export interface StackTopology {
  readonly version: number;
  /** The stack's construct id: the name `cdktf deploy` takes. */
  readonly stack: string;
  readonly namePrefix: string;
  readonly services: readonly TopologyService[];
  /** Every StackNetwork of the stack, joined by a service or not, in construct order. */
  readonly networks: readonly TopologyNetwork[];
}

/**
 * The topology of `stack` (a DockerStack), from its construct tree: every Service (kinds
 * included) and StackNetwork below it, in construct order. Services are read only through
 * their public getters.
 */
export function stackTopology(stack: IConstruct & { readonly namePrefix: string }): StackTopology {
  const constructs = stack.node.findAll();
  const services = constructs.filter((c): c is Service => hasBrand(c, 'Service'));
  const networks = constructs.filter((c): c is StackNetwork => hasBrand(c, 'StackNetwork'));
  return {
    version: TOPOLOGY_VERSION,
    stack: stack.node.id,
    namePrefix: stack.namePrefix,
    services: services.map((service) => ({
      name: service.serviceName,
      path: service.node.path,
      image: service.image.reference,
      containerNames: [...service.containerNames],
      startFirst: service.updateOrder === UpdateOrder.START_FIRST,
      healthCheck: !service.healthCheck.isNone,
      hostNetwork: service.hostAccess?.hostNetwork ?? false,
      networks: service.networks.map((a) => a.network.networkName),
      volumes: service.volumes.map((m) => ({ volume: m.volume.volumeName, target: m.target, readOnly: m.readOnly })),
      dependsOn: service.dependsOn.map((d) => d.serviceName),
      ports: service.ports.map((p) => ({ hostIp: p.hostIp, hostPort: p.hostPort.number, containerPort: p.containerPort.number, protocol: p.containerPort.protocol })),
    })),
    networks: networks.map((n) => ({ name: n.networkName, internal: n.internal })),
  };
}
