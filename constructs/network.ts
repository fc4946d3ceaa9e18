import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { network as dockerNetwork } from '../.gen/providers/docker';
import { ValidationError, ValidationProblem } from './errors';
import { brand, hasBrand } from './private/brand';
import { derivedNameProblem, NETWORK_NAME_PATTERN } from './private/names';
import { stackContextOf } from './private/stack-context';
import { childPath, fix, parseProps } from './private/validation';

/** Props of a StackNetwork: whether it reaches outside, and its name on the engine. */
export interface StackNetworkProps {
  /**
   * An internal network has no route to the outside: containers on it reach each other only,
   * and ports they publish are unreachable unless they also join a non-internal network.
   * @default false
   */
  readonly internal?: boolean;
  /**
   * Name of the Docker network.
   * @default - `<stack name prefix>-<construct id>`
   */
  readonly networkName?: string;
  /**
   * Let standalone containers (`docker run --network`) join this overlay network, beside the
   * stack's services: for a test or a one-off task. Swarm target only.
   * @default false
   */
  readonly attachable?: boolean;
}

const propsSchema = z
  .object({
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    networkName: z.string().regex(NETWORK_NAME_PATTERN, fix('not a valid Docker network name', 'use letters, digits, "_", "." or "-", starting with a letter or digit')).optional(),
  })
  .strict();

/** A user-defined network of a stack: a bridge on a single engine, an overlay network (across nodes) on Swarm. */
export class StackNetwork extends Construct {
  /** True for a StackNetwork of any installed copy of this library (a brand check, not `instanceof`). */
  static isStackNetwork(this: void, value: unknown): value is StackNetwork {
    return hasBrand(value, 'StackNetwork');
  }

  /** Name of the Docker network on the engine: `networkName`, else `<stack name prefix>-<construct id>`. */
  readonly networkName: string;
  /** True for an internal network: no route outside, and ports published by a container on it alone are unreachable. */
  readonly internal: boolean;
  /** The `docker_network` resource (escape hatch). */
  readonly resource: dockerNetwork.Network;

  constructor(scope: Construct, id: string, props: StackNetworkProps = {}) {
    const path = childPath(scope, id);
    if (TerraformStack.isStack(scope) && id === 'backend') {
      // cdktf adds its default Terraform backend to every stack under this id at synth time.
      throw new ValidationError([
        { ruleId: 'props', path, field: '(construct id)', value: id, message: 'cdktf reserves the id "backend" at the root of a stack', fix: 'use another id (e.g. "backend-net"), or StackNetworks' },
      ]);
    }
    const valid = parseProps(path, propsSchema, props);
    const stack = stackContextOf(scope);
    const networkName = valid.networkName ?? `${stack.namePrefix}-${id.toLowerCase()}`;
    const problem: ValidationProblem | undefined =
      valid.attachable !== undefined && !stack.target.isSwarm
        ? { ruleId: 'props', path, field: 'attachable', value: valid.attachable, message: 'attachable only means something for an overlay network (Swarm target); every bridge network takes containers', fix: 'remove attachable, or deploy the stack with target: DeployTarget.swarm(...)' }
        : valid.networkName
          ? undefined
          : derivedNameProblem(path, id, 'network name', networkName, NETWORK_NAME_PATTERN, 'networkName');
    if (problem) throw new ValidationError([problem]);
    super(scope, id);
    brand(this, 'StackNetwork');
    this.internal = valid.internal ?? false;
    this.networkName = networkName;
    this.resource = new dockerNetwork.Network(
      this,
      'Resource',
      stack.target.isSwarm
        ? { name: this.networkName, driver: 'overlay', internal: this.internal, attachable: valid.attachable ?? false }
        : { name: this.networkName, driver: 'bridge', internal: this.internal },
    );
  }

  /** The network id, as containers must reference it. */
  get networkId(): string {
    return this.resource.id;
  }
}

/**
 * The usual split: `frontend` for services reachable from the host, `backend` (internal) for
 * databases and workers.
 */
export class StackNetworks extends Construct {
  /** `<prefix>-frontend`, not internal: for services that publish ports or reach outside (a proxy, an API). */
  readonly frontend: StackNetwork;
  /** `<prefix>-backend`, internal: for databases, caches and workers, with no route outside. */
  readonly backend: StackNetwork;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Named after the stack, not this construct: `<prefix>-<id>` is what a StackNetwork derives.
    this.frontend = new StackNetwork(this, 'frontend');
    this.backend = new StackNetwork(this, 'backend', { internal: true });
  }
}
