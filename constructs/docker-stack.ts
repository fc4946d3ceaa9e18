import { Aspects, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { provider as dockerProvider } from '../.gen/providers/docker';
import { provider as randomProvider } from '../.gen/providers/random';
import { parseProps } from './private/validation';
import { StackAdvisor } from './rules/stack-advisor';
import { StackValidator } from './rules/stack-validator';

export interface DockerStackProps {
  /**
   * Prefix of every container, network and volume name, so two stacks (or two copies of one)
   * share an engine without clashing.
   * @default - the stack's id
   */
  readonly namePrefix?: string;
  /**
   * Docker Engine to deploy to, e.g. `unix:///var/run/docker.sock` or `ssh://user@host`.
   * @default - the provider's default: DOCKER_HOST, else the local socket
   */
  readonly dockerHost?: string;
}

const NAME_PREFIX = /^[a-z][a-z0-9-]{0,39}$/;

const propsSchema = z
  .object({
    namePrefix: z.string().regex(NAME_PREFIX, 'not a valid name prefix. Fix: use 1-40 lowercase letters, digits or "-", starting with a letter').optional(),
    dockerHost: z
      .string()
      .regex(/^(unix|tcp|ssh|npipe):\/\/\S+$/, 'not a Docker host address. Fix: write unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host')
      .optional(),
  })
  .strict();

/**
 * A Terraform stack for one Docker stack: configures the Docker provider, names every
 * resource with a common prefix, validates the whole stack at synth time (STACK_RULES, errors)
 * and advises on it (STACK_ADVISORIES, warning annotations).
 */
export class DockerStack extends TerraformStack {
  /** The DockerStack that `scope` belongs to. */
  static of(scope: IConstruct): DockerStack {
    const stack = TerraformStack.of(scope);
    if (!(stack instanceof DockerStack)) {
      throw new Error(`${scope.node.path}: services, networks and volumes must be created inside a DockerStack`);
    }
    return stack;
  }

  readonly namePrefix: string;
  private randomProvider?: randomProvider.RandomProvider;

  constructor(scope: Construct, id: string, props: DockerStackProps = {}) {
    super(scope, id);
    const valid = parseProps(this, propsSchema, props);
    this.namePrefix = valid.namePrefix ?? id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    if (!NAME_PREFIX.test(this.namePrefix)) {
      throw new Error(`${this.node.path}: the stack id "${id}" cannot be a name prefix; give namePrefix explicitly`);
    }
    new dockerProvider.DockerProvider(this, 'docker', valid.dockerHost ? { host: valid.dockerHost } : {});
    this.node.addValidation(new StackValidator(this));
    Aspects.of(this).add(new StackAdvisor(this));
  }

  /** Configures the random provider once, when a generated secret needs it. */
  useRandomProvider(): void {
    this.randomProvider ??= new randomProvider.RandomProvider(this, 'random', {});
  }
}
