import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { DeployTarget } from '../deploy-target';
import { ValidationError } from '../errors';
import { hasBrand } from './brand';

/**
 * What the constructs of a stack need from their DockerStack. A leaf module: networks, volumes,
 * services and secrets read the stack through it, so none of them imports the stack (whose
 * rules read services): no import cycle.
 */
export interface StackContext extends IConstruct {
  /** Prefix of every container, network and volume name. */
  readonly namePrefix: string;
  /** The engine the stack deploys to, when given. */
  readonly dockerHost: string | undefined;
  /** Whether the engine probes a health check at `start_interval` during its start period (Engine 25 and later). */
  readonly probesStartInterval: boolean;
  /** Where the stack deploys: one engine or a Swarm cluster. */
  readonly target: DeployTarget;
  /** @internal Configures the random provider once, when a generated value needs it. */
  useRandomProvider(): void;
}

/** The DockerStack `scope` belongs to; a ValidationError when it belongs to none. */
export function stackContextOf(scope: IConstruct): StackContext {
  // Stryker disable next-line MethodExpression: equivalent (node.scopes is a new array on every call; the copy only keeps reverse() from relying on that)
  const stack = TerraformStack.isStack(scope) ? scope : scope.node.scopes.slice().reverse().find((c) => TerraformStack.isStack(c));
  // Stryker disable next-line ConditionalExpression: equivalent (hasBrand is false for undefined; the test only says it first)
  if (stack === undefined || !hasBrand(stack, 'DockerStack')) {
    throw new ValidationError([
      {
        ruleId: 'props',
        path: scope.node.path,
        field: '(scope)',
        value: stack === undefined ? '(no stack)' : stack.node.path,
        message: 'services, networks, volumes and secrets must be created inside a DockerStack',
        fix: 'create them in a DockerStack (new DockerStack(app, "name")) or a construct inside one',
      },
    ]);
  }
  return stack as unknown as StackContext;
}
