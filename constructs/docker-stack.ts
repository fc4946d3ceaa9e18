import { Aspects, TerraformBackend, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { provider as dockerProvider } from '../.gen/providers/docker';
import { provider as randomProvider } from '../.gen/providers/random';
import { DeployTarget } from './deploy-target';
import { ValidationError } from './errors';
import { brand, hasBrand } from './private/brand';
import { ENGINE_VERSION_PATTERN, engineProbesStartInterval } from './private/engine-version';
import { NAME_PREFIX_PATTERN } from './private/names';
import { StackContext, stackContextOf } from './private/stack-context';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { StackAdvisor } from './rules/stack-advisor';
import { StackValidator } from './rules/stack-validator';
import { StateBackend } from './state-backend';

/** Props of a DockerStack: how its resources are named, and the engine it deploys to. */
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
  /**
   * Version of the Docker Engine the stack deploys to (`major.minor`, e.g. `"20.10"`), when it
   * is older than 25. Health checks then leave out `start_interval`, which such an engine drops
   * (every plan would show it again); a check that sets `startInterval` explicitly is refused.
   * @default - Engine 25 or later
   */
  readonly engineVersion?: string;
  /**
   * Where Terraform keeps the stack's state, which holds every secret its services get:
   * `StateBackend.local()` (files in `.state/` of the project, mode 0700) or
   * `StateBackend.postgres()` (shared and locked; the connection string only from the
   * environment). A backend added to the stack with cdktf's own classes takes the default's place.
   * @default StateBackend.local(): `.state/terraform.<stack id>.tfstate`
   */
  readonly stateBackend?: StateBackend;
  /**
   * Where the stack deploys: one Docker Engine (`DeployTarget.engine()`, a `docker_container`
   * per replica) or a Swarm cluster through a manager (`DeployTarget.swarm({...})`, a
   * `docker_service` per service, secrets and files as `docker_secret` / `docker_config`,
   * overlay networks). Point `dockerHost` at a manager for Swarm.
   * @default DeployTarget.engine()
   */
  readonly target?: DeployTarget;
}

const propsSchema = z
  .object({
    namePrefix: z.string().regex(NAME_PREFIX_PATTERN, fix('not a valid name prefix', 'use 1-40 lowercase letters, digits or "-", starting with a letter')).optional(),
    dockerHost: z
      .string()
      .regex(/^(unix|tcp|ssh|npipe):\/\/\S+$/, fix('not a Docker host address', 'write unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host'))
      .optional(),
    engineVersion: z.string().regex(ENGINE_VERSION_PATTERN, fix('not an engine version', 'write major.minor as `docker version --format "{{.Server.Version}}"` prints it, e.g. "20.10" or "26.1.5"')).optional(),
    stateBackend: zInstance(StateBackend.isStateBackend, fix('not a StateBackend', 'use StateBackend.local() or StateBackend.postgres()')).optional(),
    target: zInstance(DeployTarget.isDeployTarget, fix('not a DeployTarget', 'use DeployTarget.engine() or DeployTarget.swarm({ nodeLabel })')).optional(),
  })
  .strict();

/**
 * A Terraform stack for one Docker stack: configures the Docker provider, names every
 * resource with a common prefix, validates the whole stack at synth time (STACK_RULES, errors)
 * and advises on it (STACK_ADVISORIES, warning annotations).
 */
export class DockerStack extends TerraformStack implements StackContext {
  /** True for a DockerStack of any installed copy of this library (a brand check, not `instanceof`). */
  static isDockerStack(this: void, value: unknown): value is DockerStack {
    return hasBrand(value, 'DockerStack');
  }

  /** The DockerStack that `scope` belongs to; a ValidationError when it belongs to none. */
  static of(scope: IConstruct): DockerStack {
    return stackContextOf(scope) as DockerStack;
  }

  /** Prefix of every container, network and volume name: `namePrefix`, else the stack id in lowercase with other characters as "-". */
  readonly namePrefix: string;
  /** The engine the stack deploys to, when `dockerHost` was given; else the provider's default (DOCKER_HOST, else the local socket). */
  readonly dockerHost: string | undefined;
  /** The engine's version, when `engineVersion` was given; else Engine 25 or later is assumed. */
  readonly engineVersion: string | undefined;
  /** Whether the engine probes a health check at `start_interval` during its start period (Engine 25 and later). */
  readonly probesStartInterval: boolean;
  /** Where the stack's state is kept: `stateBackend`, else `StateBackend.local()` (unless a backend of cdktf's own was added to the stack). */
  readonly stateBackend: StateBackend;
  /** Where the stack deploys: `target`, else `DeployTarget.engine()`. */
  readonly target: DeployTarget;
  private randomProvider?: randomProvider.RandomProvider;

  constructor(scope: Construct, id: string, props: DockerStackProps = {}) {
    const valid = parseProps(childPath(scope, id), propsSchema, props);
    const namePrefix = valid.namePrefix ?? id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    if (!NAME_PREFIX_PATTERN.test(namePrefix)) {
      throw new ValidationError([
        {
          ruleId: 'props',
          path: childPath(scope, id),
          field: 'namePrefix',
          value: `(from the stack id "${id}") ${namePrefix}`,
          message: 'the stack id does not make a valid name prefix',
          fix: 'give namePrefix explicitly: 1-40 lowercase letters, digits or "-", starting with a letter',
        },
      ]);
    }
    super(scope, id);
    brand(this, 'DockerStack');
    this.namePrefix = namePrefix;
    this.dockerHost = valid.dockerHost;
    this.engineVersion = valid.engineVersion;
    this.probesStartInterval = engineProbesStartInterval(valid.engineVersion);
    this.stateBackend = valid.stateBackend ?? StateBackend.local();
    this.target = valid.target ?? DeployTarget.engine();
    // A chosen backend is configured now; the default only at synth (ensureBackendExists), so
    // that a backend added with cdktf's own classes (`new LocalBackend(stack, ...)`) replaces it.
    if (valid.stateBackend) valid.stateBackend.bind(this, namePrefix);
    new dockerProvider.DockerProvider(this, 'docker', valid.dockerHost ? { host: valid.dockerHost } : {});
    this.node.addValidation(new StackValidator(this));
    Aspects.of(this).add(new StackAdvisor(this));
  }

  /** The stack's backend: the one configured, else the default `StateBackend.local()`, configured now. */
  override ensureBackendExists(): TerraformBackend {
    return this.node.findAll().find((c): c is TerraformBackend => TerraformBackend.isBackend(c)) ?? this.stateBackend.bind(this, this.namePrefix);
  }

  /** @internal Configures the random provider once, when a generated secret needs it. */
  useRandomProvider(): void {
    this.randomProvider ??= new randomProvider.RandomProvider(this, 'random', {});
  }
}
