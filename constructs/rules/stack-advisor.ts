import { Annotations, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import type { StackContext } from '../private/stack-context';
import { formatProblem, ValidationProblem } from '../errors';
import { dataPortPublic } from './data-port-public';
import { StackRule } from './rule';
import { applyRules } from './stack-validator';
import { unboundedRestart } from './unbounded-restart';

/**
 * Rules whose findings are advice, not errors: applied to every DockerStack as warnings, in
 * reporting order. Same shape as STACK_RULES.
 */
export const STACK_ADVISORIES: readonly StackRule[] = [unboundedRestart, dataPortPublic];

/**
 * Applies the advisories at synth time, as an Aspect of the stack: each finding becomes a
 * warning annotation on the service at fault (`Annotations.of(service).addWarning`), which the
 * cdktf CLI prints and writes to the manifest. A warning never stops a synth. Each warning is
 * added once, however often the stack is synthesized.
 */
export class StackAdvisor implements IAspect {
  private readonly emitted = new Set<string>();

  constructor(private readonly stack: StackContext) {}

  /** The advice for the stack as it stands; annotates nothing. */
  problems(): ValidationProblem[] {
    return applyRules(STACK_ADVISORIES, this.stack);
  }

  /** The stack is visited before its children, with the whole tree built: all advice is given there. */
  visit(node: IConstruct): void {
    if (node !== this.stack) return;
    for (const problem of this.problems()) {
      const message = formatProblem(problem);
      const key = `${problem.path}\n${message}`;
      if (this.emitted.has(key)) continue;
      this.emitted.add(key);
      Annotations.of(this.stack.node.findAll().find((c) => c.node.path === problem.path) ?? this.stack).addWarning(message);
    }
  }
}
