import { DockerStack } from '../../constructs';
import { validationMessages } from './synth';

/** The messages of one rule when the stack is validated (empty when it complies). */
export function findings(stack: DockerStack, ruleId: string): string[] {
  return validationMessages(stack).filter((m) => m.startsWith(`[${ruleId}]`));
}
