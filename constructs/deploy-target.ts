import { z } from 'zod';
import { ValidationError } from './errors';
import { brand, hasBrand } from './private/brand';
import { fix, parseProps } from './private/validation';

/**
 * How Swarm gives a service's tasks one address: a virtual IP behind which Swarm balances
 * (`VIP`, Swarm's default, needs IPVS in the kernel), or DNS round robin over the tasks' own
 * addresses (`DNSRR`, works without IPVS).
 */
export enum SwarmEndpointMode {
  /** One virtual IP per service, balanced by IPVS. */
  VIP = 'vip',
  /** DNS answers with every task's address. */
  DNSRR = 'dnsrr',
}

/**
 * How Swarm publishes a port: on every node through the routing mesh (`INGRESS`, Swarm's
 * default, needs IPVS), or on the nodes that run a task only (`HOST`).
 */
export enum SwarmPublishMode {
  /** Every node answers and forwards to a task (routing mesh). */
  INGRESS = 'ingress',
  /** Only a node running a task answers, on its own address. */
  HOST = 'host',
}

/** Options of `DeployTarget.swarm()`. */
export interface SwarmTargetOptions {
  /**
   * Node label key that pins a service to a node (`placement: { node: 'db-1' }` becomes the
   * constraint `node.labels.<key> == db-1`). Label the nodes with
   * `docker node update --label-add <key>=<value> <node>`.
   * @default "org.cdktf-docker-stacks.node"
   */
  readonly nodeLabel?: string;
  /**
   * How each service's tasks are addressed on its networks.
   * @default SwarmEndpointMode.VIP
   */
  readonly endpointMode?: SwarmEndpointMode;
  /**
   * How published ports are bound.
   * @default SwarmPublishMode.INGRESS
   */
  readonly publishMode?: SwarmPublishMode;
}

/** The default node label key for placement pins. */
export const SWARM_DEFAULT_NODE_LABEL = 'org.cdktf-docker-stacks.node';

const NODE_LABEL_KEY = /^[a-z0-9][a-z0-9._-]*$/;

const swarmOptionsSchema = z
  .object({
    nodeLabel: z.string().regex(NODE_LABEL_KEY, fix('not a node label key', 'use lowercase letters, digits, ".", "_" or "-", e.g. "org.example.node"')).optional(),
    endpointMode: z.enum(SwarmEndpointMode, { message: fix('not a SwarmEndpointMode', 'use SwarmEndpointMode.VIP or SwarmEndpointMode.DNSRR') }).optional(),
    publishMode: z.enum(SwarmPublishMode, { message: fix('not a SwarmPublishMode', 'use SwarmPublishMode.INGRESS or SwarmPublishMode.HOST') }).optional(),
  })
  .strict();

/**
 * Where a DockerStack deploys: one Docker Engine (`docker_container` per replica, the default)
 * or a Swarm cluster through a manager (`docker_service`, `docker_secret`, `docker_config`,
 * overlay networks). The kinds and their props stay the same; props that mean something on one
 * target only are refused on the other.
 */
export class DeployTarget {
  /** True for a DeployTarget of any installed copy of this library (a brand check, not `instanceof`). */
  static isDeployTarget(this: void, value: unknown): value is DeployTarget {
    return hasBrand(value, 'DeployTarget');
  }

  /** One Docker Engine: each service is one `docker_container` per replica. */
  static engine(): DeployTarget {
    return new DeployTarget('engine', SWARM_DEFAULT_NODE_LABEL, SwarmEndpointMode.VIP, SwarmPublishMode.INGRESS);
  }

  /** A Swarm cluster, reached through a manager's Docker API: each service is one `docker_service`. */
  static swarm(options: SwarmTargetOptions = {}): DeployTarget {
    const valid = parseProps('DeployTarget.swarm', swarmOptionsSchema, options);
    if (valid.endpointMode === SwarmEndpointMode.DNSRR && (valid.publishMode ?? SwarmPublishMode.INGRESS) === SwarmPublishMode.INGRESS) {
      throw new ValidationError([
        {
          ruleId: 'props',
          path: 'DeployTarget.swarm',
          field: 'publishMode',
          value: valid.publishMode ?? SwarmPublishMode.INGRESS,
          message: 'Docker refuses ports published through the ingress routing mesh on a service in DNS round-robin mode',
          fix: 'add publishMode: SwarmPublishMode.HOST (each node running a task answers on its own address), or keep endpointMode VIP',
        },
      ]);
    }
    return new DeployTarget('swarm', valid.nodeLabel ?? SWARM_DEFAULT_NODE_LABEL, valid.endpointMode ?? SwarmEndpointMode.VIP, valid.publishMode ?? SwarmPublishMode.INGRESS);
  }

  private constructor(
    /** `engine` or `swarm`. */
    public readonly kind: 'engine' | 'swarm',
    /** Node label key of placement pins (Swarm only). */
    public readonly nodeLabel: string,
    /** Endpoint mode of every service (Swarm only). */
    public readonly endpointMode: SwarmEndpointMode,
    /** Publish mode of every published port (Swarm only). */
    public readonly publishMode: SwarmPublishMode,
  ) {}

  /** True on a Swarm target. */
  get isSwarm(): boolean {
    return this.kind === 'swarm';
  }

  /** How the target is written in code, with its Swarm options. */
  toString(): string {
    return this.isSwarm ? `DeployTarget.swarm(nodeLabel=${this.nodeLabel}, endpointMode=${this.endpointMode}, publishMode=${this.publishMode})` : 'DeployTarget.engine()';
  }
}
brand(DeployTarget.prototype, 'DeployTarget');
