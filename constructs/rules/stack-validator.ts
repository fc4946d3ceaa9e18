import { IValidation } from 'constructs';
import { formatProblem, ValidationProblem } from '../errors';
import { hasBrand } from '../private/brand';
import type { StackContext } from '../private/stack-context';
import { dependencyCycle } from './dependency-cycle';
import { dependencyWithoutHealthCheck } from './dependency-without-health-check';
import { duplicateContainerName } from './duplicate-container-name';
import { healthCheckMissingTool } from './health-check-missing-tool';
import { hostAccess } from './host-access';
import { noSharedNetwork } from './no-shared-network';
import { portCollision } from './port-collision';
import { portOnInternalNetwork } from './port-on-internal-network';
import { RuleService, RuleStackNetwork, StackRule } from './rule';
import { duplicateNetworkName } from './duplicate-network-name';
import { sharedVolume } from './shared-volume';
import { unpinnedImage } from './unpinned-image';
import { swarmLoopbackPort } from './swarm-loopback-port';
import { swarmStatefulPlacement } from './swarm-stateful-placement';
import { weakSecret } from './weak-secret';

/** Every rule applied to every DockerStack, in reporting order. */
export const STACK_RULES: readonly StackRule[] = [
  portCollision,
  portOnInternalNetwork,
  dependencyWithoutHealthCheck,
  dependencyCycle,
  noSharedNetwork,
  healthCheckMissingTool,
  weakSecret,
  unpinnedImage,
  duplicateContainerName,
  duplicateNetworkName,
  sharedVolume,
  hostAccess,
  swarmStatefulPlacement,
  swarmLoopbackPort,
];

/** The problems `rules` find in `stack`, reading its services from the construct tree. */
export function applyRules(rules: readonly StackRule[], stack: StackContext): ValidationProblem[] {
  const constructs = stack.node.findAll();
  const services = constructs.filter((c): c is RuleService => hasBrand(c, 'Service'));
  const networks = constructs.filter((c): c is RuleStackNetwork => hasBrand(c, 'StackNetwork'));
  return rules.flatMap((rule) => rule.check({ stack, services, networks }));
}

/** Runs the stack rules over the construct tree at synth time. */
export class StackValidator implements IValidation {
  constructor(private readonly stack: StackContext) {}

  problems(): ValidationProblem[] {
    return applyRules(STACK_RULES, this.stack);
  }

  validate(): string[] {
    return this.problems().map(formatProblem);
  }
}
