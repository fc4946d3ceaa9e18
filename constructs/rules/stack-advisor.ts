import { Annotations, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import type { DockerStack } from '../docker-stack';
import { formatProblem, ValidationProblem } from '../private/validation';
import { Service } from '../service';
import { StackRule } from './rule';
import { unboundedRestart } from './unbounded-restart';

/**
 * Rules whose findings are advice, not errors: applied to every DockerStack as warnings, in
 * reporting order. Same shape as STACK_RULES.
 */
export const STACK_ADVISORIES: readonly StackRule[] = [unboundedRestart];

/**
 * Applies the advisories at synth time, as an Aspect of the stack: each finding becomes a
 * warning annotation on the service at fault (`Annotations.of(service).addWarning`), which the
 * cdktf CLI prints and writes to the manifest. A warning never stops a synth. Each warning is
 * added once, however often the stack is synthesized.
 */
export class StackAdvisor implements IAspect {
  private readonly emitted = new Set<string>();

  constructor(private readonly stack: DockerStack) {}

  /** The advice for the stack as it stands; annotates nothing. */
  problems(): ValidationProblem[] {
    const services = this.services();
    return STACK_ADVISORIES.flatMap((rule) => rule.check({ stack: this.stack, services }));
  }

  /** The stack is visited before its children, with the whole tree built: all advice is given there. */
  visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const services = this.services();
    for (const problem of this.problems()) {
      const message = formatProblem(problem);
      const key = `${problem.path}\n${message}`;
      if (this.emitted.has(key)) continue;
      this.emitted.add(key);
      Annotations.of(services.find((s) => s.node.path === problem.path) ?? this.stack).addWarning(message);
    }
  }

  private services(): Service[] {
    return this.stack.node.findAll().filter((c): c is Service => c instanceof Service);
  }
}
