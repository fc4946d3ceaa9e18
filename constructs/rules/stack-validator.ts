import { IValidation } from 'constructs';
import type { DockerStack } from '../docker-stack';
import { formatProblem, ValidationProblem } from '../private/validation';
import { Service } from '../service';
import { dependencyCycle } from './dependency-cycle';
import { dependencyWithoutHealthCheck } from './dependency-without-health-check';
import { duplicateContainerName } from './duplicate-container-name';
import { healthCheckMissingTool } from './health-check-missing-tool';
import { hostAccess } from './host-access';
import { portCollision } from './port-collision';
import { portOnInternalNetwork } from './port-on-internal-network';
import { StackRule } from './rule';
import { unpinnedImage } from './unpinned-image';
import { weakSecret } from './weak-secret';

/** Every rule applied to every DockerStack, in reporting order. */
export const STACK_RULES: readonly StackRule[] = [
  portCollision,
  portOnInternalNetwork,
  dependencyWithoutHealthCheck,
  dependencyCycle,
  healthCheckMissingTool,
  weakSecret,
  unpinnedImage,
  duplicateContainerName,
  hostAccess,
];

/** The problems `rules` find in `stack`, reading its services from the construct tree. */
export function applyRules(rules: readonly StackRule[], stack: DockerStack): ValidationProblem[] {
  const services = stack.node.findAll().filter((c): c is Service => c instanceof Service);
  return rules.flatMap((rule) => rule.check({ stack, services }));
}

/** Runs the stack rules over the construct tree at synth time. */
export class StackValidator implements IValidation {
  constructor(private readonly stack: DockerStack) {}

  problems(): ValidationProblem[] {
    return applyRules(STACK_RULES, this.stack);
  }

  validate(): string[] {
    return this.problems().map(formatProblem);
  }
}
