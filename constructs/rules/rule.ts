import { DockerStack } from '../docker-stack';
import { ValidationProblem } from '../private/validation';
import { Service } from '../service';

/**
 * A check across a whole stack, in the cdk-nag shape: stable id, one-line summary, explanation.
 * Listed in STACK_RULES its findings are errors that stop the synth; listed in STACK_ADVISORIES
 * they are warning annotations.
 */
export interface StackRule {
  /** Stable id, quoted in every message, e.g. `CDS-PORT-COLLISION`. */
  readonly id: string;
  /** One line: what the rule forbids. */
  readonly summary: string;
  /** Why: the failure it prevents. */
  readonly explanation: string;
  /** Problems found; empty when the stack complies. */
  check(context: RuleContext): ValidationProblem[];
}

/** What a rule sees: the stack and its services, read from the construct tree. */
export interface RuleContext {
  readonly stack: DockerStack;
  readonly services: readonly Service[];
}
