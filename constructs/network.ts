import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { network as dockerNetwork } from '../.gen/providers/docker';
import { DockerStack } from './docker-stack';
import { childPath, parseProps, ValidationError } from './private/validation';

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
}

const propsSchema = z
  .object({
    internal: z.boolean().optional(),
    networkName: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'not a valid Docker network name. Fix: use letters, digits, "_", "." or "-", starting with a letter or digit')
      .optional(),
  })
  .strict();

/** A user-defined bridge network of a stack. */
export class StackNetwork extends Construct {
  readonly networkName: string;
  readonly internal: boolean;
  /** The `docker_network` resource (escape hatch). */
  readonly resource: dockerNetwork.Network;

  constructor(scope: Construct, id: string, props: StackNetworkProps = {}) {
    if (scope instanceof TerraformStack && id === 'backend') {
      // cdktf adds its default Terraform backend to every stack under this id at synth time.
      throw new ValidationError([
        { ruleId: 'props', path: childPath(scope, id), field: '(construct id)', value: id, message: 'cdktf reserves the id "backend" at the root of a stack', fix: 'use another id (e.g. "backend-net"), or StackNetworks' },
      ]);
    }
    super(scope, id);
    const valid = parseProps(this, propsSchema, props);
    this.internal = valid.internal ?? false;
    this.networkName = valid.networkName ?? `${DockerStack.of(this).namePrefix}-${id.toLowerCase()}`;
    this.resource = new dockerNetwork.Network(this, 'Resource', {
      name: this.networkName,
      driver: 'bridge',
      internal: this.internal,
    });
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
  readonly frontend: StackNetwork;
  readonly backend: StackNetwork;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.frontend = new StackNetwork(this, 'frontend', { networkName: `${DockerStack.of(this).namePrefix}-frontend` });
    this.backend = new StackNetwork(this, 'backend', { internal: true, networkName: `${DockerStack.of(this).namePrefix}-backend` });
  }
}
